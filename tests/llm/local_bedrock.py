"""A canned local HTTP stand-in for bedrock-runtime, used as the client's endpoint URL.

It is ``app.llm.stub.BedrockStub`` (server, AWS error and event-stream framing) with
canned answers instead of a mode: ``POST /model/{id}/converse`` gets the ``converse``
JSON body, ``POST /model/{id}/converse-stream`` the ``stream`` events, and any GET
(control-plane reads such as GetFoundationModel) an empty JSON object.
"""

from __future__ import annotations

from app.llm.stub import BedrockStub, Reply, text_stream

__all__ = ["LocalBedrock", "text_stream"]


class LocalBedrock(BedrockStub):
    """Context manager running the canned stand-in on 127.0.0.1; ``url`` is its endpoint URL.

    Args:
        converse: the JSON body of Converse answers.
        stream: the (event type, payload) events of ConverseStream answers.
        delay_seconds: wait before answering (to test timeouts).
        error: an AWS error code (e.g. ``AccessDeniedException``) returned, as HTTP
            ``error_status`` (400 unless given), to every request instead (GET and POST).
    """

    def __init__(
        self,
        *,
        converse: dict | None = None,
        stream: list[tuple[str, dict]] | None = None,
        delay_seconds: float = 0.0,
        error: str | None = None,
        error_status: int = 400,
    ) -> None:
        super().__init__("correct")
        self.converse_body = converse or {}
        self.stream = stream or []
        self.delay_seconds = delay_seconds
        self.error = error
        self.error_status = error_status

    @property
    def paths(self) -> list[str]:
        """The (URL-decoded) paths of the requests received, in order."""
        return [r.path for r in self.history]

    def answer(self, method: str, path: str, body: bytes) -> Reply:
        """The canned answer (see the class docstring)."""
        delay = self.delay_seconds
        if self.error:
            return Reply.error(self.error_status, self.error, "stand-in error", delay=delay)
        if method == "GET":
            return Reply.json_body(200, {}, delay=delay)
        if path.endswith("/converse-stream"):
            return Reply.events(self.stream, delay=delay)
        return Reply.json_body(200, self.converse_body, delay=delay)

    def __enter__(self) -> LocalBedrock:
        self.start()
        return self
