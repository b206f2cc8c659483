"""languages: the language an invite is for, and the language each consent was given in

Revision ID: 0021
Revises: 0020
"""

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # person.language exists since the first schema; an invite may now choose it (--language es),
    # and a consent records which language's notice was agreed to.
    with op.batch_alter_table("invite", schema=None) as batch_op:
        batch_op.add_column(sa.Column("language", sa.String(length=8), nullable=True))
    with op.batch_alter_table("consent_record", schema=None) as batch_op:
        batch_op.add_column(sa.Column("language", sa.String(length=8), nullable=False, server_default="en"))


def downgrade() -> None:
    with op.batch_alter_table("consent_record", schema=None) as batch_op:
        batch_op.drop_column("language")
    with op.batch_alter_table("invite", schema=None) as batch_op:
        batch_op.drop_column("language")
