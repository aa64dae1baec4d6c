"""The API's error format: `{"error": {"code", "message"}}` plus the request id header."""

from __future__ import annotations

import json
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

import structlog

log = structlog.get_logger(__name__)


class ApiError(Exception):
    """An error answered to the client as `{"error": {"code", "message"}}`.

    Args:
        status: the HTTP status.
        code: a stable machine-readable code (e.g. `session_not_found`).
        message: plain words for the client; never secrets or internals.
        retry_after: seconds for the `Retry-After` header (429, 503).
    """

    def __init__(self, status: int, code: str, message: str, *, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.retry_after = status, code, message, retry_after


def error_response(status: int, code: str, message: str, *, retry_after: int | None = None) -> JSONResponse:
    """The JSON error response (with `Retry-After` when given)."""
    headers = {"Retry-After": str(retry_after)} if retry_after is not None else None
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    """Map our errors, HTTP errors, validation errors and crashes to the error format,
    and document that format in the OpenAPI document (`document_error_format`)."""

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message, retry_after=exc.retry_after)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ()) if p != 'body') or 'body'}: {e.get('msg', 'invalid')}"
            for e in exc.errors()[:5]
        )
        return error_response(422, "invalid_request", problems or "the request body is not valid")

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 400 and isinstance(exc.__cause__, ValueError | RecursionError):
            # FastAPI's answer to a body it cannot decode (not UTF-8, nested too deep): like invalid JSON, 422.
            return error_response(422, "invalid_request", "the body is not valid UTF-8 JSON")
        code = {401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
                413: "payload_too_large"}.get(exc.status_code, "http_error")
        headers = getattr(exc, "headers", None) or {}
        response = error_response(exc.status_code, code, str(exc.detail))
        response.headers.update(headers)
        return response

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled_error", error_type=type(exc).__name__)
        return error_response(500, "internal_error", "something went wrong on our side")

    document_error_format(app)


class ErrorDetail(BaseModel):
    """What went wrong: a stable `code` and plain words."""

    code: str
    message: str


class ErrorBody(BaseModel):
    """Every error answer of the API."""

    error: ErrorDetail


#: Answers any operation can give on top of those its route declares.
BODY_ERRORS = {"413": "the request body is too large", "422": "a body that does not validate"}
AUTH_ERRORS = {
    "401": "no token, bad signature, expired",
    "429": "too many requests or failed sign-ins (see Retry-After)",
    "503": "a store is briefly unreachable (see Retry-After)",
}


def document_error_format(app: FastAPI) -> None:
    """Make `/openapi.json` describe error answers as they are sent.

    Every 4xx/5xx response of every operation gets the `ErrorBody` schema (FastAPI
    would otherwise document 422 as its own `HTTPValidationError`); operations with a
    body also document 413 and 422, and operations behind the bearer token 401, 429
    and 503.
    """
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            _describe_errors(build())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _describe_errors(spec: dict[str, Any]) -> None:
    schemas = spec.setdefault("components", {}).setdefault("schemas", {})
    body = ErrorBody.model_json_schema(ref_template="#/components/schemas/{model}")
    schemas.update(body.pop("$defs", {}))
    schemas["ErrorBody"] = body
    content = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
    for operation in (op for item in spec.get("paths", {}).values() for op in item.values() if isinstance(op, dict)):
        responses = operation.setdefault("responses", {})
        extra = {**(BODY_ERRORS if "requestBody" in operation else {}),
                 **(AUTH_ERRORS if "security" in operation else {})}
        for status, description in extra.items():
            responses.setdefault(status, {"description": description})
        for status, response in responses.items():
            if status[:1] in {"4", "5"}:
                response["content"] = content
                response["description"] = response.get("description") or "error"
    for unused in ("HTTPValidationError", "ValidationError"):  # in this order: the first refers to the second
        if f"#/components/schemas/{unused}" not in json.dumps(spec):
            schemas.pop(unused, None)
