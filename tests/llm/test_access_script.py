"""scripts/test_bedrock_access.py fails fast and plainly without credentials."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from tests.llm.local_bedrock import LocalBedrock

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "test_bedrock_access.py"


def test_without_credentials_it_exits_non_zero_quickly_with_a_plain_message(tmp_path: Path) -> None:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),  # no ~/.aws
        "AWS_CONFIG_FILE": str(tmp_path / "missing-config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "missing-credentials"),
        "AWS_EC2_METADATA_DISABLED": "true",
        "BEDROCK_MODEL_ID": "us.anthropic.claude-haiku-4-5-20251001-v1:0",
        "AWS_REGION": "us-east-1",
    }
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, str(SCRIPT)], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=30
    )
    elapsed = time.monotonic() - started

    assert done.returncode != 0
    assert elapsed < 15
    assert "No AWS credentials found: set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or AWS_PROFILE" in done.stdout


def test_unreachable_endpoint_is_explained(tmp_path: Path) -> None:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "AWS_CONFIG_FILE": str(tmp_path / "missing-config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "missing-credentials"),
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_ACCESS_KEY_ID": "x",
        "AWS_SECRET_ACCESS_KEY": "x",
        "AWS_ENDPOINT_URL_BEDROCK": "http://127.0.0.1:9",  # nothing listens on the discard port
        "BEDROCK_MODEL_ID": "anthropic.claude-3-5-haiku-20241022-v1:0",
        "AWS_REGION": "us-east-1",
    }
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, str(SCRIPT)], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=30
    )

    assert done.returncode == 3, done.stdout + done.stderr
    assert time.monotonic() - started < 15
    assert "OK   (a) credentials: found (source: env)" in done.stdout
    assert "FAIL (b) model access: Cannot reach 127.0.0.1:9: network/proxy" in done.stdout


def test_model_without_access_is_explained(tmp_path: Path) -> None:
    with LocalBedrock(error="AccessDeniedException") as endpoint:
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(tmp_path),
            "AWS_CONFIG_FILE": str(tmp_path / "missing-config"),
            "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "missing-credentials"),
            "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_ACCESS_KEY_ID": "x",
            "AWS_SECRET_ACCESS_KEY": "x",
            "AWS_ENDPOINT_URL_BEDROCK": endpoint.url,
            "AWS_ENDPOINT_URL_BEDROCK_RUNTIME": endpoint.url,
            "BEDROCK_MODEL_ID": "anthropic.claude-3-5-haiku-20241022-v1:0",
            "AWS_REGION": "eu-west-3",
        }
        done = subprocess.run(
            [sys.executable, str(SCRIPT)], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=30
        )

    assert done.returncode == 4, done.stdout + done.stderr
    assert "WARN (b) model access" in done.stdout
    assert "Model anthropic.claude-3-5-haiku-20241022-v1:0 not enabled in region eu-west-3" in done.stdout
