"""Fixtures of the LLM tests: a real bedrock-runtime client under botocore's ``Stubber``
(no network; a call with nothing queued fails), the requests it was asked to send, and a
clock the tests move by hand."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from botocore.stub import Stubber

from tests.llm.helpers import FakeClock, runtime_client


@pytest.fixture
def client() -> Any:
    return runtime_client()


@pytest.fixture
def stubber(client: Any) -> Iterator[Stubber]:
    """Activated Stubber; the test fails if a queued response was not used."""
    with Stubber(client) as stub:
        yield stub
        stub.assert_no_pending_responses()


@pytest.fixture
def sent(client: Any) -> list[dict]:
    """The parameters of every Converse/ConverseStream request the client was asked to send."""
    calls: list[dict] = []

    def capture(params: dict, **_: Any) -> None:
        calls.append(params)

    client.meta.events.register("provide-client-params.bedrock-runtime.Converse", capture)
    client.meta.events.register("provide-client-params.bedrock-runtime.ConverseStream", capture)
    return calls


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()
