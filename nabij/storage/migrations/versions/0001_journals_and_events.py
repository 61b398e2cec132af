"""Journals and their events.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

from nabij.storage.tables import UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "journals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("partner_a", sa.String(60), nullable=False),
        sa.Column("partner_b", sa.String(60), nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("last_opened_at", UTCDateTime(), nullable=False),
        sa.Column("revision", sa.Integer(), server_default="0", nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_journals"),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("journal_id", sa.Integer(), nullable=False),
        sa.Column("occurred_at", UTCDateTime(), nullable=False),
        sa.Column("partner", sa.SmallInteger(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("intensity", sa.SmallInteger(), nullable=False),
        sa.Column("body", sa.String(16), nullable=True),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        sa.Column("context", sa.String(200), server_default="", nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("deleted_at", UTCDateTime(), nullable=True),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint("partner IN (0, 1)", name="ck_events_partner_slot"),
        sa.CheckConstraint("intensity BETWEEN 1 AND 5", name="ck_events_intensity_range"),
        sa.CheckConstraint("kind IN ('closeness', 'distance')", name="ck_events_kind_code"),
        sa.CheckConstraint("body IS NULL OR body IN ('calm', 'alarm', 'shutdown')",
                           name="ck_events_body_code"),
        sa.ForeignKeyConstraint(["journal_id"], ["journals.id"], ondelete="RESTRICT",
                                name="fk_events_journal_id_journals"),
        sa.PrimaryKeyConstraint("id", name="pk_events"),
    )
    op.create_index("ix_events_journal_time", "events", ["journal_id", "occurred_at"])


def downgrade() -> None:
    op.drop_index("ix_events_journal_time", table_name="events")
    op.drop_table("events")
    op.drop_table("journals")
