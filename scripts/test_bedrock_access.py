"""Check that this machine can use Claude on Amazon Bedrock (``LLM_PROVIDER=bedrock``).

Usage:
    uv run python scripts/test_bedrock_access.py [--model-id ID] [--region REGION]

Steps (each prints OK / WARN / FAIL and one plain sentence on what to fix):
(a) AWS credentials resolve through boto3's usual chain (environment, AWS_PROFILE and
    the ~/.aws files, SSO, container or instance roles), and BEDROCK_MODEL_ID / AWS_REGION
    are set (or given as options);
(b) the model is known in the region: Bedrock control plane ``GetFoundationModel`` (or
    ``GetInferenceProfile`` for an inference-profile id such as ``us.anthropic.…``), plus
    ``GetFoundationModelAvailability`` when allowed;
(c) one short Converse call; prints its latency (ms) and token counts.

Every network step has a 2-second connect timeout, no retries (``max_attempts=1``) and a
hard deadline, so offline or without credentials the script ends within seconds.
Exit status: 0 all good; 2 credentials or settings missing; 3 network; 4 access denied or
model not available; 5 any other error.
"""

from __future__ import annotations

import argparse
import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # runnable without installing

import boto3  # noqa: E402
from botocore.exceptions import (  # noqa: E402
    BotoCoreError,
    ClientError,
    ConnectTimeoutError,
    EndpointConnectionError,
    ReadTimeoutError,
)

from app.config import get_settings  # noqa: E402
from app.llm.aws import (  # noqa: E402
    NO_CREDENTIALS,
    client_config,
    create_client,
    endpoint_host,
    error_code,
    explain_error,
)

EXIT_OK, EXIT_SETUP, EXIT_NETWORK, EXIT_ACCESS, EXIT_OTHER = 0, 2, 3, 4, 5
CONNECT_TIMEOUT = 2.0
READ_TIMEOUT = 10.0
CREDENTIALS_DEADLINE = 3.0
CONTROL_PLANE_DEADLINE = 5.0
CONVERSE_DEADLINE = 20.0
#: Inference-profile ids start with a geography (``us.anthropic.…``) or are profile ARNs.
PROFILE_PREFIXES = ("us.", "eu.", "apac.", "us-gov.", "global.", "jp.", "au.", "ca.")

T = TypeVar("T")


class StepTimeout(TimeoutError):
    """A step did not finish within its deadline (e.g. DNS hanging offline)."""


