"""The service and the PF360 sandbox as separate processes, as operators run them:
every scripted conversation passes over real HTTP, the sandbox reseeded for each."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from app.config import Settings
from app.scenarios import replay_directory
from tests.stores.servers import free_port

SCENARIOS = Path(__file__).parent / "scenarios"


def _wait_ready(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url} exited with {process.returncode}")
        try:
            if httpx.get(url, timeout=1).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise TimeoutError(url)


@pytest.fixture
def processes(tmp_path, stores):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "REDIS_URL", "PF360_"))}
    env.update(DATABASE_URL=stores.database_url, PF360_SANDBOX_DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path}/sb.db",
               LOG_LEVEL="WARNING", RATE_LIMIT_MESSAGES="1000")
    if stores.redis_url:
        env["REDIS_URL"] = stores.redis_url
    sandbox_port, api_port = free_port(), free_port()
    env["PF360_BASE_URL"] = f"http://127.0.0.1:{sandbox_port}"
    logs = [open(tmp_path / name, "wb") for name in ("sandbox.log", "serve.log")]  # noqa: SIM115
    started = [
        subprocess.Popen([sys.executable, "-m", "app", "sandbox", "--port", str(sandbox_port)], env=env,
                         stdout=logs[0], stderr=subprocess.STDOUT),
        subprocess.Popen([sys.executable, "-m", "app", "serve", "--port", str(api_port)], env=env,
                         stdout=logs[1], stderr=subprocess.STDOUT),
    ]
    try:
        _wait_ready(f"http://127.0.0.1:{sandbox_port}/scheduler/client/demo-client/business-hours", started[0])
        _wait_ready(f"http://127.0.0.1:{api_port}/api/healthz", started[1])
        yield f"http://127.0.0.1:{api_port}", f"http://127.0.0.1:{sandbox_port}"
    finally:
        for process in started:
            process.terminate()
        for process in started:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        for log in logs:
            log.close()


async def test_scenarios_pass_against_separate_processes(processes, capsys) -> None:
    api_url, sandbox_url = processes
    exit_code = await replay_directory(SCENARIOS, api_url=api_url, sandbox_url=sandbox_url, settings=Settings())
    out = capsys.readouterr().out
    assert exit_code == 0, out
    assert "6 passed, 0 failed" in out
