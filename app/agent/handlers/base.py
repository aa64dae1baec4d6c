"""The working set of one turn's dialogue policy: caller, context, tools, entities.

Handlers return an `Outcome`; when they must stop early to ask the customer something
(which project? what should the note say?) they raise `Reply` with that outcome.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from app.agent.state import Outcome, TurnContext, WriteRecord
from app.agent.tool_runner import ToolRunner
from app.pf360.tools import match_projects
from app.sessions.context import DeferredRequest, ProjectSummary, SessionContext


class Reply(Exception):
    """Stop the handler and answer with `outcome`."""

    def __init__(self, outcome: Outcome) -> None:
        super().__init__(outcome.kind)
        self.outcome = outcome


@dataclass
class Turn:
    """Everything a handler needs. `context` is the turn's working copy of the session context."""

    ctx: TurnContext
    context: SessionContext
    runner: ToolRunner
    intent: str
    entities: dict[str, str]
    message: str
    writes: list[WriteRecord] = field(default_factory=list)

    @property
    def today(self) -> date:
        """The turn's date in the client's time zone."""
        return self.ctx.today

    def entity_date(self) -> date | None:
        """The `date` entity as a date, if present and well-formed."""
        value = self.entities.get("date")
        try:
            return date.fromisoformat(value) if value else None
        except ValueError:
            return None

    async def tool(self, name: str, **arguments: Any) -> Any:
        """Run a PF360 tool; project tools first make sure the caller's projects are known,
        so that the runner can refuse a project that is not theirs."""
        if "project_id" in arguments:
            await self.own_projects()
        return await self.runner.run(name, **arguments)

    async def own_projects(self, *, refresh: bool = False) -> list[ProjectSummary]:
        """The caller's projects: from the session context, or PF360's dashboard."""
        if refresh or not self.context.listed_projects:
            projects = await self.runner.run("list_projects")
            self.context.listed_projects = [ProjectSummary.model_validate(p, from_attributes=True) for p in projects]
        self.runner.owned_project_ids = {p.project_id for p in self.context.listed_projects}
        return self.context.listed_projects

    async def resolve_project(
        self, *, prefer: Callable[[ProjectSummary], bool] | None = None, purpose: str | None = None
    ) -> ProjectSummary:
        """The project this turn is about.

        From the `project_ref` entity (id, order number, category/type word, ordinal),
        else the session's selected project, else the only project fitting `prefer`
        (`prefer` also narrows several matches of a reference). Only the
        caller's own projects can match.

        Raises:
            Reply: `project_not_found` (named but not theirs / unknown), `which_project`
                (several fit; the request is deferred until the customer picks), or
                `no_projects`.
        """
        projects = await self.own_projects()
        if not projects:
            raise Reply(Outcome("no_projects"))
        ref = self.entities.get("project_ref")
        if ref:
            candidates = list(match_projects(projects, ref))
            if not candidates:
                raise Reply(Outcome("project_not_found", {"ref": ref}))
        else:
            selected = self.context.project(self.context.selected_project_id)
            if selected is not None:
                return selected
            candidates = projects
        if len(candidates) > 1 and prefer is not None:
            candidates = [p for p in candidates if prefer(p)] or candidates
        if len(candidates) == 1:
            self.select(candidates[0])
            return candidates[0]
        self.context.deferred = DeferredRequest(
            intent=purpose or self.intent,
            entities={k: v for k, v in self.entities.items() if k != "project_ref"},
        )
        self.context.expecting = "project"
        raise Reply(Outcome("which_project", {"projects": candidates, "purpose": purpose or self.intent}))

    def select(self, project: ProjectSummary) -> None:
        """Make `project` the session's selected project (clears offers made for another)."""
        if self.context.selected_project_id != project.project_id:
            self.context.offered_dates = []
            self.context.offered_slots = []
            self.context.slots_date = None
        self.context.selected_project_id = project.project_id


def has_appointment(project: ProjectSummary) -> bool:
    """Whether the dashboard shows the project as scheduled."""
    return project.date_scheduled is not None or project.status.lower() == "scheduled"


def needs_appointment(project: ProjectSummary) -> bool:
    """Whether the project is waiting to be scheduled."""
    return not has_appointment(project) and project.status.lower() not in {"completed", "cancelled", "closed"}