def bounded(seconds: float, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``fn(*args, **kwargs)`` in a daemon thread; raises StepTimeout after ``seconds``."""
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["value"] = fn(*args, **kwargs)
        except BaseException as exc:  # noqa: BLE001 - handed back to the caller
            box["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        raise StepTimeout(f"no answer within {seconds:.0f} s")
    if "error" in box:
        raise box["error"]
    return box["value"]


def report(status: str, step: str, message: str) -> None:
    """One result line, e.g. ``FAIL (a) credentials: No AWS credentials found: …``."""
    print(f"{status:<4} {step}: {message}", flush=True)


def exit_code_for(exc: BaseException) -> int:
    """The exit status that classifies ``exc``."""
    if isinstance(exc, (EndpointConnectionError, ConnectTimeoutError, ReadTimeoutError, TimeoutError)):
        return EXIT_NETWORK
    code = error_code(exc)
    if code in {"AccessDeniedException", "ResourceNotFoundException", "ValidationException"}:
        return EXIT_ACCESS
    if code in {"UnrecognizedClientException", "InvalidSignatureException", "ExpiredTokenException"}:
        return EXIT_SETUP
    return EXIT_OTHER


def check_credentials(session: boto3.Session) -> str | None:
    """The credential source (e.g. ``env``, ``shared-credentials-file``), or None when none resolve."""
    credentials = bounded(CREDENTIALS_DEADLINE, session.get_credentials)
    if credentials is None:
        return None
    return str(getattr(credentials, "method", "unknown"))


def check_model(bedrock: Any, model_id: str, region: str) -> str:
    """Control-plane lookup of ``model_id`` with a ``bedrock`` client; a short description. Raises boto errors."""
    if model_id.startswith(PROFILE_PREFIXES) or ":inference-profile/" in model_id:
        profile = bounded(CONTROL_PLANE_DEADLINE, bedrock.get_inference_profile, inferenceProfileIdentifier=model_id)
        return f"inference profile {profile.get('inferenceProfileName', model_id)} ({profile.get('status', '?')})"
    details = bounded(CONTROL_PLANE_DEADLINE, bedrock.get_foundation_model, modelIdentifier=model_id)
    summary = details.get("modelDetails", {})
    text = f"{summary.get('providerName', '?')} {summary.get('modelName', model_id)}"
    try:
        availability = bounded(
            CONTROL_PLANE_DEADLINE, bedrock.get_foundation_model_availability, modelId=model_id
        )
    except (ClientError, BotoCoreError, TimeoutError):
        return text  # the availability API is optional; the Converse call decides
    authorization = availability.get("authorizationStatus")
    entitlement = availability.get("entitlementAvailability")
    if authorization != "AUTHORIZED" or entitlement != "AVAILABLE":
        report(
            "WARN",
            "(b) model access",
            f"Model {model_id} may not be enabled in region {region} "
            f"(authorization {authorization}, entitlement {entitlement}): request access in the Bedrock console",
        )
    return text


def converse_once(runtime: Any, model_id: str) -> tuple[float, dict[str, Any]]:
    """One tiny Converse call with a ``bedrock-runtime`` client; (latency in ms, the response). Raises boto errors."""
    started = time.perf_counter()
    response = bounded(
        CONVERSE_DEADLINE,
        runtime.converse,
        modelId=model_id,
        messages=[{"role": "user", "content": [{"text": "Reply with the single word OK."}]}],
        inferenceConfig={"maxTokens": 10, "temperature": 0},
    )
    return (time.perf_counter() - started) * 1000, response


def main(argv: list[str] | None = None) -> int:
    """Run the checks; returns the exit status (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model-id", help="default: BEDROCK_MODEL_ID")
    parser.add_argument("--region", help="default: AWS_REGION, else the AWS profile's region")
    args = parser.parse_args(argv)
    # Bound the instance-metadata probe of the credential chain (off AWS it only times out).
    os.environ.setdefault("AWS_METADATA_SERVICE_TIMEOUT", "1")
    os.environ.setdefault("AWS_METADATA_SERVICE_NUM_ATTEMPTS", "1")

    try:
        settings = get_settings()
        session = boto3.Session()
        source = check_credentials(session)
    except Exception as exc:  # noqa: BLE001 - settings or profile errors, explained below
        report("FAIL", "(a) credentials", explain_error(exc, host="AWS", model_id="?", region="?"))
        return EXIT_SETUP
    model_id = args.model_id or settings.bedrock_model_id
    region = args.region or settings.aws_region or session.region_name
    problems = 0
    if source is None:
        report("FAIL", "(a) credentials", NO_CREDENTIALS)
        problems += 1
    else:
        report("OK", "(a) credentials", f"found (source: {source})")
    if not model_id:
        report("FAIL", "(a) settings", "BEDROCK_MODEL_ID is not set: set it to a Claude model or inference-profile id")
        problems += 1
    if not region:
        report("FAIL", "(a) settings", "No AWS region: set AWS_REGION (e.g. us-east-1)")
        problems += 1
    if problems:
        return EXIT_SETUP
    assert model_id and region  # for type checkers

    config = client_config(connect_timeout=CONNECT_TIMEOUT, read_timeout=READ_TIMEOUT, max_attempts=1)
    try:
        bedrock = create_client("bedrock", region=region, config=config, session=session)
        runtime = create_client("bedrock-runtime", region=region, config=config, session=session)
    except Exception as exc:  # noqa: BLE001 - e.g. an unknown region name
        report("FAIL", "(a) settings", explain_error(exc, host="AWS", model_id=model_id, region=region))
        return EXIT_SETUP

    host = endpoint_host(bedrock)
    try:
        report("OK", "(b) model access", check_model(bedrock, model_id, region))
    except ClientError as exc:
        if error_code(exc) != "AccessDeniedException":
            report("FAIL", "(b) model access", explain_error(exc, host=host, model_id=model_id, region=region))
            return exit_code_for(exc)
        report("WARN", "(b) model access", "this identity may not read the Bedrock control plane; trying the call")
    except Exception as exc:  # noqa: BLE001 - network, timeouts
        report("FAIL", "(b) model access", explain_error(exc, host=host, model_id=model_id, region=region))
        return exit_code_for(exc)

    host = endpoint_host(runtime)
    try:
        latency_ms, response = converse_once(runtime, model_id)
    except Exception as exc:  # noqa: BLE001 - explained and classified
        report("FAIL", "(c) Converse call", explain_error(exc, host=host, model_id=model_id, region=region))
        return exit_code_for(exc)
    usage = response.get("usage", {})
    report(
        "OK",
        "(c) Converse call",
        f"{latency_ms:.0f} ms, {usage.get('inputTokens', '?')} input / {usage.get('outputTokens', '?')} output tokens",
    )
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
