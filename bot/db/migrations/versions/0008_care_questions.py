"""care team questions

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

import bot.db.types

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "care_question",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("therapist_id", sa.Integer(), nullable=True),
        sa.Column("text", bot.db.types.EncryptedText(), nullable=False),
        sa.Column("asked_at", bot.db.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("answer", bot.db.types.EncryptedText(), nullable=True),
        sa.Column("answered_by", sa.Integer(), nullable=True),
        sa.Column("answered_at", bot.db.types.UtcDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["answered_by"], ["person.id"]),
        sa.ForeignKeyConstraint(["client_id"], ["person.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["therapist_id"], ["person.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("care_question", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_care_question_client_id"), ["client_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_care_question_therapist_id"), ["therapist_id"], unique=False)


def downgrade() -> None:
    op.drop_table("care_question")
