"""hot standby: leader_lease, bot_process

Revision ID: 0015
Revises: 0014
"""

import sqlalchemy as sa
from alembic import op

import bot.db.types

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    lease = op.create_table(
        "leader_lease",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("holder", sa.String(length=160), nullable=True),
        sa.Column("token", sa.BigInteger(), nullable=False),
        sa.Column("since", bot.db.types.UtcDateTime(timezone=True), nullable=True),
        sa.Column("renewed_at", bot.db.types.UtcDateTime(timezone=True), nullable=True),
        sa.Column("expires_at", bot.db.types.UtcDateTime(timezone=True), nullable=True),
        sa.Column("released", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    # The one lease of this clinic exists from the start: taking it is always an UPDATE of this row.
    op.bulk_insert(lease, [{"name": "leader", "holder": None, "token": 0, "released": False}])
    op.create_table(
        "bot_process",
        sa.Column("holder", sa.String(length=160), nullable=False),
        sa.Column("host", sa.String(length=128), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("started_at", bot.db.types.UtcDateTime(timezone=True), nullable=False),
        sa.Column("last_seen", bot.db.types.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("holder"),
    )


def downgrade() -> None:
    op.drop_table("bot_process")
    op.drop_table("leader_lease")
