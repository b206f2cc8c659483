"""dated medication reminders: an injection or a clinic dose, reminded the day before

Revision ID: 0023
Revises: 0022
"""

import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Existing reminders are daily (no date).
    with op.batch_alter_table("med_reminder", schema=None) as batch_op:
        batch_op.add_column(sa.Column("on_date", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("med_reminder", schema=None) as batch_op:
        batch_op.drop_column("on_date")
