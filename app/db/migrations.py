"""Run Alembic migrations from code (CLI `serve`, `scripts/seed_db.py`, tests).

These functions are synchronous: Alembic's `env.py` runs its own event loop, so call
them before the service's loop starts (or from a worker thread).
"""

from __future__ import annotations

from alembic import command
from alembic.config import Config

from app.config import PROJECT_ROOT, Settings
from app.db.engine import ensure_sqlite_folder


def alembic_config(database_url: str) -> Config:
    """An Alembic `Config` for this project's `alembic/` folder and the given database."""
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "alembic"))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    config.attributes["configure_logging"] = False
    return config


def upgrade_head(settings: Settings, *, database_url: str | None = None) -> None:
    """Migrate the service database to the newest revision."""
    url = database_url or settings.database_url
    ensure_sqlite_folder(url)
    command.upgrade(alembic_config(url), "head")


def downgrade(settings: Settings, revision: str = "base", *, database_url: str | None = None) -> None:
    """Migrate the service database down to `revision` (default: an empty schema)."""
    command.downgrade(alembic_config(database_url or settings.database_url), revision)
