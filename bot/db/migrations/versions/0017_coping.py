"""coping tools used for a craving, rated before and after: coping_use; medication reminders: med_reminder, med_dose

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
    op.create_table(
        "med_reminder",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("label", bot.db.types.EncryptedText(), nullable=True),
        sa.Column("at_local", sa.Time(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("shared", sa.Boolean(), nullable=False),
        sa.Column("created_at", bot.db.types.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("med_reminder", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_med_reminder_person_id"), ["person_id"], unique=False)
    op.create_table(
        "med_dose",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("reminder_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("answered_at", bot.db.types.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["reminder_id"], ["med_reminder.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("reminder_id", "local_date", name="uq_med_dose_day"),
    )
    with op.batch_alter_table("med_dose", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_med_dose_person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_med_dose_reminder_id"), ["reminder_id"], unique=False)


def downgrade() -> None:
    op.drop_table("med_dose")
    op.drop_table("med_reminder")
    op.drop_table("coping_use")
