"""Small helpers shared by the API tests."""

from __future__ import annotations

import time

import httpx

from app.pf360.client import SANDBOX_BASE_URL, SANDBOX_TOKEN


class BorrowedTransport(httpx.AsyncBaseTransport):
    """Uses another client's transport without closing it (the app still owns it)."""

    def __init__(self, transport: httpx.AsyncBaseTransport) -> None:
        self.inner = transport

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        return None


def sandbox_client(app) -> httpx.AsyncClient:
    """An HTTP client of the app's in-process PF360 sandbox (to read PF360's state back)."""
    transport = app.state.resources.pf360.transport
    return httpx.AsyncClient(transport=BorrowedTransport(transport), base_url=SANDBOX_BASE_URL)


PF360_HEADERS = {"authorization": SANDBOX_TOKEN, "client_id": "demo-client"}


async def pf360_appointment(app, project_id: int) -> dict | None:
    """The project's appointment as the sandbox reports it."""
    async with sandbox_client(app) as pf360:
        response = await pf360.get(f"/scheduler/client/demo-client/project/{project_id}/appointment",
                                   headers=PF360_HEADERS)
        response.raise_for_status()
        return response.json()["data"]["appointment"]


async def say(client: httpx.AsyncClient, headers: dict, message: str, session_id: str | None = None) -> dict:
    """POST one chat message; asserts 200 and returns the body."""
    response = await client.post("/api/chat", json={"session_id": session_id, "message": message}, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


async def fill_message_window(resources, caller, *, frees_in: float) -> None:
    """Fill `caller`'s message window (the real rate limit in Redis) so that their next
    message is refused until `frees_in` seconds from now, when the oldest leaves it."""
    limiter = resources.admission.limiter
    oldest = time.time() - limiter.window + frees_in
    await resources.redis.zadd(limiter.key(caller), {f"{oldest:.6f}:fill{n}": oldest for n in range(limiter.limit)})
