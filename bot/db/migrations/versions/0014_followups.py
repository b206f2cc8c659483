"""follow-up tasks after a crisis alert: followup

Revision ID: 0014
Revises: 0013
"""

import sqlalchemy as sa
from alembic import op

import bot.db.types

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "followup",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("alert_id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("therapist_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("stage", sa.Integer(), nullable=False),
        sa.Column("created_at", bot.db.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("due_at", bot.db.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("next_at", bot.db.types.UtcDateTime(timezone=True), nullable=True),
        sa.Column("lease_until", bot.db.types.UtcDateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("escalated_to", sa.Integer(), nullable=True),
        sa.Column("closed_by", sa.Integer(), nullable=True),
        sa.Column("closed_at", bot.db.types.UtcDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["alert_id"], ["alert.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["client_id"], ["person.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["closed_by"], ["person.id"]),
        sa.ForeignKeyConstraint(["escalated_to"], ["person.id"]),
        sa.ForeignKeyConstraint(["therapist_id"], ["person.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("alert_id"),
    )
    with op.batch_alter_table("followup", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_followup_client_id"), ["client_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_followup_next_at"), ["next_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_followup_therapist_id"), ["therapist_id"], unique=False)


def downgrade() -> None:
    op.drop_table("followup")
