"""Idempotent writes: a repeat with the same key returns the first result, writes once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app.pf360 import tools
from app.sandbox import FaultConfig
from tests.sandbox.harness import JANE, JOHN, TODAY, Sandbox, make_sandbox, sqlite_url

TUESDAY = dt.date(2026, 11, 24)
SCHEDULE = "/scheduler/client/demo-client/project/90001/schedule"


async def _schedule_body(sandbox: Sandbox, project_id: int = 90001, time: str = "10:00 AM") -> dict:
    request_id = (await sandbox.client.get_available_dates(JANE, project_id, today=TODAY)).request_id
    return {"date": TUESDAY.isoformat(), "time": time, "request_id": request_id,
            "is_chatbot": "true", "created_at": "2026-11-23T15:00:00Z"}


async def test_schedule_replay_returns_the_first_result_and_books_once(sandbox: Sandbox) -> None:
    body = await _schedule_body(sandbox)
    headers = sandbox.headers(**{"Idempotency-Key": "book-1"})

    first = await sandbox.http.post(SCHEDULE, json=body, headers=headers)
    replay = await sandbox.http.post(SCHEDULE, json=body, headers=headers)

    assert first.status_code == replay.status_code == 200
    assert replay.json() == first.json()
    assert replay.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    without_key = await sandbox.http.post(SCHEDULE, json=body, headers=sandbox.headers())
    assert without_key.status_code == 409  # the same booking without the key is a new request
    slots = await sandbox.client.get_time_slots(JANE, 90001, on=TUESDAY, request_id=body["request_id"])
    assert "10:00" not in slots.slots


async def test_confirm_tool_repeated_with_the_same_key_returns_the_same_booking(sandbox: Sandbox) -> None:
    first = await tools.confirm_appointment(sandbox.client, JANE, project_id=90001, on=TUESDAY, at="08:00",
                                            request_id=None, today=TODAY, idempotency_key="same")
    again = await tools.confirm_appointment(sandbox.client, JANE, project_id=90001, on=TUESDAY, at="08:00",
                                            request_id=None, today=TODAY, idempotency_key="same")

    assert again == first
    assert sandbox.transport.count("POST", "/schedule") == 2


async def test_cancel_replay_returns_the_first_result(sandbox: Sandbox) -> None:
    first = await tools.cancel_appointment(sandbox.client, JANE, project_id=90002, idempotency_key="cancel-1")
    replay = await tools.cancel_appointment(sandbox.client, JANE, project_id=90002, idempotency_key="cancel-1")

    assert replay == first
    assert first.status == "Cancelled"
    assert await sandbox.client.get_appointment(JANE, 90002) is None


async def test_key_reused_for_another_request_is_refused(sandbox: Sandbox) -> None:
    await tools.cancel_appointment(sandbox.client, JANE, project_id=90002, idempotency_key="k")
    body = await _schedule_body(sandbox)

    response = await sandbox.http.post(SCHEDULE, json=body, headers=sandbox.headers(**{"Idempotency-Key": "k"}))

    assert response.status_code == 422
    assert response.json()["error"]["code"] == "idempotency_key_reused"


async def test_failed_write_does_not_consume_its_key(sandbox: Sandbox) -> None:
    await tools.confirm_appointment(sandbox.client, JOHN, project_id=90004, on=TUESDAY, at="13:00",
                                    request_id=None, today=TODAY, idempotency_key="john")
    body = await _schedule_body(sandbox, time="01:00 PM")
    headers = sandbox.headers(**{"Idempotency-Key": "jane"})
    assert (await sandbox.http.post(SCHEDULE, json=body, headers=headers)).status_code == 409

    retry = await sandbox.http.post(SCHEDULE, json={**body, "time": "03:00 PM"}, headers=headers)

    assert retry.status_code == 200
    assert retry.json()["data"]["appointment"]["time"] == "03:00 PM"


async def test_timeout_after_commit_then_retry_with_same_key_books_once(tmp_path: Path) -> None:
    box = await make_sandbox(sqlite_url(tmp_path), timeout_seconds=0.3,
                             faults=FaultConfig(hang_after_commit=True, timeout_seconds=5))
    try:
        appointment = await tools.confirm_appointment(box.client, JANE, project_id=90001, on=TUESDAY, at="10:00",
                                                      request_id=None, today=TODAY, idempotency_key="hang")
        box.set_faults()
        stored = await box.client.get_appointment(JANE, 90001)
        slots = await tools.get_time_slots(box.client, JANE, project_id=90003, on=TUESDAY, request_id=None,
                                           today=TODAY)
    finally:
        await box.aclose()

    assert box.transport.count("POST", "/schedule") == 2  # timed out once, replayed once
    assert stored == appointment
    assert (appointment.date, appointment.time) == (TUESDAY, "10:00")
    assert slots.slots == ["08:00", "13:00", "15:00"]
