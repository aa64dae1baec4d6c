"""Security headers on every response (`SecurityHeadersMiddleware`), the 500 of an
unhandled crash included."""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.api.errors import error_response

#: JSON answers: nothing may be loaded, framed or submitted.
API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
#: HTML pages of our own (the widget demo at `/`): scripts only from this origin, never inline.
PAGE_CSP = (
    "default-src 'none'; script-src 'self'; connect-src 'self'; img-src 'self' data:; "
    "style-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
#: FastAPI's interactive docs load Swagger UI / ReDoc from a CDN and start them inline.
DOCS_CSP = (
    "default-src 'none'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net https://fonts.googleapis.com; "
    "font-src https://fonts.gstatic.com; img-src 'self' data: https://fastapi.tiangolo.com https://cdn.redoc.ly; "
    "connect-src 'self'; worker-src blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
DOCS_PATHS = ("/docs", "/redoc")
HSTS = "max-age=31536000; includeSubDomains"

#: The answer to an unhandled crash: the same as the app's own crash handler
#: (`app.api.errors`), never the exception's text.
CRASH_STATUS, CRASH_CODE, CRASH_MESSAGE = 500, "internal_error", "something went wrong on our side"

STATIC_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}


def content_security_policy(path: str, content_type: str) -> str:
    """The CSP for a response: the page policy for our HTML, the docs policy for the
    API docs, the strict API policy for everything else."""
    if not content_type.startswith("text/html"):
        return API_CSP
    return DOCS_CSP if path.startswith(DOCS_PATHS) else PAGE_CSP


class SecurityHeadersMiddleware:
    """Adds `X-Content-Type-Options`, `X-Frame-Options`, `Referrer-Policy`,
    `Content-Security-Policy`, `Cache-Control: no-store` under `/api/` and, with
    `hsts` (production, served over HTTPS), `Strict-Transport-Security`.

    An exception escaping the app before the response started would otherwise be
    answered by Starlette's outermost `ServerErrorMiddleware`, outside this one and
    so without these headers. It is answered here instead, with the API's crash
    answer (`500 {"error": {"code": "internal_error", "message": ...}}`, no
    exception text) sent through the same path as any response (these headers, and
    the request id of the middleware outside this one); the exception is then raised
    again, so the app's crash handler still logs it and the server sees it (the
    outer middleware sends nothing more once a response has started). When the
    response had already started, its headers were set already and the exception
    is only raised again.
    """

    def __init__(self, app: ASGIApp, *, hsts: bool = False) -> None:
        self.app = app
        self.hsts = hsts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        response_started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal response_started
            if message["type"] == "http.response.start":
                response_started = True
                message["headers"] = list(message.get("headers") or [])
                headers = MutableHeaders(scope=message)
                for name, value in STATIC_HEADERS.items():
                    headers[name] = value
                headers["Content-Security-Policy"] = content_security_policy(path, headers.get("content-type", ""))
                if path.startswith("/api/"):
                    headers["Cache-Control"] = "no-store"
                if self.hsts:
                    headers["Strict-Transport-Security"] = HSTS
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            if not response_started:
                crash = error_response(CRASH_STATUS, CRASH_CODE, CRASH_MESSAGE)
                await crash(scope, receive, send_with_headers)
            raise
