"""A partial index of sealed moments, so counting the moments a reader may see reads indexes.

Since migration 0008 the count leaves out other partners' private moments, which are told
apart by `private_payload`: a column no index held, so every count read all of a journal's
rows (about 50 ms at 100k moments, after every write, for the snapshot's check). Now the
count is the live moments (index ix_events_journal_deleted) minus the sealed ones the reader
may not open, found through this index of the few sealed rows.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_events_journal_sealed", "events", ["journal_id", "deleted_at"],
                    sqlite_where=sa.text("private_payload IS NOT NULL"),
                    postgresql_where=sa.text("private_payload IS NOT NULL"))


def downgrade() -> None:
    op.drop_index("ix_events_journal_sealed", table_name="events")
