"""Phases marked by hand (or accepted from a suggestion), stored with the journal.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

from nabij.storage.tables import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "phase_marks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("journal_id", sa.Integer(), nullable=False),
        sa.Column("start_day", sa.Date(), nullable=False),
        sa.Column("end_day", sa.Date(), nullable=True),
        sa.Column("phase", sa.String(16), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint("phase IN ('begin', 'middle', 'crisis', 'turning_point')",
                           name="ck_phase_marks_phase_code"),
        sa.CheckConstraint("end_day IS NULL OR end_day >= start_day",
                           name="ck_phase_marks_end_after_start"),
        sa.ForeignKeyConstraint(["journal_id"], ["journals.id"], ondelete="RESTRICT",
                                name="fk_phase_marks_journal_id_journals"),
        sa.PrimaryKeyConstraint("id", name="pk_phase_marks"),
        sa.UniqueConstraint("journal_id", "start_day", name="uq_phase_marks_journal_day"),
    )


def downgrade() -> None:
    op.drop_table("phase_marks")
