"""Fault injection and the /_sandbox admin endpoints."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from app.pf360 import PF360Error, tools
from app.sandbox import FaultConfig
from app.sandbox.faults import FaultInjector
from tests.sandbox.harness import JANE, TODAY, Sandbox, make_sandbox, sqlite_url


async def test_error_rate_one_gives_unavailable_after_three_attempts(sandbox: Sandbox) -> None:
    sandbox.set_faults(error_rate=1.0)

    with pytest.raises(PF360Error) as error:
        await tools.list_projects(sandbox.client, JANE)

    assert (error.value.code, error.value.status) == ("unavailable", 503)
    assert sandbox.transport.count("GET", "/dashboard/get/demo-client/1001") == 3


async def test_write_is_retried_on_5xx_with_the_same_key(sandbox: Sandbox) -> None:
    sandbox.set_faults(error_rate=1.0)
    with pytest.raises(PF360Error):
        await sandbox.client.cancel(JANE, 90002, idempotency_key="k")
    sandbox.set_faults()

    assert sandbox.transport.count("GET", "/cancel-reschedule") == 3
    assert await sandbox.client.get_appointment(JANE, 90002) is not None  # the 503 came before any write


async def test_timeout_rate_one_gives_timeout(tmp_path: Path) -> None:
    box = await make_sandbox(sqlite_url(tmp_path), timeout_seconds=0.1,
                             faults=FaultConfig(timeout_rate=1.0, timeout_seconds=5))
    try:
        started = time.monotonic()
        with pytest.raises(PF360Error) as error:
            await box.client.get_business_hours(JANE)
        elapsed = time.monotonic() - started
    finally:
        await box.aclose()

    assert error.value.code == "timeout" and error.value.status is None
    assert elapsed < 2


async def test_latency_is_added(sandbox: Sandbox) -> None:
    sandbox.set_faults(latency_ms=150)

    started = time.monotonic()
    await tools.get_business_hours(sandbox.client, JANE)

    assert time.monotonic() - started >= 0.15


async def test_random_draws_are_deterministic_per_seed() -> None:
    async def outcomes(seed: int) -> list[bool]:
        injector = FaultInjector(FaultConfig(error_rate=0.5, seed=seed))
        results = []
        for _ in range(40):
            try:
                await injector.before_answer()
                results.append(True)
            except Exception:
                results.append(False)
        return results

    first, second, other = await outcomes(1), await outcomes(1), await outcomes(2)
    assert first == second != other
    assert 5 < first.count(False) < 35


async def test_admin_faults_endpoints_are_exempt_from_faults(sandbox: Sandbox) -> None:
    config = {"latency_ms": 0, "error_rate": 1.0, "timeout_rate": 0.0, "timeout_seconds": 1.0,
              "hang_after_commit": False, "seed": 3}
    put = await sandbox.http.put("/_sandbox/faults", json=config, headers=sandbox.headers())
    got = await sandbox.http.get("/_sandbox/faults", headers=sandbox.headers())
    pf360_call = await sandbox.http.get("/scheduler/client/demo-client/business-hours", headers=sandbox.headers())

    assert put.status_code == got.status_code == 200
    assert got.json() == config
    assert pf360_call.status_code == 503
    assert pf360_call.json()["error"]["code"] == "injected_fault"
    bad = await sandbox.http.put("/_sandbox/faults", json={"error_rate": 2}, headers=sandbox.headers())
    assert bad.status_code == 422
    anonymous = await sandbox.http.get("/_sandbox/faults")
    assert anonymous.status_code == 401


async def test_admin_reset_reseeds(sandbox: Sandbox) -> None:
    await tools.cancel_appointment(sandbox.client, JANE, project_id=90002, idempotency_key="k")

    response = await sandbox.http.post("/_sandbox/reset", json={"today": "2026-12-01", "customers": 3},
                                       headers=sandbox.headers())

    assert response.status_code == 200
    assert response.json()["data"]["today"] == "2026-12-01"
    assert response.json()["data"]["customers"] == 5
    appointment = await sandbox.client.get_appointment(JANE, 90002)
    assert appointment is not None and appointment.date.isoformat() == "2026-12-08"
    dates = await tools.get_available_dates(sandbox.client, JANE, project_id=90001, today=TODAY)
    assert dates.dates[0].isoformat() == "2026-12-02"
