"""appointment audit: one row per write attempt (a retried confirmation reuses the key)

Revision ID: 0002_audit_attempts
Revises: 0001_initial
Create Date: 2026-11-22 04:35:00

"""
from collections.abc import Sequence

from alembic import op

revision: str = "0002_audit_attempts"
down_revision: str | Sequence[str] | None = "0001_initial"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Replace the unique key with (idempotency_key, turn) and index the key."""
    with op.batch_alter_table("appointment_audit", schema=None) as batch_op:
        batch_op.drop_constraint("uq_appointment_audit_idempotency_key", type_="unique")
        batch_op.create_unique_constraint("uq_appointment_audit_key_turn", ["idempotency_key", "turn"])
        batch_op.create_index(batch_op.f("ix_appointment_audit_idempotency_key"), ["idempotency_key"], unique=False)


def downgrade() -> None:
    """Back to one row per key (fails if a key was retried)."""
    with op.batch_alter_table("appointment_audit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_appointment_audit_idempotency_key"))
        batch_op.drop_constraint("uq_appointment_audit_key_turn", type_="unique")
        batch_op.create_unique_constraint("uq_appointment_audit_idempotency_key", ["idempotency_key"])
