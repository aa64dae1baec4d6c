"""`scheduling-agent bench`: the load run itself (see `app.bench` and PERFORMANCE.md)."""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import platform
import random
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import httpx

from app.bench.calibration import reference_ms
from app.bench.conversation import SessionRecord, TurnRecord, VirtualUser, bookable_days, post_turn
from app.bench.http import HttpError, RawClient
from app.bench.processes import (
    Fleet,
    claim_redis,
    cpu_by_role,
    database_url,
    drop_databases,
    flush_redis,
    recreate_databases,
    require_loopback,
    start_fleet,
    wait_ready,
)
from app.bench.report import HistoryCheck, build_results, check_history, render
from app.pf360.client import SANDBOX_TOKEN

CLIENT_ID = "demo-client"
FIRST_BULK_CUSTOMER = 2001  # app.sandbox.fixture.FIRST_BULK_CUSTOMER_ID
SCHEDULABLE = ("Ready to Schedule", "Pending Measurement")
HISTORY_CONCURRENCY = 16
TURNS_PER_SECOND_CAP = 2000  # hard bound of the turn count when --turns is not given


def run_from_args(args: argparse.Namespace) -> int:
    """Run the bench for the parsed command line; 0 when every check passed."""
    from app.config import get_settings

    settings = get_settings()
    if args.sessions < 1 or args.duration <= 0 or args.warmup < 0 or (args.rate is not None and args.rate <= 0):
        sys.exit("bench: --sessions must be >= 1, --duration > 0, --warmup >= 0, --rate > 0")
    if args.profile and args.workers != 1:
        sys.exit("bench: --profile needs --workers 1 (pyinstrument sees one process)")
    if args.api:
        if not args.sandbox:
            sys.exit("bench: --api needs --sandbox (the PF360 sandbox the service uses)")
        for url in [*args.api, args.sandbox]:
            require_loopback(url)
        api_urls, sandbox_url = [u.rstrip("/") for u in args.api], args.sandbox.rstrip("/")
        target = f"running service {', '.join(api_urls)}; sandbox {sandbox_url}"
        results = _run_loop(_bench(args, settings, api_urls, sandbox_url, None, target))
    else:
        results = _spawn_and_run(args, settings)
    print(render(results), flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, default=str))
    return 0 if results["errors_5xx"] == 0 and results["history"]["ok"] else 1


def _spawn_and_run(args: argparse.Namespace, settings: Any) -> dict[str, Any]:
    """Create the bench databases, claim the Redis database, start the processes, run,
    and undo all of it (the databases stay with --keep)."""
    from app.db.migrations import upgrade_head

    require_loopback(args.pg.replace("postgresql+asyncpg", "http"))
    require_loopback(args.redis.replace("redis://", "http://"))
    databases = [args.database, f"{args.database}_pf360"]
    asyncio.run(claim_redis(args.redis))
    fleet: Fleet | None = None
    try:
        asyncio.run(recreate_databases(args.pg, databases))
        service_db = database_url(args.pg, databases[0])
        upgrade_head(settings, database_url=service_db)
        fleet = start_fleet(
            service_db_url=service_db, sandbox_db_url=database_url(args.pg, databases[1]), redis_url=args.redis,
            instances=args.instances, workers=args.workers, pool_size=args.pool_size, log_level=args.log_level,
            logs=Path(args.logs) if args.logs else None, profile=args.profile,
        )
        target = (f"spawned: {args.instances} instance(s) x {args.workers} worker(s) {', '.join(fleet.api_urls)}; "
                  f"sandbox {fleet.sandbox_url}; PostgreSQL db {databases[0]} (+ {databases[1]}); "
                  f"Redis {args.redis}; logs {fleet.logs}")
        return _run_loop(_bench(args, settings, fleet.api_urls, fleet.sandbox_url, fleet, target))
    finally:
        if fleet is not None:
            fleet.stop()
        asyncio.run(flush_redis(args.redis))
        if not args.keep:
            asyncio.run(drop_databases(args.pg, databases))


def _run_loop(coroutine: Any) -> Any:
    """Run on uvloop when available (the load generator should cost the machine little)."""
    try:
        import uvloop
    except ImportError:  # pragma: no cover
        return asyncio.run(coroutine)
    with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
        return runner.run(coroutine)


