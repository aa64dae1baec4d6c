"""Migrate the service database and seed the PF360 sandbox with the demo fixture.

Usage:
    uv run python scripts/seed_db.py [--customers 50] [--today YYYY-MM-DD] [--seed 42]

(a) upgrades the service database (``DATABASE_URL``) to the latest migration;
(b) drops and re-creates the sandbox tables at ``PF360_SANDBOX_DATABASE_URL`` and
    inserts the demo fixture of ``shared/contract/pf360.md`` plus ``--customers``
    fake customers. Same arguments, same data.
Exit status: 0 on success, 1 when the sandbox database cannot be seeded.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # runnable without installing

from sqlalchemy.engine import make_url  # noqa: E402

from app.config import Settings, get_settings  # noqa: E402
from app.sandbox import SeedSummary, create_sandbox_engine, seed_sandbox  # noqa: E402


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line: ``--customers N`` (default 50), ``--today``, ``--seed``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--customers", type=int, default=50, help="bulk fake customers (default 50)")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None,
                        help="the seed's date YYYY-MM-DD (default: today in America/New_York)")
    parser.add_argument("--seed", type=int, default=42, help="seed of the fake data (default 42)")
    args = parser.parse_args(argv)
    if args.customers < 0:
        parser.error("--customers must be >= 0")
    return args


def migrate_service_db(settings: Settings) -> bool:
    """Upgrade the service database to head; False (with a warning) when the
    migrations module is not available."""
    try:
        from app.db.migrations import upgrade_head
    except ImportError as exc:
        print(f"warning: service database not migrated (app.db.migrations unavailable: {exc})", file=sys.stderr)
        return False
    upgrade_head(settings)
    return True


async def seed(settings: Settings, *, today: dt.date | None, customers: int, seed: int) -> SeedSummary:
    """Reseed the sandbox database named by ``settings``."""
    engine = create_sandbox_engine(settings.pf360_sandbox_database_url)
    try:
        return await seed_sandbox(engine, today=today, customers=customers, seed=seed)
    finally:
        await engine.dispose()


def main(argv: list[str] | None = None) -> int:
    """Run the script; returns the exit status."""
    args = parse_args(argv)
    settings = get_settings()
    if migrate_service_db(settings):
        print(f"service database migrated: {_safe(settings.database_url)}")
    try:
        summary = asyncio.run(seed(settings, today=args.today, customers=args.customers, seed=args.seed))
    except Exception as exc:  # report plainly; the traceback helps no one here
        print(f"error: could not seed the PF360 sandbox at {_safe(settings.pf360_sandbox_database_url)}: "
              f"{type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    print(
        f"PF360 sandbox seeded at {_safe(settings.pf360_sandbox_database_url)}\n"
        f"  today {summary.today} | clients {summary.clients} | customers {summary.customers} | "
        f"projects {summary.projects} | slots {summary.slots} | appointments {summary.appointments}\n"
        "  demo: client demo-client, customers 1001 (Jane Doe: 90001-90003) and 1002 (John Roe: 90004)"
    )
    return 0


def _safe(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)


if __name__ == "__main__":
    raise SystemExit(main())
