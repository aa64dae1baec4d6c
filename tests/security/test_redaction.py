"""Logs without secrets: tokens never logged, e-mails and phone numbers masked, note
text cut short — while the stored history keeps the customer's real text."""

from __future__ import annotations

import logging

import pytest
import structlog

from app.observability import configure_logging
from app.security.redaction import NOTE_LOG_CHARS, redact_text, redact_value
from tests.security.support import settings_with

JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMDAxIiwiY2xpZW50X2lkIjoiZGVtby1jbGllbnQifQ.c2lnbmF0dXJl"
EMAIL, PHONE = "jane.doe@example.com", "+1 (555) 867-5309"


@pytest.mark.parametrize("log_format", ["console", "json"])
def test_a_captured_log_line_has_no_token_email_or_phone(settings, capsys, log_format) -> None:
    configure_logging(settings_with(settings, log_format=log_format))
    log = structlog.get_logger("tests.security")
    log.warning("customer_wrote", text=f"mail {EMAIL} or call {PHONE}", headers={"Authorization": f"Bearer {JWT}"},
                note_text="please use the side gate " * 10, raw=f"token={JWT}")
    try:
        raise ValueError(f"bad token {JWT}")
    except ValueError:
        log.exception("failed")
    line = capsys.readouterr().err
    assert "customer_wrote" in line and "failed" in line
    for secret in (JWT, EMAIL, "867-5309", "side gate " * 2):
        assert secret not in line
    assert "j***@***.com" in line and "***-**09" in line and "[REDACTED]" in line


@pytest.mark.parametrize("log_format", ["console", "json"])
def test_a_standard_library_record_is_redacted_too(settings, capsys, log_format) -> None:
    """Libraries (uvicorn, SQLAlchemy, httpx …) log through `logging`, not structlog."""
    configure_logging(settings_with(settings, log_format=log_format))
    library = logging.getLogger("tests.security.library")
    library.warning("sent Authorization: Bearer %s for %s, call %s", JWT, EMAIL, PHONE)
    try:
        raise ValueError(f"bad token {JWT}")
    except ValueError:
        logging.getLogger("uvicorn.error").exception("Exception in ASGI application")
    line = capsys.readouterr().err
    assert "sent Authorization: Bearer [REDACTED]" in line and "Exception in ASGI application" in line
    assert "ValueError: bad token [REDACTED]" in line  # the traceback is kept, redacted
    for secret in (JWT, EMAIL, "867-5309"):
        assert secret not in line
    assert "j***@***.com" in line and "***-**09" in line


async def test_a_turn_logs_no_token_and_history_keeps_the_real_text(client, auth, capsys) -> None:
    headers = auth()
    token = headers["Authorization"].removeprefix("Bearer ")
    message = f"add a note to the flooring project saying email me at {EMAIL} or call {PHONE}"
    response = await client.post("/api/chat", json={"message": message}, headers=headers)
    assert response.status_code == 200
    forged = await client.post("/api/chat", json={"message": "hi"}, headers={"Authorization": f"Bearer {token}x"})
    assert forged.status_code == 401
    logged = capsys.readouterr().err
    assert "intent=add_note" in logged or '"intent": "add_note"' in logged  # the turn was logged, and captured
    assert token not in logged and EMAIL not in logged and PHONE not in logged
    history = await client.get(f"/api/sessions/{response.json()['session_id']}/history", headers=headers)
    assert history.json()["messages"][0]["text"] == message


@pytest.mark.parametrize("text", [
    "2026-11-28 08:00", "2026-11-28T08:00:00Z", "ORD-1001-A", "projects [90001, 90002, 90003]",
    "client 127.0.0.1:50000", "192.168.100.200", "request a1b2c3d4e5f60718293a4b5c6d7e8f90", "took 1234.5678 ms",
])
def test_ordinary_values_are_left_alone(text) -> None:
    assert redact_text(text) == text


@pytest.mark.parametrize("text, expected", [
    ("call 555-867-5309", "call ***-***-**09"),
    ("call 5558675309 now", "call ********09 now"),
    ("+44 20 7946 0958", "+** ** **** **58"),
    ("mail Jane.Doe+x@mail.example.co.uk", "mail J***@***.uk"),
    ("redis://:hunter2@cache:6379/0", "redis://:***@cache:6379/0"),
    ("Authorization: Bearer abcdefgh12345678", "Authorization: Bearer [REDACTED]"),
    (f"jwt {JWT}.", "jwt [REDACTED]."),
])
def test_secrets_and_contact_details_are_masked(text, expected) -> None:
    assert redact_text(text) == expected


def test_values_are_redacted_by_key_and_notes_truncated() -> None:
    assert redact_value("authorization", "anything") == "[REDACTED]"
    assert redact_value("PF360-API-TOKEN", "tok") == "[REDACTED]"
    assert redact_value("ctx", {"token": "x", "n": 3, "items": [f"{EMAIL}"]}) == {
        "token": "[REDACTED]", "n": 3, "items": ["j***@***.com"]}
    note = redact_value("note_text", "x" * 500)
    assert note.startswith("x" * NOTE_LOG_CHARS) and "(+460 chars)" in note
    assert len(redact_value("text", "y" * 50_000)) < 2100
    assert redact_value("exception", f"Traceback {JWT} " + "z" * 5000) == "Traceback [REDACTED] " + "z" * 5000
