"""Who may see what: tokens, client and customer scoping, request ids, error format."""

from __future__ import annotations

import datetime as dt
from time import monotonic

import pytest
from sqlalchemy import select

from app.pf360 import PF360Error, tools
from app.pf360.schemas import CallerScope
from app.sandbox import SandboxRuntime
from app.sandbox.models import RequestToken
from tests.sandbox.harness import JANE, TODAY, Sandbox

OTHER_CLIENT = CallerScope(client_id="other-client", customer_id="1001")
TUESDAY = dt.date(2026, 11, 24)


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.get_appointment(JANE, 90004),
        lambda c: c.get_available_dates(JANE, 90004, today=TODAY),
        lambda c: c.list_notes(JANE, 90004),
        lambda c: c.add_note(JANE, 90004, note_text="hello"),
        lambda c: c.cancel(JANE, 90004, idempotency_key="k"),
        lambda c: c.get_dashboard(CallerScope(client_id="demo-client", customer_id="9999")),
    ],
    ids=["appointment", "dates", "notes", "add-note", "cancel", "unknown-customer"],
)
async def test_another_customers_project_is_not_found(sandbox: Sandbox, call) -> None:
    with pytest.raises(PF360Error) as error:
        await call(sandbox.client)

    assert (error.value.code, error.value.status) == ("not_found", 404)


async def test_dashboard_of_someone_else_via_customer_header_is_not_found(sandbox: Sandbox) -> None:
    response = await sandbox.http.get("/dashboard/get/demo-client/1002", headers=sandbox.headers(customer_id="1001"))

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
    without_header = await sandbox.http.get("/dashboard/get/demo-client/1002", headers=sandbox.headers())
    assert without_header.status_code == 200


async def test_another_clients_project_is_not_found(sandbox: Sandbox) -> None:
    for call in (
        sandbox.client.get_appointment(OTHER_CLIENT, 90001),
        sandbox.client.get_dashboard(OTHER_CLIENT),
        sandbox.client.get_business_hours(OTHER_CLIENT),
    ):
        with pytest.raises(PF360Error) as error:
            await call
        assert error.value.code == "not_found"


async def test_booking_another_customers_project_changes_nothing(sandbox: Sandbox) -> None:
    with pytest.raises(PF360Error) as error:
        await tools.confirm_appointment(sandbox.client, JANE, project_id=90004, on=TUESDAY, at="08:00",
                                        request_id=None, today=TODAY, idempotency_key="k")

    assert error.value.code == "not_found"
    slots = await tools.get_time_slots(sandbox.client, JANE, project_id=90001, on=TUESDAY, request_id=None, today=TODAY)
    assert "08:00" in slots.slots


@pytest.mark.parametrize(
    ("headers", "status", "code"),
    [
        ({"client_id": "demo-client"}, 401, "unauthorized"),
        ({"authorization": "wrong", "client_id": "demo-client"}, 401, "unauthorized"),
        ({"authorization": "test-token"}, 403, "forbidden"),
        ({"authorization": "test-token", "client_id": "other-client"}, 403, "forbidden"),
    ],
)
async def test_headers_are_checked(sandbox: Sandbox, headers: dict[str, str], status: int, code: str) -> None:
    response = await sandbox.http.get("/scheduler/client/demo-client/business-hours", headers=headers)

    assert response.status_code == status
    assert response.json()["error"]["code"] == code


async def test_wrong_token_maps_to_unauthorized_without_retries(sandbox: Sandbox) -> None:
    client = sandbox.new_client(api_token="wrong")  # a misconfigured service credential

    with pytest.raises(PF360Error) as error:
        await client.get_business_hours(JANE)

    assert (error.value.code, error.value.status) == ("unauthorized", 401)
    assert sandbox.transport.count("GET", "/business-hours") == 1


async def test_bad_request_id_answers_400(sandbox: Sandbox) -> None:
    issued_for_90003 = (await sandbox.client.get_available_dates(JANE, 90003, today=TODAY)).request_id
    for request_id in ("no-such-id", issued_for_90003):
        with pytest.raises(PF360Error) as error:
            await sandbox.client.get_time_slots(JANE, 90001, on=TUESDAY, request_id=request_id)
        assert (error.value.code, error.value.status) == ("invalid_request_id", 400)


async def test_expired_request_id_answers_400(sandbox: Sandbox) -> None:
    request_id = (await sandbox.client.get_available_dates(JANE, 90001, today=TODAY)).request_id
    await sandbox.expire_request_ids()

    with pytest.raises(PF360Error) as error:
        await sandbox.client.schedule(JANE, 90001, on=TUESDAY, at="08:00", request_id=request_id, idempotency_key="k")

    assert error.value.code == "invalid_request_id"
    assert "expired" in error.value.message


async def stored_request_ids(sandbox: Sandbox) -> set[str]:
    engine = await sandbox.runtime.engine()
    async with engine.connect() as conn:
        return set((await conn.scalars(select(RequestToken.token))).all())


async def test_expired_request_ids_are_refused_until_purged_and_purged_at_most_once_a_minute(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = (await sandbox.client.get_available_dates(JANE, 90001, today=TODAY)).request_id
    await sandbox.expire_request_ids()
    second = (await sandbox.client.get_available_dates(JANE, 90001, today=TODAY)).request_id

    assert await stored_request_ids(sandbox) == {first, second}  # no purge within the interval
    with pytest.raises(PF360Error) as read:
        await sandbox.client.get_time_slots(JANE, 90001, on=TUESDAY, request_id=first)
    with pytest.raises(PF360Error) as write:
        await sandbox.client.schedule(JANE, 90001, on=TUESDAY, at="08:00", request_id=first, idempotency_key="k")
    assert all(e.value.code == "invalid_request_id" and "expired" in e.value.message for e in (read, write))
    assert (await sandbox.client.get_time_slots(JANE, 90001, on=TUESDAY, request_id=second)).slots

    later = monotonic() + SandboxRuntime.PURGE_INTERVAL_SECONDS + 1
    monkeypatch.setattr("app.sandbox.runtime.monotonic", lambda: later)
    await sandbox.expire_request_ids()
    third = (await sandbox.client.get_available_dates(JANE, 90001, today=TODAY)).request_id

    assert await stored_request_ids(sandbox) == {third}


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/scheduler/client/demo-client/project/abc/appointment", None),
        ("GET", "/scheduler/client/demo-client/project/90001/date/2026-13-01/selected/x/get-rescheduler-slots", None),
        ("POST", "/scheduler/client/demo-client/project/90001/schedule", {"date": "2026-11-24", "time": "25:00"}),
        ("POST", "/scheduler/client/demo-client/project/90001/schedule", [1, 2]),
        ("POST", "/project-notes/add/demo-client/90001", {"note_text": "   "}),
        ("POST", "/project-notes/add/demo-client/90001", {"note_text": "x" * 2001}),
    ],
)
async def test_bad_input_is_422_in_the_error_format(sandbox: Sandbox, method: str, path: str, body) -> None:
    response = await sandbox.http.request(method, path, json=body, headers=sandbox.headers())

    assert response.status_code == 422
    assert response.json()["error"]["code"] == "validation_error"
    assert response.json()["error"]["message"]


async def test_unknown_path_is_404_in_the_error_format(sandbox: Sandbox) -> None:
    response = await sandbox.http.get("/scheduler/nothing", headers=sandbox.headers())

    assert response.status_code == 404
    assert response.json() == {"error": {"code": "not_found", "message": "Not Found"}}
