"""boto3 plumbing shared by the Bedrock provider and ``scripts/test_bedrock_access.py``.

Timeouts and retries are botocore's own (``botocore.config.Config``): ``connect_timeout``
and ``read_timeout`` in seconds, and ``retries={"mode": "adaptive", "total_max_attempts": n}``
(standard retry rules plus client-side rate limiting after throttling; ``total_max_attempts``
counts the first call, whereas botocore's ``max_attempts`` key counts only the retries and
would make n + 1 attempts). See the botocore "Config" and "Retries" documentation.
"""

from __future__ import annotations

from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import (
    BotoCoreError,
    ClientError,
    ConnectTimeoutError,
    EndpointConnectionError,
    NoCredentialsError,
    NoRegionError,
    PartialCredentialsError,
    ProfileNotFound,
    ReadTimeoutError,
)

#: Error codes that mean the credentials themselves are wrong or expired.
_BAD_CREDENTIALS = frozenset(
    {"UnrecognizedClientException", "InvalidSignatureException", "ExpiredTokenException", "ExpiredToken"}
)
_USER_AGENT = "scheduling-agent"
NO_CREDENTIALS = "No AWS credentials found: set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or AWS_PROFILE"


def client_config(*, connect_timeout: float, read_timeout: float, max_attempts: int) -> Config:
    """A botocore ``Config`` with the given timeouts (seconds) and adaptive retries:
    ``max_attempts`` requests at most per call, the first included (1: no retry)."""
    return Config(
        connect_timeout=connect_timeout,
        read_timeout=read_timeout,
        retries={"mode": "adaptive", "total_max_attempts": max_attempts},
        user_agent_extra=_USER_AGENT,
    )


def create_client(
    service: str,
    *,
    region: str | None,
    config: Config,
    endpoint_url: str | None = None,
    session: boto3.Session | None = None,
) -> Any:
    """A boto3 client for ``service`` (``"bedrock-runtime"`` or ``"bedrock"``).

    Credentials resolve lazily, at the first request, through boto3's usual chain.

    Raises:
        botocore.exceptions.BotoCoreError: e.g. ``NoRegionError``, ``ProfileNotFound``.
    """
    session = session or boto3.Session()
    return session.client(service, region_name=region, endpoint_url=endpoint_url, config=config)


def endpoint_host(client: Any) -> str:
    """The host name a client talks to, e.g. ``bedrock-runtime.us-east-1.amazonaws.com``."""
    url = str(getattr(client.meta, "endpoint_url", ""))
    return url.split("://", 1)[-1].split("/", 1)[0] or "the Bedrock endpoint"


def error_code(exc: BaseException) -> str:
    """The AWS error code of a ``ClientError`` (``""`` for anything else)."""
    if isinstance(exc, ClientError):
        return str(exc.response.get("Error", {}).get("Code", ""))
    return ""


def explain_error(exc: BaseException, *, host: str, model_id: str, region: str) -> str:
    """One plain sentence telling an operator what to fix for a boto3/Bedrock error."""
    code = error_code(exc)
    if isinstance(exc, (NoCredentialsError, PartialCredentialsError)):
        return NO_CREDENTIALS
    if isinstance(exc, ProfileNotFound):
        return f"{exc}: fix AWS_PROFILE or add the profile to ~/.aws/config"
    if isinstance(exc, NoRegionError):
        return "No AWS region: set AWS_REGION (e.g. us-east-1)"
    if isinstance(exc, (EndpointConnectionError, ConnectTimeoutError)):
        return f"Cannot reach {host}: network/proxy (check connectivity, HTTPS_PROXY, VPC endpoint, firewall)"
    if isinstance(exc, ReadTimeoutError):
        return f"{host} accepted the connection but did not answer in time: network/proxy or service slowness"
    if isinstance(exc, TimeoutError):
        return f"No answer from {host} in time: network/proxy (check connectivity, HTTPS_PROXY, VPC endpoint, firewall)"
    if code in _BAD_CREDENTIALS:
        return f"AWS rejected the credentials ({code}): refresh them (expired session? wrong key?)"
    if code == "AccessDeniedException":
        return (
            f"Model {model_id} not enabled in region {region} or the IAM identity may not call it: "
            "request model access in the Bedrock console and allow bedrock:InvokeModel"
        )
    if code in {"ResourceNotFoundException", "ValidationException"}:
        return (
            f"Model {model_id} is not available in region {region} ({code}: {_message(exc)}): "
            "check BEDROCK_MODEL_ID (an inference-profile id such as us.anthropic.… may be required) and AWS_REGION"
        )
    if code in {"ThrottlingException", "ServiceQuotaExceededException", "TooManyRequestsException"}:
        return f"Bedrock throttled the request ({code}): retry later or raise the account's quota"
    if code:
        return f"Bedrock refused the request ({code}): {_message(exc)}"
    if isinstance(exc, BotoCoreError):
        return f"AWS SDK error: {exc}"
    return f"Unexpected error: {type(exc).__name__}: {exc}"


def _message(exc: BaseException) -> str:
    if isinstance(exc, ClientError):
        return str(exc.response.get("Error", {}).get("Message", "")) or str(exc)
    return str(exc)
