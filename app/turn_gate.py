"""How many turns one process works on at once: the turn gate.

Without a bound, every turn that arrives starts at once, and the event loop shares
the CPU between all of them in small slices. When turns arrive faster than the
machine answers them, each turn in progress then waits behind all the others at
every ``await``, and all of them finish late together (processor sharing). With a
bound, the turns beyond it wait in line before they start (first come, first
served), and the ones that started finish at nearly full speed. The machine does
the same work, and under overload the tail is shorter. It is a guard against
overload: near capacity, measured on the benchmark's machine, it did not shorten the
tail and it lengthened the median (cheap turns no longer overtake expensive ones;
PERFORMANCE.md, fifth pass).

The bound counts turns that use *this* process: a turn that awaits PF360 or Bedrock
(remote services that can take hundreds of milliseconds) steps out of the gate for
that wait (:func:`stepping_out`) and lets a waiting turn in. When it comes back it
goes before turns that have not started yet, so turns that started finish first.
A message waiting for its session's lock (another message of the session holds it)
steps out too: otherwise waiting messages could fill every slot while the lock's
holder waits in line to come back.

``MAX_ACTIVE_TURNS`` sets the bound per process (0: no bound). :class:`TurnGate`
is shared by all turns of a process; :meth:`TurnGate.turn` holds a slot for the
turn's task and the tasks it starts (a context variable, as ``app.turn_timing``).
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from contextvars import ContextVar


class TurnGate:
    """At most ``slots`` turns in progress; the rest wait in line, first come first served.

    Two lines: turns coming back from an external call (:func:`stepping_out`) are let
    in before new turns. A slot freed while a turn waits goes straight to it.

    Args:
        slots: turns in progress at once (>= 1).

    Raises:
        ValueError: ``slots`` < 1.
    """

    def __init__(self, slots: int) -> None:
        if slots < 1:
            raise ValueError("a turn gate needs at least one slot")
        self.slots = slots
        self._free = slots
        self._returning: deque[asyncio.Future[None]] = deque()
        self._new: deque[asyncio.Future[None]] = deque()

    @property
    def waiting(self) -> int:
        """Turns waiting for a slot (both lines)."""
        return sum(not f.done() for f in self._returning) + sum(not f.done() for f in self._new)

    @property
    def active(self) -> int:
        """Slots in use."""
        return self.slots - self._free

    @asynccontextmanager
    async def turn(self) -> AsyncIterator[None]:
        """Hold a slot for the block (the turn); waits in the line of new turns.

        Cancelled while waiting: leaves the line, holding nothing.
        """
        ticket = _Ticket(self)
        await self._acquire(returning=False)
        ticket.holding = True
        token = _ticket.set(ticket)
        try:
            yield
        finally:
            _ticket.reset(token)
            if ticket.holding:
                ticket.holding = False
                self._release()

    async def _acquire(self, *, returning: bool) -> None:
        line = self._returning if returning else self._new
        if self._free and not self._returning and (returning or not self._new):
            self._free -= 1
            return
        waiter = asyncio.get_running_loop().create_future()
        line.append(waiter)
        try:
            await waiter
        except BaseException:
            if waiter.done() and not waiter.cancelled():
                self._release()  # the slot came as we were cancelled: pass it on
            else:
                try:
                    line.remove(waiter)
                except ValueError:
                    pass
            raise

    def _release(self) -> None:
        for line in (self._returning, self._new):
            while line:
                waiter = line.popleft()
                if not waiter.done():
                    waiter.set_result(None)
                    return
        self._free += 1


class _Ticket:
    """One turn's hold on the gate."""

    __slots__ = ("gate", "holding", "outside", "reentering")

    def __init__(self, gate: TurnGate) -> None:
        self.gate = gate
        self.holding = False
        self.outside = 0  # external calls in progress
        self.reentering = False


_ticket: ContextVar[_Ticket | None] = ContextVar("turn_gate_ticket", default=None)


@asynccontextmanager
async def stepping_out() -> AsyncIterator[None]:
    """Give the turn's slot back while the block awaits a remote service; take one
    again (before new turns) when it ends. Does nothing outside a gated turn.

    Calls of one turn may overlap: the slot is given back when the first starts and
    taken again when the last ends.
    """
    ticket = _ticket.get()
    if ticket is None:
        yield
        return
    ticket.outside += 1
    if ticket.outside == 1 and ticket.holding:
        ticket.holding = False
        ticket.gate._release()
    try:
        yield
    finally:
        ticket.outside -= 1
        if not ticket.outside and not ticket.holding and not ticket.reentering:
            ticket.reentering = True
            try:
                await ticket.gate._acquire(returning=True)
                ticket.holding = True
            finally:
                ticket.reentering = False
