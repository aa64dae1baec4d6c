"""Runs PF360 tools for one turn: records each as an action, enforces the turn's PF360
time budget, and refuses any project the caller does not own before PF360 is called."""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Awaitable, Callable, Collection
from typing import Any

from app.agent.state import ToolAction
from app.pf360 import tools as pf360_tools
from app.pf360.client import PF360Client
from app.pf360.errors import PF360Error
from app.pf360.schemas import CallerScope
from app.sessions.context import PendingAction


class ToolFailed(Exception):
    """A tool answered with an error; `code` is the tool error code (e.g. `slot_unavailable`)."""

    def __init__(self, tool: str, code: str, message: str = "") -> None:
        super().__init__(f"{tool}: {code} {message}".strip())
        self.tool = tool
        self.code = code


def idempotency_key(session_id: str, pending: PendingAction, proposed_turn: int) -> str:
    """The key sent with a PF360 write: the same session, turn of proposal and action give
    the same key, so retrying a confirmed write can never book twice."""
    raw = f"{session_id}|{proposed_turn}|{pending.tool}|{pending.project_id}|{pending.date}|{pending.time}"
    return hashlib.sha256(raw.encode()).hexdigest()[:40]


def note_key(session_id: str, turn: int, note_text: str) -> str:
    """Idempotency key of a note: repeating the same turn never adds the note twice."""
    return hashlib.sha256(f"{session_id}|{turn}|note|{note_text}".encode()).hexdigest()[:40]


class ToolRunner:
    """Executes the 11 PF360 tools on behalf of one caller during one turn.

    Args:
        pf360: the shared PF360 client.
        scope: the caller's client and customer ids (from the token).
        deadline: event-loop time (s) by which every PF360 call of the turn must end.
    """

    def __init__(self, pf360: PF360Client, scope: CallerScope, deadline: float) -> None:
        self.pf360 = pf360
        self.scope = scope
        self.deadline = deadline
        self.actions: list[ToolAction] = []
        self.owned_project_ids: Collection[int] | None = None

    async def run(self, tool: str, **arguments: Any) -> Any:
        """Run `tool` with `arguments`; returns its typed result.

        Raises:
            ToolFailed: PF360 answered an error, the turn's PF360 budget ran out, or the
                project is not one of the caller's, or the caller's projects are not
                known yet (`owned_project_ids` is None) (code `not_found`, PF360 not called).
        """
        project_id = arguments.get("project_id")
        if project_id is not None and (self.owned_project_ids is None or project_id not in self.owned_project_ids):
            # Fail closed: a project tool runs only once the caller's own projects are known.
            return self._fail(tool, "not_found", "not one of the caller's projects")
        remaining = self.deadline - asyncio.get_running_loop().time()
        if remaining <= 0:
            return self._fail(tool, "timeout", "the turn's PF360 time budget is spent")
        function: Callable[..., Awaitable[Any]] = getattr(pf360_tools, tool)
        try:
            async with asyncio.timeout(remaining):
                result = await function(self.pf360, self.scope, **arguments)
        except PF360Error as error:
            return self._fail(tool, error.code, error.message)
        except TimeoutError:
            return self._fail(tool, "timeout", "PF360 did not answer in time")
        except ValueError as error:
            return self._fail(tool, "invalid_input", str(error))
        self.actions.append({"tool": tool, "status": "ok"})
        return result

    def _fail(self, tool: str, code: str, message: str) -> Any:
        self.actions.append({"tool": tool, "status": "error", "error": code})
        raise ToolFailed(tool, code, message)
