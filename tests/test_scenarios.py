"""Every scripted conversation of tests/scenarios/ (copied from shared/data/conversations)
replayed through the HTTP API, with the PF360 sandbox state checked afterwards."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from app.scenarios import ScenarioTarget, load_scenario, replay
from tests.helpers import BorrowedTransport, PF360_HEADERS
from app.pf360.client import SANDBOX_BASE_URL

SCENARIOS = sorted((Path(__file__).parent / "scenarios").glob("*.yaml"))


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
async def test_scenario(path: Path, app, client: httpx.AsyncClient, token_for) -> None:
    transport = BorrowedTransport(app.state.resources.pf360.transport)
    async with httpx.AsyncClient(transport=transport, base_url=SANDBOX_BASE_URL) as pf360:
        target = ScenarioTarget(client, pf360, lambda customer: token_for(customer),
                                pf360_token=PF360_HEADERS["authorization"])
        result = await replay(target, load_scenario(path))
    assert result.passed, "\n".join(result.failures)


def test_the_scenarios_are_the_shared_ones() -> None:
    shared = Path(__file__).resolve().parents[2] / "shared" / "data" / "conversations"
    if not shared.is_dir():
        pytest.skip("no ../shared beside this checkout")
    for original in shared.glob("*.yaml"):
        copy = Path(__file__).parent / "scenarios" / original.name
        assert copy.read_text() == original.read_text(), f"{copy} differs from {original}"
