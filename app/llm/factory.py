"""Picks the intent provider named by `LLM_PROVIDER`."""

from __future__ import annotations

from app.config import Settings
from app.llm.base import IntentProvider
from app.llm.local import LocalProvider


def create_provider(settings: Settings) -> IntentProvider:
    """The configured provider; `local` is the default and the fallback."""
    if settings.llm_provider == "bedrock":
        from app.llm.bedrock import BedrockProvider

        return BedrockProvider(settings, fallback=LocalProvider())
    return LocalProvider()
