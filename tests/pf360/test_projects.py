"""Resolving a customer's words to a project (pure)."""

from __future__ import annotations

import datetime as dt

import pytest

from app.pf360 import AmbiguousProjectRef, PF360Client, PF360Error, match_projects, tools
from app.pf360.schemas import Project
from tests.sandbox.harness import JANE

PROJECTS = [
    Project(project_id=90001, order_number="ORD-1001-A", project_type="Installation", category="Flooring",
            status="Ready to Schedule", date_sold=dt.date(2026, 11, 11)),
    Project(project_id=90002, order_number="ORD-1001-B", project_type="Installation", category="Windows",
            status="Scheduled"),
    Project(project_id=90003, order_number="ORD-1001-C", project_type="Repair", category="Deck",
            status="Ready to Schedule"),
    Project(project_id=90004, order_number="ORD-1002-A", project_type="Installation", category="Kitchen Cabinets",
            status="Ready to Schedule"),
]


def ids(ref: str) -> list[int]:
    return [p.project_id for p in match_projects(PROJECTS, ref)]


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        ("90003", [90003]),
        ("project 90003", [90003]),
        ("ORD-1001-A", [90001]),
        ("ord-1001-b", [90002]),
        ("flooring", [90001]),
        ("floors", [90001]),
        ("the flooring one", [90001]),
        ("window", [90002]),
        ("windows installation", [90002]),
        ("deck", [90003]),
        ("deck repair", [90003]),
        ("decking", [90003]),
        ("cabinets", [90004]),
        ("kitchen cabinets", [90004]),
        ("kitchen", [90004]),
        ("installation", [90001, 90002, 90004]),
        ("install", [90001, 90002, 90004]),
        ("#1", [90001]),
        ("#3", [90003]),
        ("# 2", [90002]),
        ("second", [90002]),
        ("the 2nd one", [90002]),
        ("last", [90004]),
        ("#5", []),
        ("#0", []),
        ("90009", []),
        ("roofing", []),
        ("kitchen windows", []),
        ("", []),
        ("the one", []),
    ],
)
def test_match_projects(ref: str, expected: list[int]) -> None:
    assert ids(ref) == expected


def test_ordinals_index_the_given_list() -> None:
    assert [p.project_id for p in match_projects(PROJECTS[2:], "#1")] == [90003]


async def test_get_project_details_picks_one_project(pf360: PF360Client) -> None:
    deck = await tools.get_project_details(pf360, JANE, project_ref="deck")
    second = await tools.get_project_details(pf360, JANE, project_ref="#2")

    assert (deck.project_id, deck.project_type, deck.technician) == (90003, "Repair", "Dana Whitfield")
    assert deck.installation_address == "1420 Maple Avenue, Arlington, VA 22201"
    assert second.order_number == "ORD-1001-B"


async def test_get_project_details_unknown_or_someone_elses(pf360: PF360Client) -> None:
    for ref in ("kitchen cabinets", "90004", "nothing like it"):
        with pytest.raises(PF360Error) as error:
            await tools.get_project_details(pf360, JANE, project_ref=ref)
        assert error.value.code == "not_found"


async def test_get_project_details_ambiguous(pf360: PF360Client) -> None:
    with pytest.raises(AmbiguousProjectRef) as error:
        await tools.get_project_details(pf360, JANE, project_ref="installation")

    assert error.value.code == "not_found"
    assert [p.project_id for p in error.value.candidates] == [90001, 90002]
