"""alert pushes remember their message: alert_recipient.message_id

Revision ID: 0016
Revises: 0015
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The Telegram message id of the push each recipient got, so that once the alert is
    # acknowledged every push can lose its Acknowledge button ("buttons that are done say so").
    with op.batch_alter_table("alert_recipient", schema=None) as batch_op:
        batch_op.add_column(sa.Column("message_id", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("alert_recipient", schema=None) as batch_op:
        batch_op.drop_column("message_id")
