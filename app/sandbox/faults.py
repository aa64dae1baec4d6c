"""Fault injection for the PF360 sandbox: latency, injected 5xx and timeouts.

A :class:`FaultInjector` is consulted by every PF360 endpoint (never by the
``/_sandbox`` admin endpoints). Random draws come from a :class:`random.Random`
seeded with ``FaultConfig.seed``, so a given sequence of requests meets the same
faults on every run; replacing the config reseeds it.
"""

from __future__ import annotations

import asyncio
import random

from pydantic import BaseModel, ConfigDict, Field

from app.sandbox.errors import SandboxError


class FaultConfig(BaseModel):
    """What goes wrong, and how often.

    Attributes:
        latency_ms: added before every answer, in milliseconds.
        error_rate: probability in [0, 1] of answering 503 ``injected_fault``.
        timeout_rate: probability in [0, 1] of sleeping ``timeout_seconds`` before answering.
        timeout_seconds: the length of an injected hang, in seconds.
        hang_after_commit: write endpoints store their write and commit, then hang
            ``timeout_seconds`` (a timeout after the booking was stored). A replayed
            idempotent request does not hang: it wrote nothing.
        seed: seed of the random draws.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    latency_ms: int = Field(0, ge=0)
    error_rate: float = Field(0.0, ge=0, le=1)
    timeout_rate: float = Field(0.0, ge=0, le=1)
    timeout_seconds: float = Field(30.0, ge=0)
    hang_after_commit: bool = False
    seed: int = 0


class FaultInjector:
    """Applies a :class:`FaultConfig`; the config can be replaced at run time."""

    def __init__(self, config: FaultConfig | None = None) -> None:
        self._config = FaultConfig()
        self._rng = random.Random(0)
        self.configure(config or FaultConfig())

    @property
    def config(self) -> FaultConfig:
        """The configuration in force."""
        return self._config

    def configure(self, config: FaultConfig) -> None:
        """Replace the configuration and reseed the random draws with ``config.seed``."""
        self._config = config
        self._rng = random.Random(config.seed)

    async def before_answer(self) -> None:
        """Run before a PF360 endpoint answers: latency, then maybe a 503 or a hang.

        Both draws are made on every call (whatever the rates), so the sequence of
        outcomes depends only on the seed and the number of requests.

        Raises:
            SandboxError: 503 ``injected_fault`` with probability ``error_rate``.
        """
        config = self._config
        fail_draw, hang_draw = self._rng.random(), self._rng.random()
        if config.latency_ms:
            await asyncio.sleep(config.latency_ms / 1000)
        if fail_draw < config.error_rate:
            raise SandboxError(503, "injected_fault", "fault injected by the PF360 sandbox")
        if hang_draw < config.timeout_rate:
            await asyncio.sleep(config.timeout_seconds)

    async def after_commit(self) -> None:
        """Run by a write endpoint after its transaction committed (``hang_after_commit``)."""
        if self._config.hang_after_commit:
            await asyncio.sleep(self._config.timeout_seconds)
