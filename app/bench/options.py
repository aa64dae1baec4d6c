"""Command-line options of `scheduling-agent bench` (kept free of heavy imports)."""

from __future__ import annotations

import argparse

DEFAULT_DATABASE = "sa_bench"
DEFAULT_REDIS_DB = 5  # the tests use 11; nothing else here uses 5


def add_bench_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the bench options to `parser`."""
    load = parser.add_argument_group("load")
    load.add_argument("--sessions", type=int, default=100,
                      help="concurrent sessions, each a different bulk customer (default 100)")
    load.add_argument("--duration", type=float, default=60.0,
                      help="seconds of measured load after the warm-up (default 60)")
    load.add_argument("--warmup", type=float, default=5.0,
                      help="seconds of load before measuring starts (default 5; verified, not counted)")
    load.add_argument("--rate", type=float, default=None,
                      help="offered load in turns/s over all sessions: each session sends a turn at most every "
                           "SESSIONS/RATE s (a person's think time). Default: none, each session sends its next "
                           "message as soon as it has the answer (closed loop, measures the maximum)")
    load.add_argument("--turns", type=int, default=None,
                      help="stop after this many turns in all (default: bounded by the duration only, "
                           "hard cap 2000 turns/s x duration)")
    load.add_argument("--timeout", type=float, default=30.0, help="per-request timeout in seconds (default 30)")
    load.add_argument("--seed", type=int, default=7, help="seed of the conversation choices")

    target = parser.add_argument_group("target (default: spawn everything)")
    target.add_argument("--api", action="append", default=None, metavar="URL",
                        help="a running service (repeat for several instances; turns go round-robin). "
                             "Without it the bench spawns the sandbox and the service itself")
    target.add_argument("--sandbox", default=None, metavar="URL",
                        help="the running PF360 sandbox used with --api (it is reset with --customers)")
    target.add_argument("--customers", type=int, default=None,
                        help="bulk customers to seed in the sandbox (default: --sessions)")
    target.add_argument("--no-reset", action="store_true",
                        help="do not reset the sandbox (its bulk customers must already exist)")

    spawn = parser.add_argument_group("spawned processes")
    spawn.add_argument("--instances", type=int, default=2,
                       help="service instances on their own ports (default 2)")
    spawn.add_argument("--workers", type=int, default=1,
                       help="uvicorn worker processes per instance (default 1)")
    spawn.add_argument("--database", default=DEFAULT_DATABASE,
                       help=f"PostgreSQL database created (dropped first) for the service (default {DEFAULT_DATABASE}); "
                            "the sandbox gets <name>_pf360")
    spawn.add_argument("--pg", default="postgresql+asyncpg://postgres@127.0.0.1:5432",
                       help="PostgreSQL server (default postgresql+asyncpg://postgres@127.0.0.1:5432)")
    spawn.add_argument("--redis", default=f"redis://127.0.0.1:6379/{DEFAULT_REDIS_DB}",
                       help=f"Redis database, flushed first (default redis://127.0.0.1:6379/{DEFAULT_REDIS_DB})")
    spawn.add_argument("--pool-size", type=int, default=None,
                       help="DATABASE_POOL_SIZE per process (default: 60 connections shared out)")
    spawn.add_argument("--log-level", default="INFO", help="LOG_LEVEL of the spawned service (default INFO, JSON)")
    spawn.add_argument("--keep", action="store_true", help="keep the databases after the run")
    spawn.add_argument("--profile", action="store_true",
                       help="run each service instance under pyinstrument (needs --workers 1); reports "
                            "<logs>/service-N.profile.html and .txt")
    spawn.add_argument("--logs", default=None, help="folder for the processes' logs (default: a temporary one)")

    out = parser.add_argument_group("output")
    out.add_argument("--json", default=None, metavar="FILE", help="also write the results as JSON")
    out.add_argument("--quiet", action="store_true", help="no progress lines")
