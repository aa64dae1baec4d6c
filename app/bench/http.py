"""A minimal keep-alive HTTP/1.1 client for the load loop.

The load generator shares the machine with what it measures, so it must cost little:
httpx spends ~0.5 ms of CPU per request here; this client (asyncio streams, one
connection per request in flight, kept alive and reused) spends a fraction of that.
It speaks just what the bench needs: GET/POST with a JSON body, answers with
Content-Length or chunked bodies. Only http:// to 127.0.0.1 (see `require_loopback`).
"""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any
from urllib.parse import urlsplit


#: Idle connections older than this are not reused (uvicorn's keep-alive timeout is 5 s).
MAX_IDLE_SECONDS = 3.0


class HttpError(Exception):
    """The connection failed or the answer could not be read; `kind` names it."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind


class Answer:
    """Status, headers (lower-case names) and body of a response."""

    __slots__ = ("status", "headers", "body")

    def __init__(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.status, self.headers, self.body = status, headers, body

    def json(self) -> Any:
        """The body parsed as JSON."""
        return json.loads(self.body)


class _Connection:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer
        self.idle_since = 0.0

    def close(self) -> None:
        self.writer.close()


class RawClient:
    """Keep-alive connections to one `http://host:port` origin (idle ones are reused).

    Args:
        base_url: e.g. ``http://127.0.0.1:8000``.
        timeout: seconds for one request, connecting included.
    """

    def __init__(self, base_url: str, *, timeout: float) -> None:
        parts = urlsplit(base_url)
        if parts.scheme != "http" or not parts.hostname:
            raise ValueError(f"only http://host:port is supported, not {base_url!r}")
        self.host, self.port = parts.hostname, parts.port or 80
        self.timeout = timeout
        self._idle: list[_Connection] = []
        self._host_header = f"{self.host}:{self.port}"

    async def request(self, method: str, path: str, *, headers: dict[str, str] | None = None,
                      json_body: Any = None) -> Answer:
        """Send one request and read the whole answer.

        Raises:
            HttpError: kind ``timeout``, ``connect`` or ``protocol``.
        """
        body = b"" if json_body is None else json.dumps(json_body, separators=(",", ":")).encode()
        lines = [f"{method} {path} HTTP/1.1", f"host: {self._host_header}", f"content-length: {len(body)}"]
        if json_body is not None:
            lines.append("content-type: application/json")
        lines.extend(f"{name}: {value}" for name, value in (headers or {}).items())
        payload = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body
        connection = None
        now = time.monotonic()
        while self._idle and connection is None:
            connection = self._idle.pop()
            # uvicorn closes a connection idle for 5 s; a POST is never sent twice, so a
            # connection that may be closing under us is not used at all.
            if connection.reader.at_eof() or now - connection.idle_since > MAX_IDLE_SECONDS:
                connection.close()
                connection = None
        try:
            async with asyncio.timeout(self.timeout):
                if connection is None:
                    try:
                        reader, writer = await asyncio.open_connection(self.host, self.port)
                    except OSError as error:
                        raise HttpError("connect", str(error)) from error
                    connection = _Connection(reader, writer)
                connection.writer.write(payload)
                answer, keep = await self._read(connection.reader)
        except TimeoutError as error:
            if connection is not None:
                connection.close()
            raise HttpError("timeout", f"no answer within {self.timeout:g}s") from error
        except (OSError, asyncio.IncompleteReadError, ValueError, HttpError) as error:
            if connection is not None:
                connection.close()
            if isinstance(error, HttpError):
                raise
            raise HttpError("protocol", f"{type(error).__name__}: {error}") from error
        if keep:
            connection.idle_since = time.monotonic()
            self._idle.append(connection)
        else:
            connection.close()
        return answer

    @staticmethod
    async def _read(reader: asyncio.StreamReader) -> tuple[Answer, bool]:
        head = await reader.readuntil(b"\r\n\r\n")
        status_line, *header_lines = head[:-4].decode("latin-1").split("\r\n")
        version, status, *_ = status_line.split(" ", 2)
        headers: dict[str, str] = {}
        for line in header_lines:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        if "content-length" in headers:
            body = await reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
                if size == 0:
                    await reader.readuntil(b"\r\n")
                    break
                chunks.append(await reader.readexactly(size))
                await reader.readexactly(2)
            body = b"".join(chunks)
        else:
            raise HttpError("protocol", "answer without Content-Length or chunked body")
        keep = version == "HTTP/1.1" and headers.get("connection", "").lower() != "close"
        return Answer(int(status), headers, body), keep

    async def aclose(self) -> None:
        """Close every idle connection."""
        while self._idle:
            self._idle.pop().close()
