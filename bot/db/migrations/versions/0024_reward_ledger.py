"""reward ledger (contingency management): reward_entry, whose rows the database refuses to change

Revision ID: 0024
Revises: 0023
"""

import sqlalchemy as sa
from alembic import op

import bot.db.types

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None

MESSAGE = "reward entries are never changed: add a correction"


def upgrade() -> None:
    op.create_table(
        "reward_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("draws", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=64), nullable=True),
        sa.Column("corrects_id", sa.Integer(), nullable=True),
        sa.Column("by_person_id", sa.Integer(), nullable=True),
        sa.Column("note", bot.db.types.EncryptedText(), nullable=True),
        sa.Column("at", bot.db.types.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["by_person_id"], ["person.id"]),
        sa.ForeignKeyConstraint(["corrects_id"], ["reward_entry.id"]),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("corrects_id"),
        sa.UniqueConstraint("person_id", "source", name="uq_reward_entry_source"),
    )
    with op.batch_alter_table("reward_entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reward_entry_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_reward_entry_person_id"), ["person_id"], unique=False)
    # Entries are a ledger: a wrong one is reversed by a correction, never edited (erasure deletes).
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"""
            CREATE FUNCTION reward_entry_unchanged() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'insufficient_privilege';
            END
            $$
            """
        )
        op.execute(
            "CREATE TRIGGER reward_entry_no_update BEFORE UPDATE ON reward_entry "
            "FOR EACH ROW EXECUTE FUNCTION reward_entry_unchanged()"
        )
    else:
        op.execute(
            f"CREATE TRIGGER reward_entry_no_update BEFORE UPDATE ON reward_entry BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER reward_entry_no_update ON reward_entry")
        op.execute("DROP FUNCTION reward_entry_unchanged()")
    else:
        op.execute("DROP TRIGGER reward_entry_no_update")
    with op.batch_alter_table("reward_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reward_entry_person_id"))
        batch_op.drop_index(batch_op.f("ix_reward_entry_at"))
    op.drop_table("reward_entry")