async def _prepare_customers(sandbox_url: str, count: int, *, reset: bool) -> tuple[date, dict[str, str]]:
    """Reset the sandbox with `count` bulk customers; pick one project per customer."""
    headers = {"authorization": SANDBOX_TOKEN, "client_id": CLIENT_ID}
    async with httpx.AsyncClient(base_url=sandbox_url, timeout=120) as pf360:
        if reset:
            response = await pf360.post("/_sandbox/reset", json={"customers": count}, headers=headers)
            response.raise_for_status()
            today = date.fromisoformat(response.json()["data"]["today"])
        else:
            from app.sandbox.seed import default_today

            today = default_today()
        gate = asyncio.Semaphore(16)

        async def project_of(customer_id: str) -> tuple[str, str]:
            async with gate:
                response = await pf360.get(f"/dashboard/get/{CLIENT_ID}/{customer_id}",
                                           headers={**headers, "customer_id": customer_id})
            response.raise_for_status()
            projects = response.json()["data"]["projects"]
            if not projects:
                raise RuntimeError(f"bulk customer {customer_id} has no project")
            chosen = next((p for p in projects if p["status"] in SCHEDULABLE), projects[0])
            return customer_id, chosen["order_number"]

        ids = [str(FIRST_BULK_CUSTOMER + i) for i in range(count)]
        orders = dict(await asyncio.gather(*(project_of(c) for c in ids)))
    return today, orders


async def _bench(args: argparse.Namespace, settings: Any, api_urls: list[str], sandbox_url: str,
                 fleet: Fleet | None, target: str) -> dict[str, Any]:
    from app.auth.tokens import issue_token

    say = (lambda *_: None) if args.quiet else (lambda text: print(text, file=sys.stderr, flush=True))
    if fleet is not None:
        say(f"bench: waiting for {len(api_urls)} instance(s) and the sandbox (logs in {fleet.logs})")
        await wait_ready(fleet)
    customers = max(args.customers or args.sessions, args.sessions)
    say(f"bench: seeding the sandbox with {customers} bulk customers")
    today, orders = await _prepare_customers(sandbox_url, customers, reset=not args.no_reset)
    days = bookable_days(today)
    total_seconds = args.warmup + args.duration
    tokens = {c: issue_token(settings, customer_id=c, client_id=CLIENT_ID, ttl_seconds=int(total_seconds) + 3600)
              for c in list(orders)[: args.sessions]}
    master = random.Random(args.seed)
    users = [VirtualUser(i, c, orders[c], days, random.Random(master.random())) for i, c in enumerate(tokens)]

    records: list[TurnRecord] = []
    sessions: list[SessionRecord] = []
    rotation = itertools.count()
    budget = args.turns or int(TURNS_PER_SECOND_CAP * total_seconds)
    sent = 0
    clients = [RawClient(u, timeout=args.timeout) for u in api_urls]
    started = time.perf_counter()
    measure_from = started + args.warmup
    stop_at = measure_from + args.duration
    interval = args.sessions / args.rate if args.rate else 0.0  # start-to-start time of one session's turns
    pace = random.Random(args.seed + 1)
    next_turn_at = {u.customer_id: started + pace.uniform(0, interval) for u in users}

    def keep_going() -> bool:
        return sent < budget and time.perf_counter() < stop_at

    def new_session(customer_id: str) -> SessionRecord:
        session = SessionRecord(customer_id)
        sessions.append(session)
        return session

    async def send(session: SessionRecord, message: str) -> dict[str, Any] | None:
        nonlocal sent
        if interval:
            now = time.perf_counter()
            due = next_turn_at[session.customer_id]
            next_turn_at[session.customer_id] = max(now, due) + interval
            if due > now:
                await asyncio.sleep(due - now)
                if not keep_going():
                    return None
        sent += 1
        instance = next(rotation) % len(clients)
        headers = {"authorization": f"Bearer {tokens[session.customer_id]}"}
        record, body = await post_turn(clients[instance], instance, session, message, headers)
        records.append(record)
        if body is None:
            await asyncio.sleep(0.05)  # a failing target must not become a hot loop
        return body

    async def user_loop(user: VirtualUser) -> None:
        while keep_going():
            await user.conversation(send, new_session, keep_going)

    async def progress() -> None:
        last_count, last_time = 0, time.perf_counter()
        while time.perf_counter() < stop_at:
            await asyncio.sleep(min(5.0, max(0.1, stop_at - time.perf_counter())))
            now = time.perf_counter()
            ok = sum(1 for r in records if r.status == 200)
            errors = len(records) - ok
            say(f"bench: {now - started:5.1f}s  {ok} turns ok, {errors} errors, "
                f"{(ok - last_count) / max(1e-9, now - last_time):.0f} turns/s"
                f"{'  (warm-up)' if now < measure_from else ''}")
            last_count, last_time = ok, now

    say(f"bench: {args.sessions} sessions against {len(api_urls)} instance(s), "
        f"{args.warmup:.0f} s warm-up + {args.duration:.0f} s")
    async def sample_cpu() -> None:
        await asyncio.sleep(max(0.0, measure_from - time.perf_counter()))
        cpu_marks.append((time.perf_counter(), cpu_by_role(fleet)))
        await asyncio.sleep(max(0.0, stop_at - time.perf_counter()))
        cpu_marks.append((time.perf_counter(), cpu_by_role(fleet)))

    reference = {"before": reference_ms()}  # the machine's speed, before the load
    cpu_marks: list[tuple[float, dict[str, float]]] = []
    sampler = asyncio.create_task(sample_cpu())
    reporter = asyncio.create_task(progress())
    try:
        await asyncio.wait_for(asyncio.gather(*(user_loop(u) for u in users)),
                               timeout=total_seconds + args.timeout + 30)
    finally:
        reporter.cancel()
        sampler.cancel()
    reference["after"] = reference_ms()
    say(f"bench: load done ({len(records)} requests); reading {len(sessions)} histories back")
    history = await _check_histories(clients, sessions, tokens)
    for client in clients:
        await client.aclose()
    meta = {
        "target": target,
        "sessions": args.sessions,
        "offered_rate": args.rate,
        "first_customer": users[0].customer_id,
        "last_customer": users[-1].customer_id,
        "warmup_seconds": args.warmup,
        "command": "scheduling-agent " + " ".join(sys.argv[1:]),
        "machine": machine_info() | {"reference_ms": reference},
    }
    results = build_results(records, measure_from=measure_from, measure_to=stop_at, meta=meta, history=history)
    if len(cpu_marks) == 2 and results["turns_ok"]:
        (t0, before), (t1, after) = cpu_marks
        turns = results["turns_ok"]
        results["cpu"] = {
            role: {"cores": round((after[role] - before.get(role, 0.0)) / (t1 - t0), 2),
                   "ms_per_turn": round((after[role] - before.get(role, 0.0)) * 1000 / turns, 2)}
            for role in sorted(after)
        }
    return results


