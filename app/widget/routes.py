"""Routes of the widget: its static files (always) and the demo (development only).

`assets_router` serves `/widget.js` and `/widget.css`, which customer portals embed.
`demo_router` serves the demo page at `/` and `POST /dev/token`, which hands the page
a token of the demo customer; `create_app` includes it only when `ENVIRONMENT` is not
`prod`, so both answer 404 in production.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse
from pydantic import BaseModel

from app.api.deps import ResourcesDep
from app.auth.tokens import issue_token

STATIC_DIR = Path(__file__).resolve().parent / "static"
#: Browsers revalidate (ETag / Last-Modified) so a new release reaches them at once.
CACHE_HEADERS = {"Cache-Control": "no-cache"}

DEMO_CUSTOMER_ID = "1001"
DEMO_CLIENT_ID = "demo-client"
DEMO_TOKEN_TTL_SECONDS = 3600

assets_router = APIRouter(include_in_schema=False)
demo_router = APIRouter(include_in_schema=False)


def _static(name: str, media_type: str) -> FileResponse:
    return FileResponse(STATIC_DIR / name, media_type=media_type, headers=CACHE_HEADERS)


@assets_router.api_route("/widget.js", methods=["GET", "HEAD"])
async def widget_js() -> FileResponse:
    """The widget script (plain JavaScript, no build step)."""
    return _static("widget.js", "text/javascript; charset=utf-8")


@assets_router.api_route("/widget.css", methods=["GET", "HEAD"])
async def widget_css() -> FileResponse:
    """The widget's styles (loaded by the script)."""
    return _static("widget.css", "text/css; charset=utf-8")


@demo_router.get("/")
async def demo_page() -> FileResponse:
    """A demo portal page embedding the widget (development only)."""
    return _static("demo.html", "text/html; charset=utf-8")


@demo_router.get("/demo.css")
async def demo_css() -> FileResponse:
    """The demo page's own styles."""
    return _static("demo.css", "text/css; charset=utf-8")


class DemoToken(BaseModel):
    """A token of the demo customer, for the demo page."""

    token: str
    customer_id: str
    client_id: str
    expires_in: int


@demo_router.post("/dev/token")
async def dev_token(resources: ResourcesDep) -> DemoToken:
    """A token of customer 1001 of demo-client, signed with the configured key (development only)."""
    token = issue_token(resources.settings, customer_id=DEMO_CUSTOMER_ID, client_id=DEMO_CLIENT_ID,
                        ttl_seconds=DEMO_TOKEN_TTL_SECONDS)
    return DemoToken(token=token, customer_id=DEMO_CUSTOMER_ID, client_id=DEMO_CLIENT_ID,
                     expires_in=DEMO_TOKEN_TTL_SECONDS)
