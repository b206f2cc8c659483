"""questionnaires: questionnaire_response (answers encrypted, scores as data)

Revision ID: 0018
Revises: 0017
"""

import sqlalchemy as sa
from alembic import op

from bot.db.types import EncryptedText, UtcDateTime

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "questionnaire_response",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("questionnaire", sa.String(length=16), nullable=False),
        sa.Column("version", sa.String(length=16), nullable=False),
        sa.Column("answers", EncryptedText(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=True),
        sa.Column("band", sa.String(length=32), nullable=True),
        sa.Column("subscales", sa.Text(), nullable=True),
        sa.Column("crisis_acted", sa.Boolean(), nullable=False),
        sa.Column("submitted_at", UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_questionnaire_response_person_id", "questionnaire_response", ["person_id"])
    op.create_index("ix_questionnaire_response_submitted_at", "questionnaire_response", ["submitted_at"])


def downgrade() -> None:
    op.drop_index("ix_questionnaire_response_submitted_at", table_name="questionnaire_response")
    op.drop_index("ix_questionnaire_response_person_id", table_name="questionnaire_response")
    op.drop_table("questionnaire_response")
