"""The service's own database: models, engine and migrations."""
