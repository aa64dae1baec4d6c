"""Service settings, read by pydantic-settings from the environment or `.env`.

The names and embedded defaults follow `shared/contract/cli.md`. Every command works
with no settings at all (the *embedded* defaults: SQLite, an in-process Redis
stand-in, the local LLM provider, the PF360 sandbox mounted in-process); the same
command works against production services when the settings name them.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"

#: The development signing key. Refused when ``ENVIRONMENT=prod``.
DEV_JWT_SECRET_KEY = "dev-only-insecure-jwt-key-change-me-0123456789"

#: Widget origins allowed by CORS when ``CORS_ALLOWED_ORIGINS`` is unset outside production.
DEV_CORS_ORIGINS = ("http://127.0.0.1:8000", "http://localhost:8000")
_ORIGIN = re.compile(r"^https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?$")


class SettingsError(ValueError):
    """A setting is missing or wrong; the message names it."""


class Settings(BaseSettings):
    """All run-time settings. Field names map to upper-case environment variables."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", frozen=True)

    environment: Literal["dev", "test", "prod"] = "dev"
    log_format: Literal["auto", "console", "json"] = "auto"
    log_level: str = "INFO"

    # Stores
    database_url: str = f"sqlite+aiosqlite:///{DATA_DIR / 'scheduling_agent.db'}"
    database_pool_size: int = Field(10, ge=1, le=200)
    database_max_overflow: int = Field(10, ge=0, le=200)
    redis_url: str | None = None
    session_ttl_seconds: int = Field(1800, ge=1)
    session_lock_timeout_seconds: float = Field(30.0, gt=0, description="a turn's lock lifetime")
    session_lock_wait_seconds: float = Field(10.0, gt=0, description="how long a message waits for its session")

    # LLM
    llm_provider: Literal["local", "bedrock"] = "local"
    bedrock_model_id: str | None = None
    aws_region: str | None = None
    bedrock_endpoint_url: str | None = Field(None, description="bedrock-runtime URL override (VPC endpoint, tests)")
    bedrock_skip_confidence: float = Field(0.9, ge=0, le=1, description="local confidence at which no LLM call is made")
    bedrock_connect_timeout_seconds: float = Field(2.0, gt=0)
    bedrock_read_timeout_seconds: float = Field(10.0, gt=0)
    bedrock_max_attempts: int = Field(3, ge=1, description="botocore adaptive-retry attempts per call")
    bedrock_call_budget_seconds: float = Field(12.0, gt=0, description="one Bedrock call, retries included")
    bedrock_breaker_failures: int = Field(3, ge=1, description="consecutive failures that open the breaker")
    bedrock_breaker_cooldown_seconds: float = Field(30.0, gt=0, description="open time before one trial call")
    llm_history_turns: int = Field(6, ge=0, description="previous turns shown to the LLM")
    llm_history_max_tokens: int = Field(1500, ge=0, description="rough cap (characters/4) on that history")
    llm_phrase_responses: bool = False

    # NLU / dialogue
    intent_confidence_threshold: float = Field(0.7, ge=0, le=1)
    max_clarification_attempts: int = Field(3, ge=1)

    # PF360
    default_timezone: str = Field("America/New_York", description="used until PF360 names the client's")
    pf360_base_url: str | None = None
    pf360_api_token: str | None = None
    pf360_timeout_seconds: float = Field(5.0, gt=0, description="one PF360 HTTP call")
    pf360_turn_budget_seconds: float = Field(10.0, gt=0, description="all PF360 calls of one turn")
    pf360_sandbox_database_url: str = f"sqlite+aiosqlite:///{DATA_DIR / 'pf360_sandbox.db'}"
    pf360_sandbox_latency_ms: int = Field(0, ge=0)
    pf360_sandbox_error_rate: float = Field(0.0, ge=0, le=1)
    pf360_sandbox_timeout_rate: float = Field(0.0, ge=0, le=1)

    # Auth
    jwt_secret_key: str = DEV_JWT_SECRET_KEY
    jwt_algorithm: Literal["HS256", "HS384", "HS512"] = "HS256"

    # Load
    max_active_turns: int = Field(
        8, ge=0, description="turns one process works on at once; the rest wait in line; turns awaiting PF360, "
        "Bedrock or their session's lock do not count; 0 = no bound",
    )

    # Rate limits
    rate_limit_messages: int = Field(30, ge=1, description="messages per customer per window")
    rate_limit_window_seconds: int = Field(60, ge=1)

    # Security
    jwt_keys: dict[str, str] = Field(
        default_factory=dict, description='JSON {"kid": "secret"}: keys accepted for tokens whose header names a kid'
    )
    jwt_current_kid: str | None = Field(None, description="the JWT_KEYS entry new tokens are signed with")
    jwt_issuer: str | None = Field(None, description="required `iss` claim; unset = not checked")
    jwt_audience: str | None = Field(None, description="required `aud` claim; unset = not checked")
    jwt_leeway_seconds: int = Field(30, ge=0, le=300, description="clock skew tolerated on exp/nbf/iat")
    max_body_bytes: int = Field(32768, ge=1024, le=1_048_576, description="request body cap; larger is 413")
    auth_failure_limit: int = Field(20, ge=1, description="failed authentications per client address per window")
    auth_failure_window_seconds: int = Field(300, ge=1)
    cors_allowed_origins: Annotated[list[str] | None, NoDecode] = Field(
        None, description="widget origins, comma-separated or a JSON list; unset = the local dev origins (none in prod)"
    )

    @field_validator("cors_allowed_origins", mode="before")
    @classmethod
    def _parse_origins(cls, value: object) -> object:
        if isinstance(value, str):
            text = value.strip()
            value = json.loads(text) if text.startswith("[") else text.split(",")
        if isinstance(value, list | tuple):
            value = [str(o).strip().rstrip("/") for o in value if str(o).strip()]
            bad = [o for o in value if not _ORIGIN.match(o)]
            if bad:
                raise SettingsError(
                    f"CORS_ALLOWED_ORIGINS must list origins like https://portal.example.com (no '*', no path): {bad}"
                )
        return value

    @model_validator(mode="after")
    def _signing_keys_are_usable(self) -> Settings:
        if self.jwt_current_kid is not None and self.jwt_current_kid not in self.jwt_keys:
            raise SettingsError("JWT_CURRENT_KID must name a key of JWT_KEYS")
        if any(not kid or not secret for kid, secret in self.jwt_keys.items()):
            raise SettingsError("JWT_KEYS must map non-empty key ids to non-empty secrets")
        return self

    @model_validator(mode="after")
    def _production_needs_real_settings(self) -> Settings:
        if self.environment != "prod":
            return self
        if self.jwt_secret_key == DEV_JWT_SECRET_KEY or len(self.jwt_secret_key) < 32:
            raise SettingsError(
                "JWT_SECRET_KEY must be set to a secret of at least 32 characters when ENVIRONMENT=prod"
            )
        weak = sorted(kid for kid, secret in self.jwt_keys.items() if secret == DEV_JWT_SECRET_KEY or len(secret) < 32)
        if weak:
            raise SettingsError(f"JWT_KEYS {weak} must be secrets of at least 32 characters when ENVIRONMENT=prod")
        if not self.pf360_base_url:
            raise SettingsError("PF360_BASE_URL must be set when ENVIRONMENT=prod (no sandbox in production)")
        if not self.pf360_api_token:
            raise SettingsError("PF360_API_TOKEN must be set when ENVIRONMENT=prod")
        if not self.redis_url:
            raise SettingsError("REDIS_URL must be set when ENVIRONMENT=prod")
        if self.database_url.startswith("sqlite"):
            raise SettingsError("DATABASE_URL must name PostgreSQL when ENVIRONMENT=prod")
        if self.llm_provider == "bedrock" and not (self.bedrock_model_id and self.aws_region):
            raise SettingsError("BEDROCK_MODEL_ID and AWS_REGION must be set when LLM_PROVIDER=bedrock")
        return self

    @property
    def uses_dev_jwt_key(self) -> bool:
        """True when the development signing key is in use (start-up warns)."""
        return self.jwt_secret_key == DEV_JWT_SECRET_KEY

    @property
    def cors_origins(self) -> list[str]:
        """The origins CORS allows: `CORS_ALLOWED_ORIGINS`, else the local dev origins (none in prod)."""
        if self.cors_allowed_origins is not None:
            return list(self.cors_allowed_origins)
        return [] if self.environment == "prod" else list(DEV_CORS_ORIGINS)


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings, read once from the environment.

    Raises:
        SettingsError / pydantic.ValidationError: a setting is missing or wrong.
    """
    return Settings()
