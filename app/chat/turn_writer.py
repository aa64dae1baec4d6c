"""Writing one turn to the database: the session row, both messages and the audit of
the appointment writes, all or nothing, together with the Redis context.

Two writers, chosen by the engine's dialect (`turn_writer_for`):

- `PostgresTurnWriter`: one statement (data-modifying CTEs) sent straight to asyncpg
  in autocommit: one round trip and one commit per turn instead of BEGIN, UPDATE,
  INSERT, COMMIT (measured in PERFORMANCE.md). The context is saved to Redis first;
  if the statement then fails, the previous context is put back.
- `CoreTurnWriter` (SQLite, the embedded default): SQLAlchemy Core statements in one
  transaction; the context is saved to Redis inside the transaction, before the
  commit, and put back if the commit fails.

Either way, when `write` raises, the database holds nothing of the turn and Redis
holds the context from before the turn (PostgreSQL's atomicity of one statement:
https://www.postgresql.org/docs/current/queries-with.html#QUERIES-WITH-MODIFYING).
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from contextlib import suppress
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import asyncpg
from sqlalchemy import JSON, insert, update
from sqlalchemy.ext.asyncio import AsyncEngine

from app.db.models import AppointmentAudit, ChatMessage, ChatSession

#: Errors asyncpg raises when used directly (SQLAlchemy wraps the others).
DRIVER_ERRORS = (asyncpg.PostgresError, asyncpg.InterfaceError)

#: Errors that mean the server connection is gone (a restart, an administrator's
#: shutdown, a reset socket), so every pooled connection is suspect.
DISCONNECT_ERRORS = (asyncpg.PostgresConnectionError, asyncpg.exceptions.OperatorInterventionError,
                     asyncpg.InterfaceError, OSError)

#: The columns the statement fills, taken from the models so that a new column cannot
#: be missed on this write path (the audit's autoincrement id is the database's).
MESSAGE_COLUMNS = tuple(column.name for column in ChatMessage.__table__.columns)
AUDIT_COLUMNS = tuple(column.name for column in AppointmentAudit.__table__.columns
                      if column is not AppointmentAudit.__table__.c.id)
#: Columns sent as serialised JSON text (SQLAlchemy's asyncpg dialect registers a text
#: codec for `json`), with the cast that turns them back into `json`.
JSON_COLUMNS = frozenset(column.name for column in ChatMessage.__table__.columns if isinstance(column.type, JSON))


@dataclass(frozen=True)
class TurnRows:
    """What one turn stores.

    Attributes:
        session: `chat_sessions` values (id, client_id, customer_id, created_at,
            last_turn_at, turn_count); inserted when `is_new`, else updated.
        messages: two `chat_messages` rows (user, then assistant), keyed by column.
        audits: zero or more `appointment_audit` rows, keyed by column.
        is_new: whether the session row does not exist yet.
    """

    session: dict[str, Any]
    messages: list[dict[str, Any]]
    audits: list[dict[str, Any]]
    is_new: bool


#: `save_context()` writes the turn's new context; `restore_context()` puts back the
#: previous one (or deletes it for a new session) and never raises.
ContextStep = Callable[[], Awaitable[None]]


class CoreTurnWriter:
    """SQLAlchemy Core on one connection and transaction (any dialect)."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine

    async def write(self, rows: TurnRows, save_context: ContextStep, restore_context: ContextStep) -> None:
        """Store `rows` and the context, all or nothing. Raises the store's error."""
        async with self.engine.connect() as connection, connection.begin() as transaction:
            session = rows.session
            if rows.is_new:
                await connection.execute(insert(ChatSession).values(**session))
            else:
                await connection.execute(update(ChatSession).where(ChatSession.id == session["id"]).values(
                    last_turn_at=session["last_turn_at"], turn_count=session["turn_count"]))
            await connection.execute(insert(ChatMessage), rows.messages)
            if rows.audits:
                await connection.execute(insert(AppointmentAudit), rows.audits)
            await save_context()
            try:
                await transaction.commit()
            except BaseException:
                await restore_context()
                raise


