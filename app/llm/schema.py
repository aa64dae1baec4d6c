"""The classification tool's schema (what the model may answer) and the validation of its answer.

The schema is the whole output surface of the model: one intent out of the 20 of
``shared/contract/intents.md`` (a JSON-schema ``enum``), a confidence in [0, 1] and the
four optional entities. There is deliberately no field about who the customer is or
which project they may touch: ``project_ref`` is a reference string that the caller
resolves against the caller's own projects.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from langchain_core.messages import AIMessage
from pydantic import BaseModel, ConfigDict, Field

from app.llm.prompts import CLASSIFY_TOOL_DESCRIPTION, CLASSIFY_TOOL_NAME, FIELD_DESCRIPTIONS
from app.nlu.types import ENTITY_TYPES, INTENTS

IntentName = Literal[INTENTS]  # type: ignore[valid-type]  # Literal["list_projects", ...]

_HHMM = r"(?:[01]\d|2[0-3]):[0-5]\d"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
TIME_PATTERN = rf"^{_HHMM}(?:-{_HHMM})?$"
MAX_PROJECT_REF_CHARS = 80
MAX_NOTE_CHARS = 1000


class ClassificationEntities(BaseModel):
    """Entities of the tool call (all optional)."""

    date: str | None = Field(None, description=FIELD_DESCRIPTIONS["date"], pattern=DATE_PATTERN)
    time: str | None = Field(None, description=FIELD_DESCRIPTIONS["time"], pattern=TIME_PATTERN)
    project_ref: str | None = Field(
        None, description=FIELD_DESCRIPTIONS["project_ref"], max_length=MAX_PROJECT_REF_CHARS
    )
    note_text: str | None = Field(None, description=FIELD_DESCRIPTIONS["note_text"], max_length=MAX_NOTE_CHARS)


class ClassificationCall(BaseModel):
    # The docstring is the tool description sent to the model; its text lives in prompts.py.
    __doc__ = CLASSIFY_TOOL_DESCRIPTION
    model_config = ConfigDict(title=CLASSIFY_TOOL_NAME)

    intent: IntentName = Field(description=FIELD_DESCRIPTIONS["intent"])
    confidence: float = Field(ge=0, le=1, description=FIELD_DESCRIPTIONS["confidence"])
    entities: ClassificationEntities = Field(
        default_factory=ClassificationEntities, description=FIELD_DESCRIPTIONS["entities"]
    )


@dataclass(frozen=True)
class ModelAnswer:
    """A validated answer: ``entities`` holds only well-formed values (``{name: str}``);
    ``replaced`` names the model's malformed entities (dropped, or replaced by the local
    extractor's value)."""

    intent: str
    confidence: float
    entities: dict[str, str]
    replaced: tuple[str, ...] = ()


def parse_answer(message: AIMessage, local_entities: Mapping[str, str]) -> ModelAnswer | None:
    """Validate the model's tool call.

    Returns None (use the local result) when there is no ``record_classification`` call,
    or its intent is not one of the 20, or its confidence is not a number in [0, 1].
    A malformed entity (a date that is not a real ``YYYY-MM-DD``, a time not ``HH:MM`` /
    ``HH:MM-HH:MM`` with start < end, an empty or over-long string) is replaced by the
    local extractor's value for that entity, or dropped when it has none.
    Never raises.
    """
    args = _tool_args(message)
    if args is None:
        return None
    intent, confidence = args.get("intent"), args.get("confidence")
    if intent not in INTENTS:
        return None
    if isinstance(confidence, bool) or not isinstance(confidence, (int, float)) or not 0 <= confidence <= 1:
        return None
    raw = args.get("entities") or {}
    if isinstance(raw, str):  # some models send the nested object as a JSON string
        raw = _json_object(raw) or {}
    if not isinstance(raw, dict):
        raw = {}
    entities: dict[str, str] = {}
    replaced: list[str] = []
    for name in ENTITY_TYPES:
        value = raw.get(name)
        if value is None or value == "":
            continue
        if isinstance(value, str) and entity_is_valid(name, value.strip()):
            entities[name] = value.strip()
        else:
            replaced.append(name)
            if name in local_entities:
                entities[name] = local_entities[name]
    return ModelAnswer(str(intent), float(confidence), entities, tuple(replaced))


def entity_is_valid(name: str, value: str) -> bool:
    """Whether ``value`` is a well-formed ``name`` entity (forms of intents.md)."""
    if name == "date":
        if not re.fullmatch(DATE_PATTERN, value):
            return False
        try:
            date.fromisoformat(value)
        except ValueError:
            return False
        return True
    if name == "time":
        if not re.fullmatch(TIME_PATTERN, value):
            return False
        start, _, end = value.partition("-")
        return not end or start < end
    if name == "project_ref":
        return 0 < len(value) <= MAX_PROJECT_REF_CHARS
    if name == "note_text":
        return 0 < len(value) <= MAX_NOTE_CHARS
    return False


def _tool_args(message: AIMessage) -> dict[str, Any] | None:
    for call in getattr(message, "tool_calls", None) or ():
        if call.get("name") == CLASSIFY_TOOL_NAME and isinstance(call.get("args"), dict):
            return call["args"]
    return None


def _json_object(text: str) -> dict[str, Any] | None:
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None
