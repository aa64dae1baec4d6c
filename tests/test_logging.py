"""Structured logs: JSON in production format, readable in development, and every line
of a turn carries the request id, session id and turn number; one summary line per turn."""

from __future__ import annotations

import json
import logging
import logging.config

import pytest
import structlog
from redis.exceptions import ConnectionError as RedisConnectionError

from app.config import Settings
from app.observability import configure_logging
from tests.helpers import say
from tests.test_stream import AsgiStream, stream_turn

SUMMARY_FIELDS = {"intent", "confidence", "outcome", "tools", "trace", "node_ms", "llm_calls", "llm_input_tokens",
                  "llm_output_tokens", "duration_ms", "endpoint"}


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """The test settings with JSON logs (as in production)."""
    return settings.model_copy(update={"log_format": "json"})


def log_lines(capsys) -> list[dict]:
    """The JSON log lines written so far (every line must be JSON)."""
    return [json.loads(line) for line in capsys.readouterr().err.splitlines() if line.strip()]


def of_request(lines: list[dict], request_id: str) -> list[dict]:
    return [line for line in lines if line.get("request_id") == request_id]


async def test_every_line_of_a_turn_names_request_session_and_turn(app, client, auth, capsys) -> None:
    capsys.readouterr()
    first = await say(client, {**auth(), "X-Request-ID": "req-log-00000001"}, "what projects do I have?")
    await say(client, {**auth(), "X-Request-ID": "req-log-00000002"}, "the flooring one", first["session_id"])
    await stream_turn(app, {**auth(), "X-Request-ID": "req-log-00000003"}, "hi there", first["session_id"])
    lines = log_lines(capsys)
    for number, request_id in enumerate(("req-log-00000001", "req-log-00000002", "req-log-00000003"), start=1):
        turn_lines = of_request(lines, request_id)
        assert turn_lines, request_id
        for line in turn_lines:
            assert line["session_id"] == first["session_id"] and line["turn"] == number, line
        summaries = [line for line in turn_lines if line["event"] == "turn"]
        assert len(summaries) == 1
        summary = summaries[0]
        assert SUMMARY_FIELDS <= set(summary)
        assert set(summary["node_ms"]) == set(summary["trace"])
        assert summary["level"] == "info" and summary["timestamp"]
    assert [line["endpoint"] for line in lines if line["event"] == "turn"] == ["chat", "chat", "stream"]
    assert of_request(lines, "req-log-00000003")[-1]["intent"] == "greeting"


async def test_a_client_leaving_a_stream_is_logged_with_its_turn(app, client, auth, capsys) -> None:
    session_id = (await say(client, auth(), "what projects do I have?"))["session_id"]
    capsys.readouterr()
    headers = {**auth(), "X-Request-ID": "req-log-00000004"}
    stream = await AsgiStream(app, {"session_id": session_id, "message": "hi there"}, headers).start()
    await stream.next_event()
    await stream.disconnect()
    await app.state.turn_tasks.drain()
    lines = of_request(log_lines(capsys), "req-log-00000004")
    assert {line["event"] for line in lines} >= {"stream_client_gone", "turn"}
    assert all(line["session_id"] == session_id and line["turn"] == 2 for line in lines)


async def test_a_store_failure_before_the_turn_still_names_the_session(app, client, auth, capsys, monkeypatch) -> None:
    session_id = (await say(client, auth(), "what projects do I have?"))["session_id"]

    class BrokenLock:
        async def __aenter__(self):
            raise RedisConnectionError("redis is down")

        async def __aexit__(self, *exc) -> None:
            return None

    monkeypatch.setattr(app.state.resources.store, "lock", lambda session, **options: BrokenLock())
    capsys.readouterr()
    response = await client.post("/api/chat", json={"session_id": session_id, "message": "hi"},
                                 headers={**auth(), "X-Request-ID": "req-log-00000005"})
    assert response.status_code == 503
    [line] = of_request(log_lines(capsys), "req-log-00000005")
    assert line["event"] == "store_unavailable" and line["session_id"] == session_id


def test_development_logs_are_readable_lines(capsys) -> None:
    log = structlog.get_logger("tests.logging")
    configure_logging(Settings(environment="prod", log_format="auto", jwt_secret_key="x" * 40,
                               pf360_base_url="http://pf360", pf360_api_token="t", redis_url="redis://r",
                               database_url="postgresql+asyncpg://db/x"))
    log.info("probe", answer=42)
    assert json.loads(capsys.readouterr().err)["answer"] == 42
    configure_logging(Settings(environment="dev"))  # the same (cached) logger follows the new format
    log.info("probe", answer=42)
    line = capsys.readouterr().err
    assert "probe" in line and "answer=42" in line and not line.lstrip().startswith("{")


def test_standard_library_records_are_structured_and_keep_the_request_id(settings, capsys) -> None:
    configure_logging(settings)
    capsys.readouterr()
    structlog.contextvars.bind_contextvars(request_id="req-log-00000006")
    try:
        logging.getLogger("sqlalchemy.pool").warning("pool %s is %d%% full", "main", 90)
    finally:
        structlog.contextvars.clear_contextvars()
    logging.getLogger("httpx").warning("outside a request")
    logging.getLogger("httpx").info("below the standard library's level")
    first, second = log_lines(capsys)
    assert first["event"] == "pool main is 90% full" and first["request_id"] == "req-log-00000006"
    assert first["level"] == "warning" and first["logger"] == "sqlalchemy.pool" and first["timestamp"]
    assert second["event"] == "outside a request" and "request_id" not in second


def test_uvicorn_records_reach_the_same_pipeline(settings, capsys) -> None:
    import uvicorn.config

    logging.config.dictConfig(uvicorn.config.LOGGING_CONFIG)  # as `uvicorn.run` does before loading the app
    configure_logging(settings)
    configure_logging(settings)  # a second call replaces its handler: one line per record
    capsys.readouterr()
    logging.getLogger("uvicorn.error").error("Exception in ASGI application")
    logging.getLogger("uvicorn.access").info('127.0.0.1:5000 - "GET /?token=eyJhbGciOi.eyJzdWIi.c2ln HTTP/1.1" 500')
    [error, access] = log_lines(capsys)
    assert error["logger"] == "uvicorn.error" and error["level"] == "error"
    assert access["logger"] == "uvicorn.access" and "eyJ" not in access["event"] and "[REDACTED]" in access["event"]
