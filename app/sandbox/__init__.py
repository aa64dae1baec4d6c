"""The PF360 sandbox: a stand-in of the external PF360 API with its own tables.

Public API:
    create_sandbox_app, sandbox_app_from_settings   build the FastAPI app
    SandboxTransport                                mount it in-process for httpx
    FaultConfig                                     fault injection settings
    seed_sandbox, SeedSummary                       reseed the sandbox database
    create_sandbox_engine                           an engine for the sandbox database
    run (app.sandbox.server)                        serve it with uvicorn
"""

from app.sandbox.app import create_sandbox_app, sandbox_app_from_settings
from app.sandbox.faults import FaultConfig
from app.sandbox.runtime import SandboxRuntime, create_sandbox_engine
from app.sandbox.seed import SeedSummary, default_today, seed_sandbox
from app.sandbox.transport import SandboxTransport

__all__ = [
    "FaultConfig",
    "SandboxRuntime",
    "SandboxTransport",
    "SeedSummary",
    "create_sandbox_app",
    "create_sandbox_engine",
    "default_today",
    "sandbox_app_from_settings",
    "seed_sandbox",
]
