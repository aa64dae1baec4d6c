"""Tables of the PF360 sandbox, on their own declarative base.

The sandbox's data is PF360's, not the service's: these tables live on
:class:`SandboxBase` (never on the service's metadata), normally in a database of
their own (``PF360_SANDBOX_DATABASE_URL``). Every table name carries the ``pf360_``
prefix so that pointing the sandbox at a shared database cannot collide with, or
drop, the service's tables.

Conventions: times of day are ``"HH:MM"`` 24-hour strings (the PF360 wire format
``"hh:MM AM"`` exists only at the HTTP edge); timestamps are timezone-aware UTC
(see :class:`UTCDateTime`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timestamp stored as UTC and always read back timezone-aware (UTC).

    SQLite keeps no offset, PostgreSQL keeps ``timestamptz``: normalising at the
    type keeps comparisons (e.g. request-id expiry) identical on both.

    Raises:
        ValueError: a naive datetime is bound (ambiguous instant).
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("UTCDateTime needs a timezone-aware datetime")
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


class SandboxBase(DeclarativeBase):
    """Declarative base of the sandbox tables; separate from the service's DB models."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Client(SandboxBase):
    """A PF360 tenant (the field-service company), e.g. ``demo-client``."""

    __tablename__ = "pf360_clients"

    client_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    timezone: Mapped[str] = mapped_column(String(64))


class BusinessHours(SandboxBase):
    """One weekday of a client's working hours (weekday 0 = Monday)."""

    __tablename__ = "pf360_business_hours"

    client_id: Mapped[str] = mapped_column(ForeignKey("pf360_clients.client_id"), primary_key=True)
    weekday: Mapped[int] = mapped_column(Integer, primary_key=True)
    is_working: Mapped[bool] = mapped_column(Boolean)
    start: Mapped[str | None] = mapped_column(String(5))
    end: Mapped[str | None] = mapped_column(String(5))


class Customer(SandboxBase):
    """A homeowner of one client; ids are unique per client."""

    __tablename__ = "pf360_customers"

    client_id: Mapped[str] = mapped_column(ForeignKey("pf360_clients.client_id"), primary_key=True)
    customer_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    first_name: Mapped[str] = mapped_column(String(100))
    last_name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40))


class Project(SandboxBase):
    """A job/order of a customer (e.g. a flooring installation)."""

    __tablename__ = "pf360_projects"
    __table_args__ = (
        ForeignKeyConstraint(
            ["client_id", "customer_id"], ["pf360_customers.client_id", "pf360_customers.customer_id"]
        ),
        Index("ix_pf360_projects_owner", "client_id", "customer_id"),
    )

    project_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    client_id: Mapped[str] = mapped_column(String(64))
    customer_id: Mapped[str] = mapped_column(String(64))
    order_number: Mapped[str] = mapped_column(String(64))
    project_type: Mapped[str] = mapped_column(String(64))
    category: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(64))
    store: Mapped[str | None] = mapped_column(String(200))
    installation_address: Mapped[str | None] = mapped_column(String(300))
    date_sold: Mapped[dt.date | None] = mapped_column(Date)
    date_scheduled: Mapped[dt.date | None] = mapped_column(Date)
    date_completed: Mapped[dt.date | None] = mapped_column(Date)
    technician: Mapped[str | None] = mapped_column(String(200))
    service_time_minutes: Mapped[int | None] = mapped_column(Integer)


class Slot(SandboxBase):
    """One bookable crew slot of a client; free while ``booked_project_id`` is NULL."""

    __tablename__ = "pf360_slots"
    __table_args__ = (
        UniqueConstraint("client_id", "date", "time", name="uq_pf360_slots_client_date_time"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    client_id: Mapped[str] = mapped_column(ForeignKey("pf360_clients.client_id"))
    date: Mapped[dt.date] = mapped_column(Date)
    time: Mapped[str] = mapped_column(String(5))
    booked_project_id: Mapped[int | None] = mapped_column(ForeignKey("pf360_projects.project_id"))


class Appointment(SandboxBase):
    """The (at most one) appointment of a project, holding one slot."""

    __tablename__ = "pf360_appointments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("pf360_projects.project_id"), unique=True)
    slot_id: Mapped[int] = mapped_column(ForeignKey("pf360_slots.id"), unique=True)
    date: Mapped[dt.date] = mapped_column(Date)
    time: Mapped[str] = mapped_column(String(5))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
    is_chatbot: Mapped[bool] = mapped_column(Boolean, default=False)


class RequestToken(SandboxBase):
    """A scheduling ``request_id`` issued for one project, valid until ``expires_at``."""

    __tablename__ = "pf360_request_ids"

    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    client_id: Mapped[str] = mapped_column(String(64))
    project_id: Mapped[int] = mapped_column(Integer)
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, index=True)


class Note(SandboxBase):
    """A free-text note on a project."""

    __tablename__ = "pf360_notes"
    __table_args__ = (Index("ix_pf360_notes_project", "project_id", "created_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("pf360_projects.project_id"))
    client_id: Mapped[str] = mapped_column(String(64))
    note_text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)


class IdempotencyRecord(SandboxBase):
    """The stored first successful result of a write sent with an ``Idempotency-Key``.

    Keys are scoped per client; ``method``/``path`` guard against reusing a key for a
    different operation.
    """

    __tablename__ = "pf360_idempotency"

    client_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    method: Mapped[str] = mapped_column(String(10))
    path: Mapped[str] = mapped_column(String(500))
    status: Mapped[int] = mapped_column(Integer)
    response_json: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime)
