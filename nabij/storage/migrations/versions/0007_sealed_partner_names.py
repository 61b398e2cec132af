"""Room for sealed partner names: a protected journal keeps its partners' names sealed too.

PostgreSQL gets TEXT for the two name columns (a sealed name is longer than the 60 characters
the domain allows). SQLite does not enforce a VARCHAR's length, so its columns stay as they
are: rebuilding `journals` there would mean dropping the table every other table refers to.

No data changes here: sealing needs the journal's key, which only its passphrase gives. A
journal protected before this revision has its names sealed the first time it is opened
(nabij.storage.protection.open_journal).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_NAMES = ("partner_a", "partner_b")


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name in _NAMES:
        op.alter_column("journals", name, existing_type=sa.String(60), type_=sa.Text(),
                        existing_nullable=False)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    # Sealed names do not fit 60 characters: a downgrade would fail on them, as it should,
    # rather than cut them.
    for name in _NAMES:
        op.alter_column("journals", name, existing_type=sa.Text(), type_=sa.String(60),
                        existing_nullable=False)
