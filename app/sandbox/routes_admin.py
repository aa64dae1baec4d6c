"""Sandbox administration (not part of PF360; for tests and demos).

``GET/PUT /_sandbox/faults`` read and replace the :class:`FaultConfig`;
``POST /_sandbox/reset`` drops every sandbox row and reseeds. They require the
``authorization`` header like PF360 endpoints, but no ``client_id``, and are
exempt from fault injection.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict, Field

from app.sandbox.deps import RuntimeDep, require_token
from app.sandbox.faults import FaultConfig

router = APIRouter(prefix="/_sandbox", dependencies=[Depends(require_token)], tags=["sandbox admin"])


class ResetBody(BaseModel):
    """Body of ``POST /_sandbox/reset``: the seed's date (None = today in New York),
    how many bulk fake customers, and the fake-data seed."""

    model_config = ConfigDict(extra="forbid")

    today: dt.date | None = None
    customers: int = Field(0, ge=0, le=10_000)
    seed: int = 42


@router.get("/faults")
async def get_faults(runtime: RuntimeDep) -> FaultConfig:
    """The fault configuration in force."""
    return runtime.faults.config


@router.put("/faults")
async def put_faults(config: FaultConfig, runtime: RuntimeDep) -> FaultConfig:
    """Replace the fault configuration (reseeds the random draws)."""
    runtime.faults.configure(config)
    return runtime.faults.config


@router.post("/reset")
async def reset(body: ResetBody, runtime: RuntimeDep) -> dict[str, Any]:
    """Drop all sandbox rows and reseed; answers ``{"data": SeedSummary}``."""
    summary = await runtime.reset(today=body.today, customers=body.customers, seed=body.seed)
    return {"data": summary.as_dict()}
