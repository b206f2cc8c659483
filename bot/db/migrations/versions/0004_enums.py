"""roles and outbox statuses checked by the database (enums stored as their values)

Revision ID: 0004
Revises: 0003

The columns stay VARCHAR of the same length (the values are unchanged); the closed sets,
person and invite roles and outbox statuses, get a CHECK constraint. Outbox kinds are an
open set that features extend, so they are checked in Python only.
"""


from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

ROLES = ("client", "therapist", "staff", "admin")
STATUSES = ("pending", "sending", "delivered", "cancelled", "dead")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


def upgrade() -> None:
    for table in ("person", "invite"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_check_constraint("ck_role", _in("role", ROLES))
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.create_check_constraint("ck_outboxstatus", _in("status", STATUSES))


def downgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_constraint("ck_outboxstatus", type_="check")
    for table in ("invite", "person"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint("ck_role", type_="check")



