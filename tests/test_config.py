"""Settings: embedded defaults with nothing set; production refuses to start half-configured."""

from __future__ import annotations

import subprocess
import sys

import pytest
from pydantic import ValidationError

from app.config import DEV_JWT_SECRET_KEY, Settings

PROD = dict(
    environment="prod",
    jwt_secret_key="a-real-secret-that-is-long-enough-0123456789",
    pf360_base_url="https://pf360.example.com",
    pf360_api_token="service-token",
    redis_url="redis://127.0.0.1:6379/0",
    database_url="postgresql+asyncpg://app@db/scheduling",
)


def test_embedded_defaults_need_no_settings(monkeypatch) -> None:
    for name in ("DATABASE_URL", "REDIS_URL", "PF360_BASE_URL", "LLM_PROVIDER", "JWT_SECRET_KEY", "ENVIRONMENT"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings(_env_file=None)
    assert settings.database_url.startswith("sqlite+aiosqlite:///")
    assert settings.redis_url is None and settings.pf360_base_url is None
    assert settings.llm_provider == "local"
    assert (settings.session_ttl_seconds, settings.intent_confidence_threshold, settings.max_clarification_attempts) \
        == (1800, 0.7, 3)
    assert settings.uses_dev_jwt_key


def test_a_complete_production_configuration_is_accepted() -> None:
    assert Settings(_env_file=None, **PROD).environment == "prod"


@pytest.mark.parametrize(
    ("override", "named"),
    [
        ({"jwt_secret_key": DEV_JWT_SECRET_KEY}, "JWT_SECRET_KEY"),
        ({"pf360_base_url": None}, "PF360_BASE_URL"),
        ({"pf360_api_token": None}, "PF360_API_TOKEN"),
        ({"redis_url": None}, "REDIS_URL"),
        ({"database_url": "sqlite+aiosqlite:///x.db"}, "DATABASE_URL"),
        ({"llm_provider": "bedrock"}, "BEDROCK_MODEL_ID"),
    ],
)
def test_production_refuses_a_missing_or_wrong_setting_and_names_it(override, named) -> None:
    with pytest.raises(ValidationError, match=named):
        Settings(_env_file=None, **{**PROD, **override})


def test_serve_fails_at_start_up_naming_the_setting(tmp_path) -> None:
    result = subprocess.run([sys.executable, "-m", "app", "serve", "--port", "1"], capture_output=True, text=True,
                            env={"PATH": "/usr/bin:/bin", "ENVIRONMENT": "prod", "HOME": str(tmp_path)}, timeout=60,
                            cwd=tmp_path)
    assert result.returncode != 0
    assert "JWT_SECRET_KEY" in result.stderr
