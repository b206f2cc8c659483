"""the craving check back: how strong it was 15 minutes after the tool

Revision ID: 0025
Revises: 0024
"""

import sqlalchemy as sa
from alembic import op

from bot.db.types import UtcDateTime

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Existing uses were never checked back on with a rating: both stay empty.
    with op.batch_alter_table("coping_use", schema=None) as batch_op:
        batch_op.add_column(sa.Column("later", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("later_at", UtcDateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("coping_use", schema=None) as batch_op:
        batch_op.drop_column("later_at")
        batch_op.drop_column("later")
