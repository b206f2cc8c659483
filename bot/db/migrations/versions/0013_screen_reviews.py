"""screen reviews: examples the care team marked with /screen or "false alarm"

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

import bot.db.types

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "screen_review",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", bot.db.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("text", bot.db.types.EncryptedText(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=True),
        sa.Column("pattern", sa.String(length=64), nullable=True),
        sa.Column("mark", sa.String(length=16), nullable=True),
        sa.Column("marked_by", sa.Integer(), nullable=True),
        sa.Column("marked_at", bot.db.types.UtcDateTime(timezone=True), nullable=True),
        sa.Column("client_id", sa.Integer(), nullable=True),
        sa.Column("alert_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["marked_by"], ["person.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["client_id"], ["person.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["alert_id"], ["alert.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_screen_review_client_id", "screen_review", ["client_id"])


def downgrade() -> None:
    op.drop_index("ix_screen_review_client_id", table_name="screen_review")
    op.drop_table("screen_review")