class PostgresTurnWriter:
    """One autocommitted statement per turn on PostgreSQL (asyncpg)."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine

    async def write(self, rows: TurnRows, save_context: ContextStep, restore_context: ContextStep) -> None:
        """Save the context, then store `rows` in one statement; on failure put the
        context back. Raises the store's error (asyncpg's own ones included).

        Pooled connections are not pinged (see `create_engine`). When the statement
        meets a dead connection (`DISCONNECT_ERRORS`: the database restarted), every
        pooled connection predates the restart, so the pool is replaced (what SQLAlchemy
        does for a disconnect it sees itself) and the statement is sent once more on a
        fresh connection. It cannot be stored twice: the messages' ids are primary keys,
        so if the first attempt did commit, the second fails with a unique violation,
        which means the turn is stored.
        """
        sql, args = turn_statement(rows)
        await save_context()
        try:
            try:
                await self._execute(sql, args)
            except DISCONNECT_ERRORS:
                await self.engine.dispose()
                try:
                    await self._execute(sql, args)
                except asyncpg.UniqueViolationError:
                    pass  # the first attempt committed before its connection died
        except BaseException:
            await restore_context()
            raise

    async def _execute(self, sql: str, args: list[Any]) -> None:
        async with self.engine.connect() as connection:
            raw = await connection.get_raw_connection()
            try:
                await raw.driver_connection.execute(sql, *args)
            except BaseException:
                with suppress(Exception):
                    await connection.invalidate()  # the failure may have broken the connection
                raise


def turn_writer_for(engine: AsyncEngine) -> CoreTurnWriter | PostgresTurnWriter:
    """The writer for `engine`'s database."""
    if engine.dialect.name == "postgresql" and engine.dialect.driver == "asyncpg":
        return PostgresTurnWriter(engine)
    return CoreTurnWriter(engine)


def turn_statement(rows: TurnRows) -> tuple[str, list[Any]]:
    """The SQL text and its positional arguments for `rows` (PostgreSQL)."""
    session = rows.session
    args: list[Any] = [session["id"], session["turn_count"], session["last_turn_at"]]
    if rows.is_new:
        args += [session["client_id"], session["customer_id"], session["created_at"]]
    for message in rows.messages:
        args += [_pg_value(column, message[column]) for column in MESSAGE_COLUMNS]
    for audit in rows.audits:
        args += [audit[column] for column in AUDIT_COLUMNS]
    return _statement_text(rows.is_new, len(rows.messages), len(rows.audits)), args


@lru_cache(maxsize=32)
def _statement_text(is_new: bool, messages: int, audits: int) -> str:
    """`WITH s AS (session), a AS (audits) INSERT messages`: $1 id, $2 turn_count,
    $3 last_turn_at, then (new sessions) $4 client_id, $5 customer_id, $6 created_at,
    then the message and audit values in column order."""
    if is_new:
        session = ("INSERT INTO chat_sessions (id, client_id, customer_id, created_at, last_turn_at, turn_count) "
                   "VALUES ($1, $4, $5, $6, $3, $2)")
        first = 7
    else:
        session = "UPDATE chat_sessions SET last_turn_at = $3, turn_count = $2 WHERE id = $1"
        first = 4
    ctes = [f"s AS ({session} RETURNING id)"]
    message_values, first = _values(first, messages, MESSAGE_COLUMNS, casts=dict.fromkeys(JSON_COLUMNS, "json"))
    if audits:
        audit_values, first = _values(first, audits, AUDIT_COLUMNS, casts={})
        ctes.append(f"a AS (INSERT INTO appointment_audit ({', '.join(AUDIT_COLUMNS)}) VALUES {audit_values})")
    return (f"WITH {', '.join(ctes)} "
            f"INSERT INTO chat_messages ({', '.join(MESSAGE_COLUMNS)}) VALUES {message_values}")


def _values(first: int, count: int, columns: tuple[str, ...], casts: dict[str, str]) -> tuple[str, int]:
    groups = []
    for _ in range(count):
        placeholders = [f"${first + i}" + (f"::{casts[c]}" if c in casts else "") for i, c in enumerate(columns)]
        groups.append(f"({', '.join(placeholders)})")
        first += len(columns)
    return ", ".join(groups), first


def _pg_value(column: str, value: Any) -> Any:
    return json.dumps(value) if column in JSON_COLUMNS else value

