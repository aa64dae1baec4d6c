"""Scale-out: one session's turns alternate between two service instances (one of them
with two worker processes) sharing this run's PostgreSQL and Redis, with the PF360
sandbox as its own process. The booking goes from greeting to confirmed appointment;
the history is complete and ordered on both instances; the sandbox holds it once.

Real stores only (an embedded store is per process). Bounded: the processes get 45 s
to start, every request 15 s.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import create_async_engine

from app.db.models import AppointmentAudit
from app.pf360.client import SANDBOX_TOKEN
from app.pf360.timefmt import to_pf360_time
from app.sandbox.seed import default_today
from app.scenarios import placeholder_dates
from tests.conftest import _clean
from tests.stores.servers import free_port

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent.parent
START_TIMEOUT = 45.0
PF360 = {"authorization": SANDBOX_TOKEN, "client_id": "demo-client", "customer_id": "1001"}


def _spawn(argv: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    with log.open("wb") as out:
        return subprocess.Popen([sys.executable, "-m", "app", *argv], cwd=ROOT, env=env, stdout=out,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)


def _stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGINT)  # its own process group (uvicorn workers included)
    for process in processes:
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)


@pytest.fixture
def fleet(stores, tmp_path: Path) -> Iterator[dict]:
    """The sandbox and two instances (the first with two workers) on free ports."""
    if stores.kind != "real":
        pytest.skip("several processes need the real PostgreSQL and Redis")
    sandbox_port, first, second = free_port(), free_port(), free_port()
    base = {k: v for k, v in os.environ.items() if not k.startswith(("PF360_", "DATABASE_", "REDIS_", "LLM_"))}
    sandbox_env = {**base, "PF360_SANDBOX_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'sandbox.db'}",
                   "LOG_LEVEL": "WARNING"}
    service_env = {**base, "ENVIRONMENT": "test", "DATABASE_URL": stores.database_url, "REDIS_URL": stores.redis_url,
                   "PF360_BASE_URL": f"http://127.0.0.1:{sandbox_port}", "LLM_PROVIDER": "local",
                   "RATE_LIMIT_MESSAGES": "1000", "LOG_LEVEL": "WARNING"}
    processes = [_spawn(["sandbox", "--port", str(sandbox_port)], sandbox_env, tmp_path / "sandbox.log")]
    try:
        # the sandbox seeds its demo data on start; let it finish before the instances ask it anything
        _wait_ready([f"http://127.0.0.1:{sandbox_port}/_sandbox/faults"], processes, tmp_path)
        processes.append(_spawn(["serve", "--port", str(first), "--workers", "2"], service_env, tmp_path / "a.log"))
        processes.append(_spawn(["serve", "--port", str(second)], service_env, tmp_path / "b.log"))
        _wait_ready([f"http://127.0.0.1:{p}/api/readyz" for p in (first, second)], processes, tmp_path)
        yield {"sandbox": f"http://127.0.0.1:{sandbox_port}",
               "instances": [f"http://127.0.0.1:{first}", f"http://127.0.0.1:{second}"]}
    finally:
        _stop(processes)
        asyncio.run(_clean(stores))


def _wait_ready(urls: list[str], processes: list[subprocess.Popen], logs: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    for url in urls:
        while True:
            for process in processes:
                if process.poll() is not None:
                    pytest.fail(f"a process exited ({process.args}); logs in {logs}")
            try:
                if httpx.get(url, headers={"authorization": SANDBOX_TOKEN}, timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"{url} not ready within {START_TIMEOUT:.0f}s; logs in {logs}")
            time.sleep(0.2)


async def test_a_booking_alternating_between_two_instances(fleet, stores, token_for) -> None:
    dates = placeholder_dates(default_today())
    script = [
        ("hi there", "greeting"),
        ("what projects do I have?", "list_projects"),
        ("I'd like to get my flooring installation scheduled", None),
        ("what dates are available?", None),
        (f"{dates['D1']} at 10am please", None),
        ("yes", "confirm"),
    ]
    headers = {"Authorization": f"Bearer {token_for('1001')}"}
    instances = fleet["instances"]
    session_id = None
    answers = []
    async with httpx.AsyncClient(timeout=15) as http:
        for turn, (message, intent) in enumerate(script):
            url = f"{instances[turn % 2]}/api/chat"  # every other turn on the other instance
            response = await http.post(url, json={"session_id": session_id, "message": message}, headers=headers)
            assert response.status_code == 200, (url, response.text)
            body = response.json()
            session_id = session_id or body["session_id"]
            assert body["session_id"] == session_id
            if intent:
                assert body["intent"] == intent, (message, body)
            answers.append(body)
        assert answers[4]["pending_action"]["tool"] == "confirm_appointment", answers[4]["response"]
        assert answers[5]["actions"][-1] == {"tool": "confirm_appointment", "status": "ok"}
        assert answers[5]["pending_action"] is None

        expected = [(role, text) for (message, _), body in zip(script, answers, strict=True)
                    for role, text in (("user", message), ("assistant", body["response"]))]
        for instance in instances:  # the same history, complete and in order, wherever it is read
            history = await http.get(f"{instance}/api/sessions/{session_id}/history", headers=headers)
            assert history.status_code == 200
            assert [(m["role"], m["text"]) for m in history.json()["messages"]] == expected

        pf360 = fleet["sandbox"]
        appointment = (await http.get(f"{pf360}/scheduler/client/demo-client/project/90001/appointment",
                                      headers=PF360)).json()["data"]["appointment"]
        assert (appointment["date"], appointment["time"]) == (dates["D1_iso"], to_pf360_time("10:00"))
        day = dates["D1_iso"]
        base = f"{pf360}/scheduler/client/demo-client/project/90001/date/{day}/selected/{day}/get-rescheduler-slots"
        request_id = (await http.get(base, headers=PF360)).json()["data"]["request_id"]
        free = (await http.get(base, headers=PF360, params={"request_id": request_id})).json()["data"]["slots"]
        assert to_pf360_time("10:00") not in free  # taken once, by this booking

    engine = create_async_engine(stores.database_url)
    try:
        async with engine.connect() as db:
            audits = (await db.execute(select(AppointmentAudit.tool, AppointmentAudit.status,
                                              AppointmentAudit.project_id))).all()
    finally:
        await engine.dispose()
    assert [tuple(a) for a in audits] == [("confirm_appointment", "ok", 90001)]
