"""The console script on the embedded defaults: token, and a terminal chat that books."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from app.auth.tokens import verify_token
from app.config import Settings


def _env(tmp_path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "REDIS_URL", "PF360_"))}
    env.update(
        DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'service.db'}",
        PF360_SANDBOX_DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'sandbox.db'}",
        LOG_LEVEL="WARNING",
    )
    return env


def test_token_command_prints_a_verifiable_token(tmp_path) -> None:
    result = subprocess.run([sys.executable, "-m", "app", "token", "--customer", "1001", "--client", "demo-client"],
                            capture_output=True, text=True, env=_env(tmp_path), timeout=60, check=True)
    caller = verify_token(Settings(), result.stdout.strip())
    assert (caller.customer_id, caller.client_id) == ("1001", "demo-client")


def test_terminal_chat_books_project_90001(tmp_path) -> None:
    day = datetime.now(ZoneInfo("America/New_York")).date() + timedelta(days=3)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    script = "\n".join([
        "hi",
        "what projects do I have?",
        "I'd like to get my flooring installation scheduled",
        f"{day:%B} {day.day} at 10am please",
        "yes",
        "when is my flooring appointment?",
    ]) + "\n"
    result = subprocess.run([sys.executable, "-m", "app", "chat", "--customer", "1001"], input=script,
                            capture_output=True, text=True, env=_env(tmp_path), timeout=120)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "waiting for your yes/no: confirm_appointment project 90001" in out
    assert "Done: your Flooring installation (ORD-1001-A) is booked" in out
    assert f"{day:%A}, {day:%B} {day.day} at 10:00 AM" in out.split("when is my flooring appointment?")[-1]
