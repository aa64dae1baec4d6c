"""`scheduling-agent chat`: a conversation in the terminal through the same service as the API."""

from __future__ import annotations

import asyncio
import sys

from app.auth.tokens import Caller
from app.config import Settings
from app.resources import open_resources

QUIT_WORDS = {"/quit", "/exit", "quit", "exit"}


def format_reply(response) -> str:
    """The assistant's turn as terminal text: response, quick replies, pending action."""
    lines = [f"assistant> {response.response}"]
    if response.quick_replies:
        lines.append("   options: " + " | ".join(response.quick_replies))
    if response.pending_action:
        p = response.pending_action
        lines.append(f"   waiting for your yes/no: {p.tool} project {p.project_id} {p.date or ''} {p.time or ''}".rstrip())
    return "\n".join(lines)


async def run_terminal_chat(settings: Settings, *, customer_id: str, client_id: str) -> int:
    """Chat on stdin/stdout as `customer_id` of `client_id` until EOF or /quit."""
    resources = await open_resources(settings)
    interactive = sys.stdin.isatty()

    async def read_lines():
        while True:
            line = await asyncio.to_thread(_prompt if interactive else sys.stdin.readline)
            if line is None or (not interactive and line == ""):
                return
            if not interactive:
                print(f"you> {line.rstrip()}", flush=True)
            yield line

    try:
        print(f"Chatting as customer {customer_id} of {client_id}. Type /quit to leave.", flush=True)
        session_id = None
        async for raw in read_lines():
            message = raw.strip()
            if not message:
                continue
            if message.lower() in QUIT_WORDS:
                break
            outcome = await resources.chat.handle(Caller(customer_id, client_id), session_id, message[:2000])
            session_id = outcome.response.session_id
            print(format_reply(outcome.response), flush=True)
    finally:
        await resources.close()
    return 0


def _prompt() -> str | None:
    try:
        return input("you> ")
    except EOFError:
        return None
