"""`GET /api/healthz` (the process is up) and `GET /api/readyz` (its dependencies answer)."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text

from app.api.deps import ResourcesDep

router = APIRouter(prefix="/api", tags=["health"])
CHECK_TIMEOUT_SECONDS = 2.0


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    """The process is up; no dependency is touched."""
    return {"status": "ok"}


@router.get("/readyz", responses={503: {"description": "a dependency is unreachable; the body names it"}})
async def readyz(resources: ResourcesDep) -> JSONResponse:
    """Database, Redis and PF360 reachable; 503 naming the failing part otherwise."""

    async def database() -> None:
        async with resources.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))

    checks = {"database": database(), "redis": resources.redis.ping(), "pf360": resources.pf360.ping()}
    results = await asyncio.gather(
        *(asyncio.wait_for(check, CHECK_TIMEOUT_SECONDS) for check in checks.values()), return_exceptions=True
    )
    status = {name: "ok" if not isinstance(result, BaseException) else f"error: {type(result).__name__}"
              for name, result in zip(checks, results, strict=True)}
    failing = [name for name, value in status.items() if value != "ok"]
    body = {"status": "ok" if not failing else "unavailable", "checks": status,
            "llm": resources.provider.status()}
    if failing:
        body["error"] = {"code": "not_ready", "message": f"unreachable: {', '.join(failing)}"}
        return JSONResponse(body, status_code=503, headers={"Retry-After": "5"})
    return JSONResponse(body)
