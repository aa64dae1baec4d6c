"""HTTP client of the PF360 API (``shared/contract/pf360.md``).

One :class:`httpx.AsyncClient` per :class:`PF360Client`, reused for its life. Each
attempt is bounded by ``timeout_seconds`` as a whole (``asyncio.timeout``, on top of
httpx's per-operation timeouts, and also for in-process transports, which enforce
none). Transient failures (timeouts, connection errors, 5xx) are retried with
tenacity: 3 attempts, short exponential backoff with jitter. Reads are always safe
to retry; writes are retried with the same ``Idempotency-Key``, which PF360 uses to
answer a repeat with the first result instead of writing twice. 4xx answers are
mapped to :class:`PF360Error` codes and never retried.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from collections.abc import Callable
from time import perf_counter
from typing import TYPE_CHECKING, Any, Self, TypeVar
from urllib.parse import quote

import httpx
import structlog
from pydantic import ValidationError
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, stop_after_attempt, wait_exponential_jitter

from app import turn_timing
from app.pf360.errors import ERROR_CODES, PF360Error, PF360ErrorCode
from app.pf360.schemas import (
    Appointment,
    AvailableDates,
    Booking,
    BusinessHours,
    CallerScope,
    Dashboard,
    Note,
    TimeSlots,
)
from app.pf360.timefmt import to_pf360_time
from app.turn_gate import stepping_out

if TYPE_CHECKING:
    from app.config import Settings
    from app.sandbox.transport import SandboxTransport

log = structlog.get_logger(__name__)

#: Base URL used for the in-process sandbox (never resolved: the transport answers).
SANDBOX_BASE_URL = "http://pf360-sandbox"
#: Sent as ``authorization`` when no token is configured (the sandbox accepts any value).
SANDBOX_TOKEN = "pf360-sandbox-dev"
_MALFORMED = (ValidationError, ValueError, KeyError, TypeError, AttributeError)
_STATUS_CODES: dict[int, PF360ErrorCode] = {
    400: "invalid_request_id",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    409: "slot_unavailable",
}
T = TypeVar("T")


#: Connections to PF360: as many kept alive as may be open. httpx's default keeps 20 of
#: its 100: under the bench's load every tenth PF360 call opened a new TCP connection
#: (and against the real PF360 it would be a TLS handshake) because the one it used
#: before had been closed on its way back to the pool.
POOL_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=100)


class PF360Client:
    """Async client of PF360; one method per PF360 call.

    Args:
        base_url: the PF360 API root (paths are appended to it).
        api_token: sent as the ``authorization`` header (None: a placeholder the
            sandbox accepts).
        transport: an httpx transport (e.g. the in-process sandbox); default: network.
        timeout_seconds: limit of one HTTP attempt, in seconds.
        max_attempts: attempts per call for transient failures (>= 1).
        backoff_seconds: first retry delay, in seconds (doubles, with jitter, max 8x).

    Every call raises :class:`PF360Error` on failure (see its codes). Use as an async
    context manager, or call :meth:`aclose`.
    """

    def __init__(
        self,
        base_url: str,
        api_token: str | None,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        timeout_seconds: float = 5.0,
        max_attempts: int = 3,
        backoff_seconds: float = 0.1,
    ) -> None:
        if max_attempts < 1:
            raise ValueError("max_attempts must be >= 1")
        #: The transport given (e.g. the in-process sandbox), or None for the network.
        self.transport = transport
        self._token = api_token or SANDBOX_TOKEN
        self._timeout_seconds = timeout_seconds
        self._max_attempts = max_attempts
        self._backoff_seconds = backoff_seconds
        # Requests go straight to the transport (`_send_once`): the AsyncClient layer
        # (URL merging, cookies, auth and redirect flows, hooks) cost ~0.15 ms of CPU per
        # call and PF360 needs none of it. The client owns and closes the transport.
        self._transport = transport if transport is not None else httpx.AsyncHTTPTransport(limits=POOL_LIMITS)
        self._base_url = base_url.rstrip("/")
        self._timeout = {"timeout": httpx.Timeout(timeout_seconds).as_dict()}
        self._http = httpx.AsyncClient(
            base_url=self._base_url,
            transport=self._transport,
            timeout=httpx.Timeout(timeout_seconds),
            headers={"accept": "application/json"},
        )

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the HTTP client (and its transport, e.g. the in-process sandbox)."""
        await self._http.aclose()

    # -- PF360 calls -----------------------------------------------------------------

    async def get_dashboard(self, scope: CallerScope) -> Dashboard:
        """Call 1: the customer's dashboard (client, customer, projects)."""
        data = await self._call("GET", f"/dashboard/get/{_seg(scope.client_id)}/{_seg(scope.customer_id)}", scope)
        return _parse(Dashboard.model_validate, data)

    async def get_appointment(self, scope: CallerScope, project_id: int) -> Appointment | None:
        """Call 3: the project's appointment, or None when it has none."""
        data = await self._call("GET", f"{_project_path(scope, project_id)}/appointment", scope)
        raw = _parse(lambda d: d["appointment"], data)
        return None if raw is None else _parse(Appointment.from_wire, raw)

    async def get_business_hours(self, scope: CallerScope) -> BusinessHours:
        """Call 4: the client's time zone and working hours, Monday..Sunday."""
        data = await self._call("GET", f"/scheduler/client/{_seg(scope.client_id)}/business-hours", scope)
        return _parse(BusinessHours.from_wire, data)

    async def get_available_dates(self, scope: CallerScope, project_id: int, *, today: dt.date) -> AvailableDates:
        """Call 5: dates after ``today`` with a free slot, and a new ``request_id``."""
        path = f"{_project_path(scope, project_id)}/date/{today}/selected/{today}/get-rescheduler-slots"
        return _parse(AvailableDates.model_validate, await self._call("GET", path, scope))

    async def get_time_slots(
        self, scope: CallerScope, project_id: int, *, on: dt.date, request_id: str
    ) -> TimeSlots:
        """Call 6: free times of ``on`` (``"HH:MM"``). ``invalid_request_id`` when it expired."""
        path = f"{_project_path(scope, project_id)}/date/{on}/selected/{on}/get-rescheduler-slots"
        data = await self._call("GET", path, scope, params={"request_id": request_id})
        return _parse(TimeSlots.from_wire, data)

    async def schedule(
        self,
        scope: CallerScope,
        project_id: int,
        *,
        on: dt.date,
        at: str,
        request_id: str,
        idempotency_key: str,
        created_at: dt.datetime | None = None,
    ) -> Booking:
        """Calls 7/8: book ``on`` at ``at`` (``"HH:MM"``); replaces an existing appointment.

        Retried on transient failures with the same ``idempotency_key``.

        Raises:
            ValueError: ``at`` is not ``"HH:MM"``.
            PF360Error: ``slot_unavailable``, ``invalid_request_id``, ``not_found``, ...
        """
        body = {
            "date": on.isoformat(),
            "time": to_pf360_time(at),
            "request_id": request_id,
            "is_chatbot": "true",
            "created_at": (created_at or dt.datetime.now(dt.UTC)).isoformat(),
        }
        path = f"{_project_path(scope, project_id)}/schedule"
        data = await self._call("POST", path, scope, json=body, idempotency_key=idempotency_key)
        return _parse(lambda d: Booking(appointment=Appointment.from_wire(d["appointment"]),
                                        rescheduled=bool(d["rescheduled"])), data)

    async def cancel(self, scope: CallerScope, project_id: int, *, idempotency_key: str) -> Appointment:
        """Call 9: cancel the project's appointment; returns the cancelled one.

        Raises:
            PF360Error: ``no_appointment``, ``not_found``, ...
        """
        path = f"{_project_path(scope, project_id)}/cancel-reschedule"
        data = await self._call("GET", path, scope, idempotency_key=idempotency_key)
        return _parse(lambda d: Appointment.from_wire(d["appointment"]), data)

    async def add_note(
        self, scope: CallerScope, project_id: int, *, note_text: str, idempotency_key: str | None = None
    ) -> Note:
        """Call 10: store a note (1..2000 characters); retried with one ``Idempotency-Key``
        (generated when not given)."""
        path = f"/project-notes/add/{_seg(scope.client_id)}/{project_id}"
        key = idempotency_key or str(uuid.uuid4())
        data = await self._call("POST", path, scope, json={"note_text": note_text}, idempotency_key=key)
        return _parse(lambda d: Note.model_validate(d["note"]), data)

    async def list_notes(self, scope: CallerScope, project_id: int) -> list[Note]:
        """Call 11: the project's notes, newest first."""
        data = await self._call("GET", f"/project-notes/{_seg(scope.client_id)}/{project_id}", scope)
        return _parse(lambda d: [Note.model_validate(n) for n in d["notes"]], data)

    async def ping(self, client_id: str = "readiness-probe") -> None:
        """Readiness: one cheap call (business hours), no retries.

        Any answer below 500 other than 401 proves PF360 is up (an unknown client's
        404 included).

        Raises:
            PF360Error: ``timeout`` / ``unavailable`` (unreachable or 5xx), or
                ``unauthorized`` (the configured token is refused).
        """
        scope = CallerScope(client_id=client_id, customer_id="readiness-probe")
        try:
            await self._send_once("GET", f"/scheduler/client/{_seg(client_id)}/business-hours",
                                  self._headers(scope, None), None, None)
        except PF360Error as exc:
            if exc.transient or exc.code == "unauthorized":
                raise

    # -- plumbing --------------------------------------------------------------------

    def _headers(self, scope: CallerScope, idempotency_key: str | None) -> dict[str, str]:
        headers = {"accept": "application/json", "authorization": self._token, "client_id": scope.client_id,
                   "customer_id": scope.customer_id}
        if idempotency_key is not None:
            headers["Idempotency-Key"] = idempotency_key
        return headers

    async def _call(
        self,
        method: str,
        path: str,
        scope: CallerScope,
        *,
        params: dict[str, str] | None = None,
        json: dict[str, Any] | None = None,
        idempotency_key: str | None = None,
    ) -> dict[str, Any]:
        """Send with retries on transient failures; returns the answer's ``data`` object."""
        headers = self._headers(scope, idempotency_key)
        retrying = AsyncRetrying(
            stop=stop_after_attempt(self._max_attempts),
            wait=wait_exponential_jitter(
                multiplier=self._backoff_seconds, max=self._backoff_seconds * 8, jitter=self._backoff_seconds
            ),
            retry=retry_if_exception(lambda exc: isinstance(exc, PF360Error) and exc.transient),
            before_sleep=_log_retry,
            reraise=True,
        )
        started = perf_counter()
        try:
            async with stepping_out():  # a remote wait: let another turn use this process
                async for attempt in retrying:
                    with attempt:
                        data = await self._send_once(method, path, headers, params, json)
        finally:
            turn_timing.add_pf360(perf_counter() - started)
        return data

    async def _send_once(
        self,
        method: str,
        path: str,
        headers: dict[str, str],
        params: dict[str, str] | None,
        json: dict[str, Any] | None,
    ) -> dict[str, Any]:
        request = httpx.Request(method, self._base_url + path, params=params, headers=headers, json=json,
                                extensions=self._timeout)
        try:
            async with asyncio.timeout(self._timeout_seconds):
                response = await self._transport.handle_async_request(request)
                try:
                    await response.aread()
                finally:
                    await response.aclose()
        except (TimeoutError, httpx.TimeoutException) as exc:
            raise PF360Error("timeout", f"{method} {path}: no answer within {self._timeout_seconds:g}s") from exc
        except httpx.TransportError as exc:
            raise PF360Error("unavailable", f"{method} {path}: {type(exc).__name__}: {exc}") from exc
        return _data_of(response, method, path)


