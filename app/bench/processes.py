"""Spawning the processes the bench measures: the PF360 sandbox and service instances.

Everything listens on 127.0.0.1 on free ports. Each process is started in its own
process group (uvicorn's `--workers` forks children) and stopped by that group's id:
SIGINT, then SIGKILL after a grace period. Nothing else is ever signalled.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from app.pf360.client import SANDBOX_TOKEN

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
LOOPBACK = "127.0.0.1"
READY_TIMEOUT_SECONDS = 90.0
STOP_GRACE_SECONDS = 30.0


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def require_loopback(url: str) -> None:
    """Refuse any target that is not 127.0.0.1 / localhost (the bench never leaves the machine)."""
    host = httpx.URL(url).host
    if host not in {"127.0.0.1", "localhost", "::1"}:
        raise SystemExit(f"bench: refusing to send traffic to {url}: only 127.0.0.1 is allowed")


async def recreate_databases(server_url: str, names: list[str]) -> None:
    """Drop (if present) and create each database on the PostgreSQL server `server_url`."""
    engine = create_async_engine(f"{server_url.rstrip('/')}/postgres", isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            for name in names:
                await connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                await connection.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        await engine.dispose()


async def drop_databases(server_url: str, names: list[str]) -> None:
    """Drop the databases (the bench's own)."""
    engine = create_async_engine(f"{server_url.rstrip('/')}/postgres", isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            for name in names:
                await connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        await engine.dispose()


#: The key test runs use to claim a Redis database number (tests/conftest.py); the bench
#: claims its database the same way, so neither ever flushes the other's.
REDIS_CLAIM_KEY = "scheduling-agent-test-run"


async def claim_redis(redis_url: str) -> None:
    """Claim the bench's Redis database (SET NX of the shared claim key), then empty it.

    Raises:
        SystemExit: a test run (or another bench) holds that database.
    """
    from redis.asyncio import Redis

    redis = Redis.from_url(redis_url)
    owner = f"bench-{os.getpid()}"
    try:
        if not await redis.set(REDIS_CLAIM_KEY, owner, nx=True, ex=3 * 3600):
            holder = await redis.get(REDIS_CLAIM_KEY)
            raise SystemExit(f"bench: Redis database {redis_url} is in use by {holder!r}; pass --redis with another")
        await redis.flushdb()
        await redis.set(REDIS_CLAIM_KEY, owner, ex=3 * 3600)
    finally:
        await redis.aclose()


async def flush_redis(redis_url: str) -> None:
    """Empty the bench's Redis database (only the one named by `redis_url`), claim included."""
    from redis.asyncio import Redis

    redis = Redis.from_url(redis_url)
    try:
        await redis.flushdb()
    finally:
        await redis.aclose()


@dataclass
class Process:
    """One spawned process (group leader) and its log file."""

    name: str
    popen: subprocess.Popen
    log: Path

    def tail(self, lines: int = 20) -> str:
        """The last lines of its log."""
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


@dataclass
class Fleet:
    """The spawned sandbox and service instances."""

    sandbox_url: str
    api_urls: list[str]
    logs: Path
    processes: list[Process] = field(default_factory=list)

    def spawn(self, name: str, argv: list[str], env: dict[str, str], *, profile: bool = False) -> Process:
        """Start `python -m app <argv>` in a new process group, output to `<logs>/<name>.log`.

        With `profile`, under pyinstrument (a dev dependency, async mode off: CPU, not
        awaits); `<logs>/<name>.profile.html` and `.profile.txt` are written when it stops.
        """
        log = self.logs / f"{name}.log"
        runner = [sys.executable, "-m", "app"]
        if profile:
            runner = [sys.executable, "-m", "app.bench.profiled", str(self.logs / f"{name}.profile.html")]
        with log.open("ab") as out:
            popen = subprocess.Popen(
                [*runner, *argv], cwd=PROJECT_ROOT, env=env, stdout=out,
                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
            )
        process = Process(name, popen, log)
        self.processes.append(process)
        return process

    def stop(self) -> None:
        """SIGINT each process group, wait, then SIGKILL what is left."""
        for process in self.processes:
            _signal_group(process.popen, signal.SIGINT)
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for process in self.processes:
            try:
                process.popen.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                _signal_group(process.popen, signal.SIGKILL)
                process.popen.wait(timeout=5)
        self.processes.clear()

    def check_alive(self) -> None:
        """Raise when a spawned process has exited (with the end of its log)."""
        for process in self.processes:
            if process.popen.poll() is not None:
                raise RuntimeError(f"{process.name} exited with {process.popen.returncode}:\n{process.tail()}")


def _signal_group(popen: subprocess.Popen, sig: signal.Signals) -> None:
    if popen.poll() is not None:
        return
    try:
        os.killpg(popen.pid, sig)  # the group we created for it (start_new_session)
    except ProcessLookupError:
        pass


def child_env(**settings: str | int | None) -> dict[str, str]:
    """This process's environment with the given settings (None removes one)."""
    env = dict(os.environ)
    env.setdefault("ENVIRONMENT", "dev")
    for name, value in settings.items():
        if value is None:
            env.pop(name.upper(), None)
        else:
            env[name.upper()] = str(value)
    return env


def start_fleet(
    *,
    service_db_url: str,
    sandbox_db_url: str,
    redis_url: str,
    instances: int,
    workers: int,
    pool_size: int | None,
    log_level: str,
    logs: Path | None,
    profile: bool = False,
) -> Fleet:
    """Start the sandbox and `instances` service instances (each with `workers` workers).

    The service database must already be migrated (concurrent first migrations race).
    """
    folder = Path(logs) if logs else Path(tempfile.mkdtemp(prefix="sa-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    sandbox_port = free_port()
    sandbox_url = f"http://{LOOPBACK}:{sandbox_port}"
    processes = instances * workers
    per_process = pool_size or max(2, 60 // (2 * processes))
    fleet = Fleet(sandbox_url=sandbox_url, api_urls=[], logs=folder)
    fleet.spawn(
        "sandbox",
        ["sandbox", "--host", LOOPBACK, "--port", str(sandbox_port)],
        child_env(pf360_sandbox_database_url=sandbox_db_url, log_level="WARNING", pf360_sandbox_latency_ms=0,
                  pf360_sandbox_error_rate=0, pf360_sandbox_timeout_rate=0),
    )
    service_env = child_env(
        database_url=service_db_url,
        redis_url=redis_url,
        pf360_base_url=sandbox_url,
        llm_provider="local",
        rate_limit_messages=1_000_000,  # one bench customer sends far more than a person would
        log_format="json",
        log_level=log_level,
        database_pool_size=per_process,
        database_max_overflow=per_process,
    )
    for index in range(instances):
        port = free_port()
        fleet.api_urls.append(f"http://{LOOPBACK}:{port}")
        fleet.spawn(f"service-{index + 1}",
                    ["serve", "--host", LOOPBACK, "--port", str(port), "--workers", str(workers)], service_env,
                    profile=profile)
    return fleet


async def wait_ready(fleet: Fleet, *, timeout: float = READY_TIMEOUT_SECONDS) -> None:
    """Wait until the sandbox answers and every instance's `/api/readyz` is 200."""
    deadline = time.monotonic() + timeout
    async with httpx.AsyncClient(timeout=2.0) as http:
        pending = [(f"{fleet.sandbox_url}/_sandbox/faults", {"authorization": SANDBOX_TOKEN})]
        pending += [(f"{url}/api/readyz", {}) for url in fleet.api_urls]
        for url, headers in pending:
            while True:
                fleet.check_alive()
                try:
                    if (await http.get(url, headers=headers)).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline:
                    raise TimeoutError(f"{url} not ready after {timeout:.0f}s (logs in {fleet.logs})")
                await asyncio.sleep(0.2)


def database_url(server_url: str, name: str) -> str:
    """`server_url` (no database) + `/name`."""
    return str(make_url(f"{server_url.rstrip('/')}/{name}").render_as_string(hide_password=False))


def cpu_by_role(fleet: Fleet | None) -> dict[str, float]:
    """CPU seconds (user + system) used so far, by role: each spawned process group
    (its workers included), PostgreSQL and Redis server processes, and this bench
    process. Linux only (reads /proc); {} elsewhere."""
    groups = {p.popen.pid: p.name.split("-")[0] for p in fleet.processes} if fleet else {}
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    totals: dict[str, float] = {}
    try:
        entries = os.listdir("/proc")
    except OSError:  # pragma: no cover
        return {}
    me = os.getpid()
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                raw = stat.read()
        except OSError:
            continue
        name = raw[raw.index("(") + 1: raw.rindex(")")]
        fields = raw[raw.rindex(")") + 2:].split()
        pgrp, seconds = int(fields[2]), (int(fields[11]) + int(fields[12])) / tick
        if pgrp in groups:
            role = groups[pgrp]
        elif name.startswith("postgres"):
            role = "postgres"
        elif name.startswith("redis-server"):
            role = "redis"
        elif int(entry) == me:
            role = "bench client"
        else:
            continue
        totals[role] = totals.get(role, 0.0) + seconds
    try:
        with open("/proc/stat") as stat:
            fields = [int(v) for v in stat.readline().split()[1:]]
        totals["machine (all processes)"] = (sum(fields) - fields[3] - fields[4]) / tick  # minus idle, iowait
    except (OSError, ValueError, IndexError):  # pragma: no cover
        pass
    return totals
