"""A private space for each partner, and a key of its own for what the coach may read.

`partner_keys` holds, per journal and partner, the partner's own key wrapped with a key from
their personal passphrase (Argon2id, its own salt): only that passphrase unwraps it, which is
also how it is checked. `events` gets `private_payload`: for a moment kept private, its kind,
strength, body signal, note and context sealed with its author's key (the plain columns then
hold fixed placeholders). `journals` gets `coach_key_wrapped`: a key for what the couple
shares with their coach, wrapped with the journal key; a share with a coach wraps only it.

No data changes here: sealing needs keys that only passphrases give. Moments marked private
before this revision are sealed when their author sets a personal passphrase
(nabij.storage.partner_keys); a protected journal gets its coach key, and its shared moments
are sealed with it, the next time it is opened (nabij.storage.protection).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

from nabij.storage.tables import UTCDateTime

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "partner_keys",
        sa.Column("journal_id", sa.Integer(), nullable=False),
        sa.Column("partner", sa.SmallInteger(), nullable=False),
        sa.Column("kdf_salt", sa.String(64), nullable=False),
        sa.Column("wrapped_key", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint("partner IN (0, 1)", name="ck_partner_keys_partner_slot"),
        sa.ForeignKeyConstraint(["journal_id"], ["journals.id"], ondelete="RESTRICT",
                                name="fk_partner_keys_journal_id_journals"),
        sa.PrimaryKeyConstraint("journal_id", "partner", name="pk_partner_keys"),
    )
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("private_payload", sa.Text(), nullable=True))
    # Plain ADD COLUMN: a batch copy of `journals` would drop the table others refer to.
    op.add_column("journals", sa.Column("coach_key_wrapped", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("journals", "coach_key_wrapped")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("private_payload")
    op.drop_table("partner_keys")
