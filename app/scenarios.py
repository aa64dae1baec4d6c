"""Replays scripted conversations (the format of shared/data/README.md) against a
running service and its PF360 sandbox, and checks every expectation.

Used by the test suite (in-process, through ASGI transports) and by
`scheduling-agent replay` against `serve` and `sandbox` running as separate processes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import yaml

WRITE_TOOLS = frozenset({"confirm_appointment", "reschedule_appointment", "cancel_appointment"})
CLIENT_ID = "demo-client"
CLIENT_TIMEZONE = "America/New_York"


def placeholder_dates(today: date) -> dict[str, str]:
    """{D1}: the first Monday–Friday at least two days after today; {D2}: the next one."""

    def weekday_from(day: date) -> date:
        while day.weekday() >= 5:
            day += timedelta(days=1)
        return day

    d1 = weekday_from(today + timedelta(days=2))
    d2 = weekday_from(d1 + timedelta(days=1))
    return {"D1": f"{d1:%B} {d1.day}", "D2": f"{d2:%B} {d2.day}", "D1_iso": d1.isoformat(), "D2_iso": d2.isoformat()}


def fill(value: Any, values: dict[str, str]) -> Any:
    """Replace `{D1}`-style placeholders inside strings, lists and dicts."""
    if isinstance(value, str):
        return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), value)
    if isinstance(value, list):
        return [fill(v, values) for v in value]
    if isinstance(value, dict):
        return {k: fill(v, values) for k, v in value.items()}
    return value


@dataclass
class ScenarioTarget:
    """Where a scenario runs: the chat API and the PF360 sandbox, as HTTP clients.

    `token_for(customer_id)` gives the bearer token of a demo-client customer; `pf360`
    reaches the sandbox's PF360 endpoints and its `/_sandbox/reset`.
    """

    api: httpx.AsyncClient
    pf360: httpx.AsyncClient
    token_for: Callable[[str], str]
    pf360_token: str = "scenario-replay"

    def _headers(self) -> dict[str, str]:
        return {"authorization": self.pf360_token, "client_id": CLIENT_ID}

    async def reset_sandbox(self) -> None:
        """Reseed the sandbox (demo fixture, today's date)."""
        response = await self.pf360.post(
            "/_sandbox/reset", json={"today": None, "customers": 0}, headers=self._headers()
        )
        response.raise_for_status()

    async def appointment(self, project_id: int) -> dict | None:
        """The project's appointment as PF360 reports it."""
        url = f"/scheduler/client/{CLIENT_ID}/project/{project_id}/appointment"
        response = await self.pf360.get(url, headers=self._headers())
        response.raise_for_status()
        return response.json()["data"]["appointment"]

    async def notes(self, project_id: int) -> list[dict]:
        """The project's notes as PF360 reports them."""
        response = await self.pf360.get(f"/project-notes/{CLIENT_ID}/{project_id}", headers=self._headers())
        response.raise_for_status()
        return response.json()["data"]["notes"]


@dataclass
class ScenarioResult:
    """What happened: one line per failed check (empty when the scenario passed)."""

    name: str
    failures: list[str] = field(default_factory=list)
    turns: list[dict] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        """True when every check held."""
        return not self.failures

    @property
    def llm_calls(self) -> list[int]:
        """LLM calls of each turn (the `X-LLM-Calls` response header)."""
        return [turn.get("llm_calls", 0) for turn in self.turns]


def check_turn(expect: dict, status: int, body: dict) -> list[str]:
    """The failed expectations of one turn (data/README.md `expect` keys)."""
    problems: list[str] = []
    want_status = expect.get("status", 200)
    if status != want_status:
        return [f"status {status} != {want_status}: {body}"]
    if status != 200:
        return []
    actions = body.get("actions", [])
    ran_ok = {a["tool"] for a in actions if a.get("status") == "ok"}
    ran = {a["tool"] for a in actions}
    pending = body.get("pending_action")
    text = body.get("response", "").lower()
    if "intent" in expect and body.get("intent") != expect["intent"]:
        problems.append(f"intent {body.get('intent')!r} != {expect['intent']!r}")
    if "intent_in" in expect and body.get("intent") not in expect["intent_in"]:
        problems.append(f"intent {body.get('intent')!r} not in {expect['intent_in']}")
    for tool in expect.get("tools_include", []):
        if tool not in ran_ok:
            problems.append(f"tool {tool} did not run ok (actions: {actions})")
    for tool in expect.get("tools_exclude", []):
        if tool in ran:
            problems.append(f"tool {tool} ran")
    if expect.get("no_tools") and actions:
        problems.append(f"tools ran: {actions}")
    if expect.get("no_write") and ran & WRITE_TOOLS:
        problems.append(f"a write ran: {actions}")
    if "pending_action_tool" in expect:
        got = pending["tool"] if pending else None
        if got != expect["pending_action_tool"]:
            problems.append(f"pending_action tool {got!r} != {expect['pending_action_tool']!r}")
    if "pending_action_project" in expect and (not pending or pending["project_id"] != expect["pending_action_project"]):
        problems.append(f"pending_action project is not {expect['pending_action_project']}: {pending}")
    if "pending_action_not_project" in expect and pending and pending["project_id"] == expect["pending_action_not_project"]:
        problems.append(f"pending_action names project {expect['pending_action_not_project']}")
    if "needs_clarification" in expect and body.get("needs_clarification") != expect["needs_clarification"]:
        problems.append(f"needs_clarification {body.get('needs_clarification')} != {expect['needs_clarification']}")
    if "quick_replies_min" in expect and len(body.get("quick_replies", [])) < expect["quick_replies_min"]:
        problems.append(f"only {len(body.get('quick_replies', []))} quick replies")
    if "response_contains_any" in expect and not any(s.lower() in text for s in expect["response_contains_any"]):
        problems.append(f"response has none of {expect['response_contains_any']}: {body.get('response')!r}")
    for s in expect.get("response_contains_all", []):
        if s.lower() not in text:
            problems.append(f"response lacks {s!r}: {body.get('response')!r}")
    return problems


async def check_after(target: ScenarioTarget, item: dict) -> list[str]:
    """The failed `after` checks (sandbox state read back through PF360 endpoints)."""
    if "appointment" in item:
        spec = item["appointment"]
        appointment = await target.appointment(int(spec["project"]))
        if spec.get("none"):
            return [f"project {spec['project']} has an appointment: {appointment}"] if appointment else []
        if spec.get("exists"):
            return [] if appointment else [f"project {spec['project']} has no appointment"]
        if "not_at" in spec:
            at = spec["not_at"]
            same = appointment and appointment["date"] == at["date"] and hhmm_24(appointment["time"]) == at["time"]
            return [f"project {spec['project']} is at {at}"] if same else []
        if not appointment:
            return [f"project {spec['project']} has no appointment"]
        if appointment["date"] != spec["date"] or hhmm_24(appointment["time"]) != spec["time"]:
            return [f"project {spec['project']} appointment {appointment} != {spec['date']} {spec['time']}"]
        return []
    if "note" in item:
        spec = item["note"]
        notes = await target.notes(int(spec["project"]))
        if not any(spec["contains"].lower() in n["note_text"].lower() for n in notes):
            return [f"no note on {spec['project']} contains {spec['contains']!r}: {notes}"]
        return []
    return [f"unknown after item {item}"]


def hhmm_24(value: str) -> str:
    """"01:00 PM" or "13:00" → "13:00"."""
    value = value.strip().upper()
    if value.endswith(("AM", "PM")):
        return datetime.strptime(value, "%I:%M %p").strftime("%H:%M")
    return value[:5]


def load_scenario(path: Path) -> dict:
    """Parse one scenario file."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


async def replay(target: ScenarioTarget, scenario: dict, *, today: date | None = None) -> ScenarioResult:
    """Run one scenario from a freshly seeded sandbox and a new session."""
    today = today or datetime.now(ZoneInfo(CLIENT_TIMEZONE)).date()
    values = placeholder_dates(today)
    result = ScenarioResult(scenario.get("name", "?"))
    await target.reset_sandbox()
    session_id = None
    headers = {"Authorization": f"Bearer {target.token_for(str(scenario.get('customer', '1001')))}"}
    for index, turn in enumerate(scenario.get("turns", []), 1):
        message = fill(turn["user"], values)
        response = await target.api.post("/api/chat", json={"session_id": session_id, "message": message}, headers=headers)
        body = response.json()
        llm_calls = int(response.headers.get("x-llm-calls", "0") or 0)
        result.turns.append({"user": message, "status": response.status_code, "body": body, "llm_calls": llm_calls})
        if response.status_code == 200:
            session_id = body["session_id"]
        for problem in check_turn(fill(turn.get("expect", {}), values), response.status_code, body):
            result.failures.append(f"turn {index} ({message!r}): {problem}")
    for item in scenario.get("after", []) or []:
        result.failures.extend(f"after: {p}" for p in await check_after(target, fill(item, values)))
    return result


async def replay_directory(
    directory: Path, *, api_url: str, sandbox_url: str, settings, verbose: bool = False
) -> int:
    """Replay every `*.yaml` scenario of `directory`; print one line each. Exit code 0 when all pass."""
    from app.auth.tokens import issue_token

    def token_for(customer_id: str) -> str:
        return issue_token(settings, customer_id=customer_id, client_id=CLIENT_ID)

    failed = 0
    calls: list[int] = []
    async with httpx.AsyncClient(base_url=api_url, timeout=30) as api, \
            httpx.AsyncClient(base_url=sandbox_url, timeout=30) as pf360:
        target = ScenarioTarget(api, pf360, token_for, pf360_token=settings.pf360_api_token or "scenario-replay")
        for path in sorted(directory.glob("*.yaml")):
            result = await replay(target, load_scenario(path))
            failed += not result.passed
            calls += result.llm_calls
            print(f"{'PASS' if result.passed else 'FAIL'} {path.name}: {result.name}  (LLM calls per turn: "
                  f"{result.llm_calls})")
            for failure in result.failures:
                print(f"    {failure}")
            if verbose:
                for turn in result.turns:
                    print(f"    > {turn['user']}\n    < {turn['body'].get('response', turn['body'])}")
    if calls:
        print(f"LLM calls: {sum(calls)} in {len(calls)} turns, mean {sum(calls) / len(calls):.2f} per turn, "
              f"max {max(calls)}")
    print(f"{len(list(directory.glob('*.yaml'))) - failed} passed, {failed} failed")
    return 1 if failed else 0
