"""Sessions together: who may see each moment, check-ins, cycle maps and the sessions held.

Existing moments become visible to both partners ('partner'), which is what everyone could
already see before this version; nothing becomes visible to a coach without being chosen.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

from nabij.storage.tables import UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_BODY_CODES = "('calm', 'alarm', 'shutdown')"


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("visibility", sa.String(8), server_default="partner",
                                   nullable=False))
        batch.create_check_constraint("ck_events_visibility_code",
                                      "visibility IN ('private', 'partner', 'coach')")
    op.create_table(
        "check_ins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("journal_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("partner", sa.SmallInteger(), nullable=False),
        sa.Column("score", sa.SmallInteger(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint("partner IN (0, 1)", name="ck_check_ins_partner_slot"),
        sa.CheckConstraint("score BETWEEN 1 AND 7", name="ck_check_ins_score_range"),
        sa.ForeignKeyConstraint(["journal_id"], ["journals.id"], ondelete="RESTRICT",
                                name="fk_check_ins_journal_id_journals"),
        sa.PrimaryKeyConstraint("id", name="pk_check_ins"),
        sa.UniqueConstraint("journal_id", "day", "partner",
                            name="uq_check_ins_journal_day_partner"),
    )
    op.create_table(
        "cycle_maps",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("journal_id", sa.Integer(), nullable=False),
        sa.Column("triggered_by", sa.String(500), server_default="", nullable=False),
        sa.Column("felt_0", sa.String(500), server_default="", nullable=False),
        sa.Column("felt_1", sa.String(500), server_default="", nullable=False),
        sa.Column("did_0", sa.String(500), server_default="", nullable=False),
        sa.Column("did_1", sa.String(500), server_default="", nullable=False),
        sa.Column("body_0", sa.String(16), nullable=True),
        sa.Column("body_1", sa.String(16), nullable=True),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint(f"body_0 IS NULL OR body_0 IN {_BODY_CODES}",
                           name="ck_cycle_maps_body_0_code"),
        sa.CheckConstraint(f"body_1 IS NULL OR body_1 IN {_BODY_CODES}",
                           name="ck_cycle_maps_body_1_code"),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="RESTRICT",
                                name="fk_cycle_maps_event_id_events"),
        sa.ForeignKeyConstraint(["journal_id"], ["journals.id"], ondelete="RESTRICT",
                                name="fk_cycle_maps_journal_id_journals"),
        sa.PrimaryKeyConstraint("event_id", name="pk_cycle_maps"),
    )
    op.create_index("ix_cycle_maps_journal", "cycle_maps", ["journal_id"])
    op.create_table(
        "sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("journal_id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("next_step", sa.String(500), server_default="", nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["journal_id"], ["journals.id"], ondelete="RESTRICT",
                                name="fk_sessions_journal_id_journals"),
        sa.PrimaryKeyConstraint("id", name="pk_sessions"),
        sa.UniqueConstraint("journal_id", "held_on", name="uq_sessions_journal_day"),
    )


def downgrade() -> None:
    op.drop_table("sessions")
    op.drop_index("ix_cycle_maps_journal", table_name="cycle_maps")
    op.drop_table("cycle_maps")
    op.drop_table("check_ins")
    with op.batch_alter_table("events") as batch:
        batch.drop_constraint("ck_events_visibility_code", type_="check")
        batch.drop_column("visibility")
