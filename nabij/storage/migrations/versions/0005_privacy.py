"""Privacy: journal passphrases, unlock attempts, shares with a coach, room for sealed text.

Existing journals stay without a passphrase (their text stays as it is) until one is set.
Free-text columns become TEXT: a sealed value is longer than the text it holds, and the
character limits are the domain's (nabij.model, nabij.session.records), not the column's.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""

import sqlalchemy as sa
from alembic import op

from nabij.storage.tables import UTCDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_WIDENED = {
    "events": [("context", 200)],
    "cycle_maps": [("triggered_by", 500), ("felt_0", 500), ("felt_1", 500), ("did_0", 500),
                   ("did_1", 500)],
    "sessions": [("next_step", 500)],
}


def upgrade() -> None:
    with op.batch_alter_table("journals") as batch:
        batch.add_column(sa.Column("passphrase_hash", sa.String(200), nullable=True))
        batch.add_column(sa.Column("key_salt", sa.String(64), nullable=True))
    for table, columns in _WIDENED.items():
        with op.batch_alter_table(table) as batch:
            for name, length in columns:
                batch.alter_column(name, existing_type=sa.String(length), type_=sa.Text(),
                                   existing_nullable=False, existing_server_default="")
    op.create_table(
        "unlock_attempts",
        sa.Column("name_key", sa.String(64), nullable=False),
        sa.Column("failures", sa.Integer(), server_default="0", nullable=False),
        sa.Column("locked_until", UTCDateTime(), nullable=True),
        sa.Column("last_failed_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("name_key", name="pk_unlock_attempts"),
    )
    op.create_table(
        "journal_shares",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("journal_id", sa.Integer(), nullable=False),
        sa.Column("coach_email", sa.String(320), nullable=False),
        sa.Column("wrapped_key", sa.Text(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["journal_id"], ["journals.id"], ondelete="RESTRICT",
                                name="fk_journal_shares_journal_id_journals"),
        sa.PrimaryKeyConstraint("id", name="pk_journal_shares"),
        sa.UniqueConstraint("journal_id", "coach_email", name="uq_journal_shares_journal_coach"),
    )
    op.create_index("ix_journal_shares_coach_email", "journal_shares", ["coach_email"])


def downgrade() -> None:
    op.drop_index("ix_journal_shares_coach_email", table_name="journal_shares")
    op.drop_table("journal_shares")
    op.drop_table("unlock_attempts")
    for table, columns in _WIDENED.items():
        with op.batch_alter_table(table) as batch:
            for name, length in columns:
                batch.alter_column(name, existing_type=sa.Text(), type_=sa.String(length),
                                   existing_nullable=False, existing_server_default="")
    # Plain DROP COLUMN (SQLite 3.35+ has it): a batch copy of `journals` would have to drop
    # the table every other table refers to.
    op.drop_column("journals", "key_salt")
    op.drop_column("journals", "passphrase_hash")
