"""Events remember the journal revision of their last write, for incremental refresh.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("changed_revision", sa.Integer(), server_default="0",
                                   nullable=False))
    op.create_index("ix_events_journal_changed", "events", ["journal_id", "changed_revision"])


def downgrade() -> None:
    op.drop_index("ix_events_journal_changed", table_name="events")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("changed_revision")
