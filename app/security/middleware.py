"""`install_security(app, settings)`: CORS allow-list, security headers and request
envelope limits, registered on the FastAPI app in the right order."""

from __future__ import annotations

from fastapi import FastAPI
from starlette.middleware.body_limit import RequestBodyLimitMiddleware
from starlette.middleware.cors import CORSMiddleware

from app.config import Settings
from app.security.headers import SecurityHeadersMiddleware
from app.security.limits import RequestEnvelopeMiddleware

#: What the widget may send and read cross-origin.
CORS_METHODS = ["GET", "POST", "DELETE"]
CORS_REQUEST_HEADERS = ["Authorization", "Content-Type", "X-Request-ID"]
CORS_EXPOSED_HEADERS = ["X-Request-ID", "Retry-After"]
CORS_MAX_AGE_SECONDS = 600


def install_security(app: FastAPI, settings: Settings) -> None:
    """Add the security middlewares to `app`. Call before the request-id middleware
    is added, so that their answers (413, CORS refusals) still carry a request id.

    Outermost first: security headers → CORS → envelope limits (path characters,
    `Content-Length`) → Starlette's streamed body counter. Credentials (cookies) are
    never allowed cross-origin: the widget authenticates with a bearer token.
    """
    app.add_middleware(RequestBodyLimitMiddleware, max_body_size=settings.max_body_bytes)
    app.add_middleware(RequestEnvelopeMiddleware, max_body_bytes=settings.max_body_bytes)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_methods=CORS_METHODS,
        allow_headers=CORS_REQUEST_HEADERS,
        expose_headers=CORS_EXPOSED_HEADERS,
        allow_credentials=False,
        max_age=CORS_MAX_AGE_SECONDS,
    )
    app.add_middleware(SecurityHeadersMiddleware, hsts=settings.environment == "prod")
