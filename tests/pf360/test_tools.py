"""The 11 tools against the sandbox: request-id refresh, notes, inputs."""

from __future__ import annotations

import datetime as dt
import inspect

import pytest

from app.pf360 import PF360Client, PF360Error, tools
from app.pf360.tools import TOOL_NAMES, WRITE_TOOLS
from tests.sandbox.harness import JANE, TODAY, Sandbox

TUESDAY = dt.date(2026, 11, 24)


def test_the_eleven_tools_exist_with_scope_first() -> None:
    assert len(TOOL_NAMES) == len(set(TOOL_NAMES)) == 11
    assert WRITE_TOOLS == {"confirm_appointment", "reschedule_appointment", "cancel_appointment"}
    for name in TOOL_NAMES:
        function = getattr(tools, name)
        assert inspect.iscoroutinefunction(function)
        assert list(inspect.signature(function).parameters)[:2] == ["client", "scope"]


async def test_get_time_slots_without_request_id_gets_one(sandbox: Sandbox) -> None:
    slots = await tools.get_time_slots(sandbox.client, JANE, project_id=90001, on=TUESDAY, request_id=None, today=TODAY)

    assert (slots.date, slots.slots) == (TUESDAY, ["08:00", "10:00", "13:00", "15:00"])
    assert slots.request_id
    assert sandbox.transport.count("GET", "/get-rescheduler-slots") == 2


async def test_get_time_slots_keeps_a_valid_request_id(sandbox: Sandbox) -> None:
    available = await tools.get_available_dates(sandbox.client, JANE, project_id=90001, today=TODAY)

    slots = await tools.get_time_slots(sandbox.client, JANE, project_id=90001, on=TUESDAY,
                                       request_id=available.request_id, today=TODAY)

    assert slots.request_id == available.request_id
    assert sandbox.transport.count("GET", "/get-rescheduler-slots") == 2


@pytest.mark.parametrize("stale", ["unknown-id", "expired"])
async def test_invalid_or_expired_request_id_is_refreshed_once(sandbox: Sandbox, stale: str) -> None:
    request_id = stale
    if stale == "expired":
        request_id = (await tools.get_available_dates(sandbox.client, JANE, project_id=90001, today=TODAY)).request_id
        await sandbox.expire_request_ids()

    slots = await tools.get_time_slots(sandbox.client, JANE, project_id=90001, on=TUESDAY,
                                       request_id=request_id, today=TODAY)

    assert slots.request_id != request_id
    assert slots.slots == ["08:00", "10:00", "13:00", "15:00"]


async def test_confirm_with_an_expired_request_id_still_books(sandbox: Sandbox) -> None:
    request_id = (await tools.get_available_dates(sandbox.client, JANE, project_id=90001, today=TODAY)).request_id
    await sandbox.expire_request_ids()

    appointment = await tools.confirm_appointment(sandbox.client, JANE, project_id=90001, on=TUESDAY, at="13:00",
                                                  request_id=request_id, today=TODAY, idempotency_key="k")

    assert (appointment.date, appointment.time) == (TUESDAY, "13:00")
    assert sandbox.transport.count("POST", "/schedule") == 2


async def test_confirm_rejects_a_malformed_time_before_calling_pf360(sandbox: Sandbox) -> None:
    with pytest.raises(ValueError):
        await tools.confirm_appointment(sandbox.client, JANE, project_id=90001, on=TUESDAY, at="1pm",
                                        request_id=None, today=TODAY, idempotency_key="k")

    assert not sandbox.transport.calls


async def test_notes_are_listed_newest_first(pf360: PF360Client) -> None:
    texts = ["gate code 4412", "please park in the back", "dog in the yard"]
    added = [await tools.add_project_note(pf360, JANE, project_id=90001, note_text=t) for t in texts]

    notes = await tools.list_project_notes(pf360, JANE, project_id=90001)

    assert [n.note_text for n in notes] == list(reversed(texts))
    assert [n.note_id for n in notes] == [n.note_id for n in reversed(added)]
    assert all(n.project_id == 90001 and n.created_at.tzinfo is not None for n in notes)
    assert await tools.list_project_notes(pf360, JANE, project_id=90003) == []


async def test_note_is_stripped_and_validated(pf360: PF360Client) -> None:
    note = await tools.add_project_note(pf360, JANE, project_id=90003, note_text="  gate code 4412 \n")

    assert note.note_text == "gate code 4412"
    for bad in ("   ", "x" * 2001):
        with pytest.raises(ValueError):
            await tools.add_project_note(pf360, JANE, project_id=90003, note_text=bad)


async def test_add_note_is_idempotent_per_key(pf360: PF360Client) -> None:
    first = await tools.add_project_note(pf360, JANE, project_id=90003, note_text="one", idempotency_key="n1")
    again = await tools.add_project_note(pf360, JANE, project_id=90003, note_text="one", idempotency_key="n1")

    assert again == first
    assert len(await tools.list_project_notes(pf360, JANE, project_id=90003)) == 1


async def test_not_found_for_write_tools_on_unknown_project(pf360: PF360Client) -> None:
    with pytest.raises(PF360Error) as error:
        await tools.cancel_appointment(pf360, JANE, project_id=12345, idempotency_key="k")
    assert error.value.code == "not_found"
