"""Fixtures of the security tests: a spy on every PF360 tool call."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

import pytest

from app.pf360 import tools as pf360_tools


@dataclass
class ToolCalls:
    """The PF360 tool calls made while a test ran: `(tool, keyword arguments)` in order."""

    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    def names(self) -> list[str]:
        """The tools called, in order."""
        return [tool for tool, _ in self.calls]

    def naming(self, project_id: int) -> list[str]:
        """The tools called with `project_id` (or a `project_ref` mentioning it)."""
        return [tool for tool, kwargs in self.calls
                if kwargs.get("project_id") == project_id or str(project_id) in str(kwargs.get("project_ref", ""))]


@pytest.fixture
def pf360_calls(monkeypatch) -> ToolCalls:
    """Records every call of the 11 PF360 tools (they still run against the sandbox)."""
    spy = ToolCalls()

    def recording(name: str, original):
        @functools.wraps(original)
        async def call(client, scope, *args, **kwargs):
            spy.calls.append((name, dict(kwargs)))
            return await original(client, scope, *args, **kwargs)

        return call

    for name in pf360_tools.TOOL_NAMES:
        monkeypatch.setattr(pf360_tools, name, recording(name, getattr(pf360_tools, name)))
    return spy
