"""coping tools used for a craving, rated before and after: coping_use

Revision ID: 0017
Revises: 0016
"""

import sqlalchemy as sa
from alembic import op

import bot.db.types

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "coping_use",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("tool", sa.String(length=32), nullable=False),
        sa.Column("picked_by", sa.String(length=8), nullable=False),
        sa.Column("before", sa.Integer(), nullable=False),
        sa.Column("after", sa.Integer(), nullable=False),
        sa.Column("started_at", bot.db.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("finished_at", bot.db.types.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("coping_use", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_coping_use_person_id"), ["person_id"], unique=False)


def downgrade() -> None:
    op.drop_table("coping_use")
