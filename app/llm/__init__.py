"""Intent providers: the embedded local one (default, fallback) and Claude on Bedrock."""
