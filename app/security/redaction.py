"""Secrets and personal data out of the logs: a structlog processor (`redact_event`).

Tokens are never logged (values of credential-like keys, `Bearer …`, anything shaped
like a JWT, passwords in URLs); e-mail addresses and phone numbers are masked; note
text is cut short and every string capped. Only the log line changes: the stored
history keeps the customer's real text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

REDACTED = "[REDACTED]"
#: Keys whose values are never logged (compared lower-case, `-` read as `_`).
SECRET_KEYS = frozenset({
    "authorization", "proxy_authorization", "cookie", "set_cookie", "token", "access_token", "id_token",
    "refresh_token", "jwt", "password", "secret", "api_key", "apikey", "jwt_secret_key", "jwt_keys",
    "pf360_api_token", "credentials",
})
#: Keys holding free text the customer wrote for the crew: logged truncated.
NOTE_KEYS = frozenset({"note", "note_text", "notes"})
NOTE_LOG_CHARS = 40
MAX_LOG_STRING_CHARS = 2000
#: Keys of rendered tracebacks: redacted but never cut (they are needed whole to debug).
TRACEBACK_KEYS = frozenset({"exception", "stack"})

_JWT = re.compile(r"\beyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*")
_BEARER = re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{8,}")
_URL_PASSWORD = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://[^:/@\s]*):[^@/\s]+@")
_EMAIL = re.compile(r"\b([A-Za-z0-9])[A-Za-z0-9._%+-]*@(?:[A-Za-z0-9-]+\.)+([A-Za-z]{2,})\b")
_PHONE = re.compile(r"(?<![\w/.:+-])\+?\(?\d[\d\s().-]{7,}\d(?![\w/.:-])")
_IPV4 = re.compile(r"^\d{1,3}(\.\d{1,3}){3}$")


def _mask_phone(match: re.Match[str]) -> str:
    text = match.group(0)
    digits = sum(ch.isdigit() for ch in text)
    if not 10 <= digits <= 15 or _IPV4.match(text):
        return text
    seen = 0
    masked = []
    for ch in text:
        if ch.isdigit():
            seen += 1
            ch = ch if seen > digits - 2 else "*"
        masked.append(ch)
    return "".join(masked)


def redact_text(text: str, limit: int | None = MAX_LOG_STRING_CHARS) -> str:
    """`text` with JWTs and bearer credentials replaced, URL passwords hidden,
    e-mails masked to `j***@***.com`, phone numbers (10–15 digits) masked but for
    their last two digits, and the whole capped at `limit` characters (None: uncut)."""
    text = _JWT.sub(REDACTED, text)
    text = _BEARER.sub(lambda m: f"{m.group(1)} {REDACTED}", text)
    text = _URL_PASSWORD.sub(lambda m: f"{m.group(1)}:***@", text)
    text = _EMAIL.sub(lambda m: f"{m.group(1)}***@***.{m.group(2)}", text)
    text = _PHONE.sub(_mask_phone, text)
    return text if limit is None else truncate(text, limit)


def truncate(text: str, limit: int) -> str:
    """`text` cut to `limit` characters, saying how many were left out."""
    return text if len(text) <= limit else f"{text[:limit]}…(+{len(text) - limit} chars)"


def redact_value(key: str, value: Any) -> Any:
    """A log value made safe: by its key (secret → `[REDACTED]`, note → truncated),
    then by its content (tracebacks are redacted but not cut). Containers are walked;
    numbers, booleans and None are kept; any other object is logged as its redacted `str()`."""
    name = key.lower().replace("-", "_")
    if name in SECRET_KEYS and value is not None:
        return REDACTED
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, Mapping):
        return {k: redact_value(str(k), v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [redact_value(key, v) for v in value]
    text = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
    if name in NOTE_KEYS:
        text = truncate(text, NOTE_LOG_CHARS)
    return redact_text(text, None if name in TRACEBACK_KEYS else MAX_LOG_STRING_CHARS)


def redact_event(logger: Any, method_name: str, event_dict: dict[str, Any]) -> dict[str, Any]:
    """structlog processor: every field of the event through `redact_value`. Place it
    after `format_exc_info` (so tracebacks are redacted too) and before the renderer."""
    return {key: redact_value(key, value) for key, value in event_dict.items()}
