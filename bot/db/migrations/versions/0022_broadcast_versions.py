"""broadcast versions: a broadcast may be written once per language; each reader gets theirs

Revision ID: 0022
Revises: 0021
"""

import sqlalchemy as sa
from alembic import op

import bot.db.types

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # `text` stays the version written first; `language` is its language, and `versions` (encrypted
    # JSON {language: text}) holds every version. Older broadcasts were written in English, once.
    with op.batch_alter_table("broadcast", schema=None) as batch_op:
        batch_op.add_column(sa.Column("language", sa.String(length=8), nullable=False, server_default="en"))
        batch_op.add_column(sa.Column("versions", bot.db.types.EncryptedText(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("broadcast", schema=None) as batch_op:
        batch_op.drop_column("versions")
        batch_op.drop_column("language")
