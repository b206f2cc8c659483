"""meetings and broadcasts

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-27 21:42:24.209269
"""

from alembic import op
import sqlalchemy as sa
import bot.db.types


revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    
    op.create_table('broadcast',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('audience', sa.String(length=16), nullable=False),
    sa.Column('cohort', sa.String(length=32), nullable=False),
    sa.Column('content', sa.String(length=16), nullable=False),
    sa.Column('text', bot.db.types.EncryptedText(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('total', sa.Integer(), nullable=False),
    sa.Column('chat_id', sa.BigInteger(), nullable=True),
    sa.Column('message_id', sa.Integer(), nullable=True),
    sa.Column('shown', sa.String(length=64), nullable=False),
    sa.Column('created_at', bot.db.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('finished_at', bot.db.types.UtcDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['created_by'], ['person.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('meeting',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=255), nullable=False),
    sa.Column('title', sa.String(length=120), nullable=False),
    sa.Column('public_title', sa.String(length=120), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('rrule', sa.Text(), nullable=False),
    sa.Column('starts_local', sa.DateTime(), nullable=False),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('all_day', sa.Boolean(), nullable=False),
    sa.Column('duration_minutes', sa.Integer(), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('link', sa.String(length=300), nullable=False),
    sa.Column('audience', sa.String(length=16), nullable=False),
    sa.Column('cohort', sa.String(length=32), nullable=False),
    sa.Column('client_id', sa.Integer(), nullable=True),
    sa.Column('therapist_id', sa.Integer(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('created_at', bot.db.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', bot.db.types.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['client_id'], ['person.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by'], ['person.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['therapist_id'], ['person.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('uid')
    )
    op.create_table('meeting_pref',
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('leads', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('person_id', 'kind')
    )
    op.create_table('attendance',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('occurrence_start', bot.db.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('rsvp', sa.String(length=8), nullable=True),
    sa.Column('rsvp_at', bot.db.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('rsvp_digested_at', bot.db.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('attended', sa.Boolean(), nullable=True),
    sa.Column('marked_by', sa.Integer(), nullable=True),
    sa.Column('marked_at', bot.db.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('flagged_at', bot.db.types.UtcDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['marked_by'], ['person.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('meeting_id', 'occurrence_start', 'person_id', name='uq_attendance')
    )
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attendance_person_id'), ['person_id'], unique=False)

    op.create_table('broadcast_recipient',
    sa.Column('broadcast_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('outbox_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['broadcast_id'], ['broadcast.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['outbox_id'], ['outbox.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('broadcast_id', 'person_id')
    )
    with op.batch_alter_table('broadcast_recipient', schema=None) as batch_op:
        batch_op.create_index('ix_broadcast_recipient_outbox', ['outbox_id'], unique=False)

    op.create_table('meeting_override',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('original_start', bot.db.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('cancelled', sa.Boolean(), nullable=False),
    sa.Column('new_start', bot.db.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('new_duration_minutes', sa.Integer(), nullable=True),
    sa.Column('new_place', sa.String(length=200), nullable=True),
    sa.Column('created_at', bot.db.types.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('meeting_id', 'original_start', name='uq_override_occurrence')
    )
    with op.batch_alter_table('meeting_override', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_override_meeting_id'), ['meeting_id'], unique=False)




def downgrade() -> None:
    
    with op.batch_alter_table('meeting_override', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_override_meeting_id'))

    op.drop_table('meeting_override')
    with op.batch_alter_table('broadcast_recipient', schema=None) as batch_op:
        batch_op.drop_index('ix_broadcast_recipient_outbox')

    op.drop_table('broadcast_recipient')
    with op.batch_alter_table('attendance', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attendance_person_id'))

    op.drop_table('attendance')
    op.drop_table('meeting_pref')
    op.drop_table('meeting')
    op.drop_table('broadcast')

