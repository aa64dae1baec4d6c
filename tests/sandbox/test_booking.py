"""Booking, rescheduling and cancelling: slots are taken and freed as users expect."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest

from app.pf360 import PF360Client, PF360Error, tools
from app.pf360.schemas import CallerScope
from tests.sandbox.harness import JANE, JOHN, TODAY, Sandbox

TUESDAY = dt.date(2026, 11, 24)
SATURDAY = dt.date(2026, 11, 28)  # two slots: 09:00 and 11:00
DEMO_DAY = dt.date(2026, 11, 30)  # the windows appointment, 08:00


async def free_times(client: PF360Client, on: dt.date, scope: CallerScope = JANE, project_id: int = 90001) -> list[str]:
    return (await tools.get_time_slots(client, scope, project_id=project_id, on=on, request_id=None, today=TODAY)).slots


async def book(client: PF360Client, project_id: int, on: dt.date, at: str, key: str, scope: CallerScope = JANE):
    return await tools.confirm_appointment(
        client, scope, project_id=project_id, on=on, at=at, request_id=None, today=TODAY, idempotency_key=key
    )


async def test_booked_slot_is_no_longer_offered(pf360: PF360Client) -> None:
    appointment = await book(pf360, 90001, TUESDAY, "10:00", "k1")

    assert (appointment.project_id, appointment.date, appointment.time) == (90001, TUESDAY, "10:00")
    assert await free_times(pf360, TUESDAY) == ["08:00", "13:00", "15:00"]
    assert await tools.get_appointment_status(pf360, JANE, project_id=90001) == appointment
    project = await tools.get_project_details(pf360, JANE, project_ref="90001")
    assert (project.status, project.date_scheduled) == ("Scheduled", TUESDAY)


async def test_taken_or_missing_slot_answers_409(pf360: PF360Client) -> None:
    await book(pf360, 90001, TUESDAY, "13:00", "k1")

    with pytest.raises(PF360Error) as taken:
        await book(pf360, 90004, TUESDAY, "13:00", "k2", scope=JOHN)
    with pytest.raises(PF360Error) as missing:
        await book(pf360, 90003, TUESDAY, "12:00", "k3")  # not a slot time
    with pytest.raises(PF360Error) as sunday:
        await book(pf360, 90003, dt.date(2026, 11, 29), "08:00", "k4")

    assert (taken.value.code, taken.value.status) == ("slot_unavailable", 409)
    assert missing.value.code == sunday.value.code == "slot_unavailable"
    assert await tools.get_appointment_status(pf360, JOHN, project_id=90004) is None


async def test_two_concurrent_bookings_of_the_last_free_slot_one_wins(sandbox: Sandbox) -> None:
    pf360 = sandbox.client
    await book(pf360, 90004, SATURDAY, "09:00", "john", scope=JOHN)
    assert await free_times(pf360, SATURDAY) == ["11:00"]
    ids = {pid: (await pf360.get_available_dates(JANE, pid, today=TODAY)).request_id for pid in (90001, 90003)}

    results = await asyncio.gather(
        *(pf360.schedule(JANE, pid, on=SATURDAY, at="11:00", request_id=ids[pid], idempotency_key=f"race-{pid}")
          for pid in (90001, 90003)),
        return_exceptions=True,
    )

    winners = [r for r in results if not isinstance(r, BaseException)]
    losers = [r for r in results if isinstance(r, PF360Error)]
    assert len(winners) == 1 and len(losers) == 1, results
    assert losers[0].code == "slot_unavailable"
    assert await free_times(pf360, SATURDAY) == []
    available = await tools.get_available_dates(pf360, JANE, project_id=90001, today=TODAY)
    assert SATURDAY not in available.dates
    loser_id = ({90001, 90003} - {winners[0].appointment.project_id}).pop()
    assert await pf360.get_appointment(JANE, loser_id) is None


async def test_reschedule_moves_the_appointment_and_frees_the_old_slot(pf360: PF360Client) -> None:
    assert "08:00" not in await free_times(pf360, DEMO_DAY)

    moved = await tools.reschedule_appointment(
        pf360, JANE, project_id=90002, on=TUESDAY, at="15:00", request_id=None, today=TODAY, idempotency_key="r1"
    )

    assert (moved.date, moved.time) == (TUESDAY, "15:00")
    assert await free_times(pf360, DEMO_DAY) == ["08:00", "10:00", "13:00", "15:00"]
    assert "15:00" not in await free_times(pf360, TUESDAY)
    assert await tools.get_appointment_status(pf360, JANE, project_id=90002) == moved


async def test_reschedule_without_an_appointment_books_nothing(pf360: PF360Client) -> None:
    with pytest.raises(PF360Error) as error:
        await tools.reschedule_appointment(
            pf360, JANE, project_id=90001, on=TUESDAY, at="08:00", request_id=None, today=TODAY, idempotency_key="r"
        )

    assert error.value.code == "no_appointment"
    assert "08:00" in await free_times(pf360, TUESDAY)


async def test_cancel_frees_the_slot(pf360: PF360Client) -> None:
    cancelled = await tools.cancel_appointment(pf360, JANE, project_id=90002, idempotency_key="c1")

    assert (cancelled.project_id, cancelled.date, cancelled.time, cancelled.status) == (
        90002, DEMO_DAY, "08:00", "Cancelled")
    assert await tools.get_appointment_status(pf360, JANE, project_id=90002) is None
    assert await free_times(pf360, DEMO_DAY) == ["08:00", "10:00", "13:00", "15:00"]
    project = await tools.get_project_details(pf360, JANE, project_ref="windows")
    assert (project.status, project.date_scheduled) == ("Ready to Schedule", None)

    with pytest.raises(PF360Error) as again:
        await tools.cancel_appointment(pf360, JANE, project_id=90002, idempotency_key="c2")
    assert (again.value.code, again.value.status) == ("no_appointment", 404)


async def test_cancelled_slot_can_be_booked_by_someone_else(pf360: PF360Client) -> None:
    await tools.cancel_appointment(pf360, JANE, project_id=90002, idempotency_key="c1")

    appointment = await book(pf360, 90004, DEMO_DAY, "08:00", "john", scope=JOHN)

    assert (appointment.project_id, appointment.time) == (90004, "08:00")
