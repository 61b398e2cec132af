"""The day of the couple's next session, if they set one (the Session page's last step).

One optional date on `journals`, so a coach's practice overview can show when they meet
next. A plain date, not sealed: like the day of a session held, it says when, never what.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD COLUMN: a batch copy of `journals` would drop the table others refer to.
    op.add_column("journals", sa.Column("next_session_on", sa.Date(), nullable=True))


def downgrade() -> None:
    op.drop_column("journals", "next_session_on")