async def _check_histories(clients: list[RawClient], sessions: list[SessionRecord],
                           tokens: dict[str, str]) -> HistoryCheck:
    check = HistoryCheck()
    gate = asyncio.Semaphore(HISTORY_CONCURRENCY)

    async def one(index: int, session: SessionRecord) -> None:
        if session.session_id is None:
            return
        headers = {"authorization": f"Bearer {tokens[session.customer_id]}"}
        async with gate:  # each instance in turn: the history must not depend on where turns ran
            try:
                answer = await clients[index % len(clients)].request(
                    "GET", f"/api/sessions/{session.session_id}/history", headers=headers)
            except HttpError:
                answer = None
        if answer is None or answer.status != 200:
            check.unreadable += 1
            return
        check_history(session.turns, answer.json()["messages"], check, session.session_id)

    await asyncio.gather(*(one(i, s) for i, s in enumerate(sessions)))
    return check


def machine_info() -> dict[str, Any]:
    """CPU count, memory, Python and key package versions (for PERFORMANCE.md)."""
    from importlib.metadata import PackageNotFoundError, version

    memory = None
    try:
        with open("/proc/meminfo") as meminfo:
            memory = meminfo.readline().split(":")[1].strip()
    except OSError:  # pragma: no cover
        pass
    versions = {}
    for name in ("fastapi", "uvicorn", "uvloop", "httptools", "langgraph", "sqlalchemy", "asyncpg", "redis",
                 "pydantic", "httpx", "structlog"):
        try:
            versions[name] = version(name)
        except PackageNotFoundError:  # pragma: no cover
            pass
    return {"nproc": os.cpu_count(), "memory": memory, "python": platform.python_version(),
            "platform": platform.platform(), "packages": versions}


