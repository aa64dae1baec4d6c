"""The `scheduling-agent` command (also `python -m app`); see shared/contract/cli.md."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

DEFAULT_HOST = "127.0.0.1"


def _settings():
    from app.config import get_settings

    try:
        return get_settings()
    except ValueError as error:  # pydantic's ValidationError is a ValueError
        sys.exit(f"scheduling-agent: invalid settings: {error}")


def cmd_serve(args: argparse.Namespace) -> int:
    """Migrate the database, then run the HTTP API with uvicorn."""
    import uvicorn

    from app.db.migrations import upgrade_head

    settings = _settings()
    if args.workers > 1 and settings.redis_url is None:
        sys.exit("scheduling-agent: --workers > 1 needs REDIS_URL (the in-process Redis stand-in is per process)")
    upgrade_head(settings)
    uvicorn.run("app.cli:serve_app", factory=True, host=args.host, port=args.port, workers=args.workers,
                log_level="warning", access_log=False)
    return 0


def serve_app():
    """The app `serve` runs (in each worker): `create_app()`, plus, once the lifespan has
    started (modules imported, model loaded), `settle_heap()`: the start-up's objects
    frozen and the collector's thresholds raised (see `app.gc_tuning`).
    """
    from contextlib import asynccontextmanager

    from app.gc_tuning import settle_heap
    from app.main import create_app

    app = create_app()
    started = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(application):
        async with started(application) as state:
            settle_heap()
            yield state

    app.router.lifespan_context = lifespan
    return app


def cmd_sandbox(args: argparse.Namespace) -> int:
    """Run the PF360 sandbox as its own HTTP server."""
    from app.sandbox.server import run

    run(args.host, args.port, _settings())
    return 0


def cmd_bedrock_stub(args: argparse.Namespace) -> int:
    """Run a local stand-in for Amazon Bedrock's runtime API (app.llm.stub) on 127.0.0.1."""
    from app.llm.stub import run

    try:
        return run(args.port, args.mode)
    except OSError as error:
        sys.exit(f"scheduling-agent: bedrock-stub cannot listen on 127.0.0.1:{args.port}: {error}")


def cmd_token(args: argparse.Namespace) -> int:
    """Print a JWT signed with JWT_SECRET_KEY."""
    from app.auth.tokens import issue_token

    print(issue_token(_settings(), customer_id=args.customer, client_id=args.client, ttl_seconds=args.ttl))
    return 0


def cmd_chat(args: argparse.Namespace) -> int:
    """A chat in the terminal, through the same graph and stores as the API."""
    from app.chat.terminal import run_terminal_chat
    from app.db.migrations import upgrade_head

    settings = _settings()
    upgrade_head(settings)
    return asyncio.run(run_terminal_chat(settings, customer_id=args.customer, client_id=args.client))


def cmd_eval_nlu(args: argparse.Namespace) -> int:
    """Measure the intent classifier on a labelled JSONL file."""
    from app.nlu.evaluate import cli_main

    return cli_main(Path(args.data), date.fromisoformat(args.today), args.json)


def cmd_replay(args: argparse.Namespace) -> int:
    """Replay scripted conversations against a running API and sandbox."""
    from app.scenarios import replay_directory

    return asyncio.run(replay_directory(Path(args.directory), api_url=args.api, sandbox_url=args.sandbox,
                                        settings=_settings(), verbose=args.verbose))


def cmd_bench(args: argparse.Namespace) -> int:
    """Load-test a live service (spawns the sandbox and service instances unless --api is given)."""
    from app.bench.runner import run_from_args

    return run_from_args(args)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with one sub-command per cli.md row."""
    parser = argparse.ArgumentParser(prog="scheduling-agent", description="Scheduling assistant for PF360 customers")
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="run the HTTP API")
    serve.add_argument("--host", default=DEFAULT_HOST)
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1, help="worker processes (needs REDIS_URL when > 1)")
    serve.set_defaults(func=cmd_serve)

    chat = commands.add_parser("chat", help="chat in the terminal")
    chat.add_argument("--customer", default="1001")
    chat.add_argument("--client", default="demo-client")
    chat.set_defaults(func=cmd_chat)

    token = commands.add_parser("token", help="print a JWT for the API")
    token.add_argument("--customer", required=True)
    token.add_argument("--client", required=True)
    token.add_argument("--ttl", type=int, default=3600, help="seconds until it expires")
    token.set_defaults(func=cmd_token)

    sandbox = commands.add_parser("sandbox", help="run the PF360 sandbox as its own server")
    sandbox.add_argument("--host", default=DEFAULT_HOST)
    sandbox.add_argument("--port", type=int, default=8360)
    sandbox.set_defaults(func=cmd_sandbox)

    from app.llm.stub import MODES  # standard library only

    stub = commands.add_parser("bedrock-stub", help="run a local Bedrock stand-in (offline LLM_PROVIDER=bedrock)")
    stub.add_argument("--port", type=int, default=8370, help="port on 127.0.0.1")
    stub.add_argument("--mode", choices=MODES, default="correct",
                      help="correct answers, 503s, throttling, answers after the read timeout, or unusable answers")
    stub.set_defaults(func=cmd_bedrock_stub)

    replay = commands.add_parser("replay", help="replay scripted conversations against running processes")
    replay.add_argument("directory", nargs="?", default=str(Path(__file__).resolve().parent.parent / "tests" / "scenarios"))
    replay.add_argument("--api", default="http://127.0.0.1:8000", help="the chat API's base URL")
    replay.add_argument("--sandbox", default="http://127.0.0.1:8360", help="the PF360 sandbox's base URL")
    replay.add_argument("--verbose", action="store_true", help="print every turn")
    replay.set_defaults(func=cmd_replay)

    evaluate = commands.add_parser("eval-nlu", help="measure the intent classifier")
    evaluate.add_argument("--data", required=True, help="labelled JSONL file")
    evaluate.add_argument("--today", required=True, help="YYYY-MM-DD that relative dates resolve against")
    evaluate.add_argument("--json", action="store_true", help="print one JSON object")
    evaluate.set_defaults(func=cmd_eval_nlu)

    from app.bench.options import add_bench_arguments

    bench = commands.add_parser("bench", help="load-test a live service; see PERFORMANCE.md")
    add_bench_arguments(bench)
    bench.set_defaults(func=cmd_bench)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script."""
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)
