"""An index for counting a journal's live moments without reading its rows.

The in-memory snapshot checks the count after every write (18 ms at 100k moments without it,
4 ms with it), and the Journals page counts every journal on each visit.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25
"""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_events_journal_deleted", "events", ["journal_id", "deleted_at"])


def downgrade() -> None:
    op.drop_index("ix_events_journal_deleted", table_name="events")