def sandbox_transport(settings: Settings) -> SandboxTransport:
    """An httpx transport serving ``sandbox_app_from_settings(settings)`` in-process.

    Closing it (``PF360Client.aclose``) disposes of the sandbox's database engine.
    """
    from app.sandbox.app import sandbox_app_from_settings  # the sandbox is not needed in production
    from app.sandbox.transport import SandboxTransport

    return SandboxTransport(sandbox_app_from_settings(settings))


def build_pf360_client(settings: Settings) -> PF360Client:
    """The PF360 client for ``settings``: ``PF360_BASE_URL`` when set, else the sandbox
    mounted in-process (base URL ``http://pf360-sandbox``). Each attempt is limited to
    ``PF360_TIMEOUT_SECONDS``. The caller owns the client (``await client.aclose()``)."""
    if settings.pf360_base_url:
        return PF360Client(
            settings.pf360_base_url, settings.pf360_api_token, timeout_seconds=settings.pf360_timeout_seconds
        )
    return PF360Client(
        SANDBOX_BASE_URL,
        settings.pf360_api_token,
        transport=sandbox_transport(settings),
        timeout_seconds=settings.pf360_timeout_seconds,
    )


def _data_of(response: httpx.Response, method: str, path: str) -> dict[str, Any]:
    """The ``data`` object of a 2xx answer, or the :class:`PF360Error` of any other."""
    try:
        body = response.json()
    except ValueError:
        body = None
    if response.is_success:
        data = body.get("data") if isinstance(body, dict) else None
        if not isinstance(data, dict):
            raise PF360Error("bad_response", f"{method} {path}: no JSON 'data' object", status=response.status_code)
        return data
    error = body.get("error") if isinstance(body, dict) else None
    code = error.get("code") if isinstance(error, dict) else None
    message = (error.get("message") if isinstance(error, dict) else None) or response.reason_phrase
    raise PF360Error(_error_code(response.status_code, code), f"{method} {path}: {message}",
                     status=response.status_code)


def _error_code(status: int, code: Any) -> PF360ErrorCode:
    """PF360's own code when we know it, else one derived from the status."""
    if status >= 500 or status == 429:
        return "unavailable"
    if status == 408:
        return "timeout"
    if isinstance(code, str) and code in ERROR_CODES:
        return code  # type: ignore[return-value]
    return _STATUS_CODES.get(status, "bad_response")


def _parse(parse: Callable[[Any], T], data: Any) -> T:
    """Apply ``parse``; a malformed answer becomes ``PF360Error('bad_response')``."""
    try:
        return parse(data)
    except _MALFORMED as exc:
        raise PF360Error("bad_response", f"unexpected PF360 answer: {exc}") from exc


def _seg(value: str) -> str:
    """``value`` as one URL path segment."""
    return quote(value, safe="")


def _project_path(scope: CallerScope, project_id: int) -> str:
    return f"/scheduler/client/{_seg(scope.client_id)}/project/{int(project_id)}"


def _log_retry(state: RetryCallState) -> None:
    exc = state.outcome.exception() if state.outcome else None
    log.warning("pf360_retry", attempt=state.attempt_number, error=str(exc)[:200])
