"""alert delivery: outbox.alert_id, alert_recipient.delivered_at

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

import bot.db.types

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Which alert an outbox row carries (a push or a receipt), so delivery can tell the alert
    # that a human has really been reached, and a refused push can move the chain on at once.
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("alert_id", sa.Integer(), nullable=True))
        batch_op.create_index("ix_outbox_alert_id", ["alert_id"], unique=False)
    # When Telegram accepted the push to this recipient: escalation goes on until one has.
    with op.batch_alter_table("alert_recipient", schema=None) as batch_op:
        batch_op.add_column(sa.Column("delivered_at", bot.db.types.UtcDateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("alert_recipient", schema=None) as batch_op:
        batch_op.drop_column("delivered_at")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_alert_id")
        batch_op.drop_column("alert_id")
