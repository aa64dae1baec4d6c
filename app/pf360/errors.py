"""The one exception type of the PF360 client and tools."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, get_args

if TYPE_CHECKING:
    from app.pf360.schemas import Project

PF360ErrorCode = Literal[
    "not_found",
    "slot_unavailable",
    "invalid_request_id",
    "no_appointment",
    "unauthorized",
    "forbidden",
    "timeout",
    "unavailable",
    "bad_response",
]
ERROR_CODES: frozenset[str] = frozenset(get_args(PF360ErrorCode))
#: Codes worth retrying (the request may not have reached PF360, or PF360 was down).
TRANSIENT_CODES: frozenset[str] = frozenset({"timeout", "unavailable"})


class PF360Error(Exception):
    """A PF360 call failed.

    Attributes:
        code: one of :data:`ERROR_CODES`: ``not_found`` (project/customer unknown or
            not the caller's), ``slot_unavailable`` (409), ``invalid_request_id``
            (400, unknown or expired), ``no_appointment``, ``unauthorized`` (401),
            ``forbidden`` (403), ``timeout``, ``unavailable`` (5xx or connection
            error), ``bad_response`` (an answer we cannot read, or another 4xx).
        status: the HTTP status, or None when no answer arrived.
        message: a human-readable explanation (not meant for end users verbatim).
    """

    def __init__(self, code: PF360ErrorCode, message: str, *, status: int | None = None) -> None:
        super().__init__(f"{code}: {message}" if status is None else f"{code} ({status}): {message}")
        self.code: PF360ErrorCode = code
        self.status = status
        self.message = message

    @property
    def transient(self) -> bool:
        """True when retrying the same call may succeed (timeouts, 5xx, connection errors)."""
        return self.code in TRANSIENT_CODES


class AmbiguousProjectRef(PF360Error):
    """A project reference matched more than one project (code ``not_found``:
    no single project was found). ``candidates`` lists the matches, in order."""

    def __init__(self, ref: str, candidates: list[Project]) -> None:
        super().__init__("not_found", f"{ref!r} matches {len(candidates)} projects")
        self.ref = ref
        self.candidates = candidates
