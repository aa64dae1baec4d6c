"""The load benchmark end to end, small: it spawns the sandbox and a service instance,
drives a few sessions for a few seconds, and proves no message was lost or doubled."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid

import pytest

from tests.conftest import _claim_redis_db, _release_redis_db


async def test_bench_runs_and_checks_every_history(stores, tmp_path) -> None:
    if stores.kind != "real":
        pytest.skip("the benchmark runs against the real PostgreSQL and Redis")
    redis_db = await _claim_redis_db(uuid.uuid4().hex[:10])
    await _release_redis_db(redis_db)  # free for the bench, which claims it in turn
    report = tmp_path / "bench.json"
    result = subprocess.run(
        [sys.executable, "-m", "app", "bench", "--sessions", "4", "--duration", "3", "--warmup", "0.5",
         "--instances", "1", "--database", f"sa_bench_{uuid.uuid4().hex[:8]}",
         "--redis", f"redis://127.0.0.1:6379/{redis_db}", "--log-level", "WARNING", "--quiet",
         "--json", str(report)],
        capture_output=True, text=True, timeout=180,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "turns/s" in result.stdout
    figures = json.loads(report.read_text())
    assert figures, "the bench wrote no figures"
    # the machine's speed before and after the load, to compare runs from different hours
    reference = figures["machine"]["reference_ms"]
    assert 0 < reference["before"] < 10_000 and 0 < reference["after"] < 10_000
    assert f"reference workload {reference['before']:.1f} ms before the load" in result.stdout
