"""medication reminders on chosen weekdays, and paused without being deleted

Revision ID: 0026
Revises: 0025
"""

import sqlalchemy as sa
from alembic import op

import bot.db.types

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Existing reminders are every day and running.
    with op.batch_alter_table("med_reminder", schema=None) as batch_op:
        batch_op.add_column(sa.Column("weekdays", sa.String(7), nullable=False, server_default="1111111"))
        batch_op.add_column(sa.Column("paused", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column("resumed_at", bot.db.types.UtcDateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("med_reminder", schema=None) as batch_op:
        batch_op.drop_column("resumed_at")
        batch_op.drop_column("paused")
        batch_op.drop_column("weekdays")
