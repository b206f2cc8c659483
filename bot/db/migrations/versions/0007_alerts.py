"""flags, alerts, their recipients, on-call shifts

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

import bot.db.types

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "alert",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.Integer(), nullable=False),
        sa.Column("therapist_id", sa.Integer(), nullable=True),
        sa.Column("severity", sa.String(length=8), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("next_escalation_at", bot.db.types.UtcDateTime(timezone=True), nullable=True),
        sa.Column("lease_until", bot.db.types.UtcDateTime(timezone=True), nullable=True),
        sa.Column("created_at", bot.db.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("acked_by", sa.Integer(), nullable=True),
        sa.Column("acked_at", bot.db.types.UtcDateTime(timezone=True), nullable=True),
        sa.Column("digested_at", bot.db.types.UtcDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["acked_by"], ["person.id"]),
        sa.ForeignKeyConstraint(["client_id"], ["person.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["therapist_id"], ["person.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("alert", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_alert_client_id"), ["client_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_alert_therapist_id"), ["therapist_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_alert_next_escalation_at"), ["next_escalation_at"], unique=False)
    op.create_table(
        "flag",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("alert_id", sa.Integer(), nullable=True),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("checkin_id", sa.Integer(), nullable=True),
        sa.Column("severity", sa.String(length=8), nullable=False),
        sa.Column("rule", sa.String(length=32), nullable=False),
        sa.Column("explanation", bot.db.types.EncryptedText(), nullable=False),
        sa.Column("created_at", bot.db.types.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["alert_id"], ["alert.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["checkin_id"], ["checkin.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("flag", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_flag_alert_id"), ["alert_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_flag_person_id"), ["person_id"], unique=False)
    op.create_table(
        "alert_recipient",
        sa.Column("alert_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("told_at", bot.db.types.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["alert_id"], ["alert.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("alert_id", "person_id"),
    )
    op.create_table(
        "oncall_shift",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("started_at", bot.db.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("ended_at", bot.db.types.UtcDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("oncall_shift", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_oncall_shift_person_id"), ["person_id"], unique=False)


def downgrade() -> None:
    op.drop_table("oncall_shift")
    op.drop_table("alert_recipient")
    op.drop_table("flag")
    op.drop_table("alert")
