"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-27 02:54:22.322787
"""

import sqlalchemy as sa
from alembic import op

import bot.db.types

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', bot.db.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('actor_telegram_id', sa.BigInteger(), nullable=True),
    sa.Column('actor_person_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=48), nullable=False),
    sa.Column('client_person_id', sa.Integer(), nullable=True),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('audit', schema=None) as batch_op:
        batch_op.create_index('ix_audit_actor_action_at', ['actor_telegram_id', 'action', 'at'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_at'), ['at'], unique=False)

    op.create_table('conversation_state',
    sa.Column('namespace', sa.String(length=64), nullable=False),
    sa.Column('key', sa.String(length=128), nullable=False),
    sa.Column('value', bot.db.types.EncryptedText(), nullable=False),
    sa.Column('updated_at', bot.db.types.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('namespace', 'key')
    )
    op.create_table('faq_gap',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', bot.db.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('text', bot.db.types.EncryptedText(), nullable=False),
    sa.Column('best_entry', sa.String(length=64), nullable=False),
    sa.Column('best_score', sa.Float(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('person',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('telegram_id', sa.BigInteger(), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('display_name', sa.String(length=64), nullable=False),
    sa.Column('timezone', sa.String(length=64), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('reachable', sa.Boolean(), nullable=False),
    sa.Column('consent_version', sa.String(length=16), nullable=True),
    sa.Column('consent_at', bot.db.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('created_at', bot.db.types.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('code'),
    sa.UniqueConstraint('telegram_id')
    )
    op.create_table('client_profile',
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('therapist_id', sa.Integer(), nullable=True),
    sa.Column('cohort', sa.String(length=32), nullable=False),
    sa.Column('checkin_time', sa.Time(), nullable=False),
    sa.Column('reminders_on', sa.Boolean(), nullable=False),
    sa.Column('program_start', sa.Date(), nullable=True),
    sa.Column('sobriety_date', sa.Date(), nullable=True),
    sa.Column('safety_plan', bot.db.types.EncryptedText(), nullable=True),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['therapist_id'], ['person.id'], ),
    sa.PrimaryKeyConstraint('person_id')
    )
    with op.batch_alter_table('client_profile', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_client_profile_therapist_id'), ['therapist_id'], unique=False)

    op.create_table('consent_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.String(length=16), nullable=False),
    sa.Column('decision', sa.String(length=16), nullable=False),
    sa.Column('at', bot.db.types.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('consent_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consent_record_person_id'), ['person_id'], unique=False)

    op.create_table('invite',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code_hash', sa.String(length=64), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('person_code', sa.String(length=16), nullable=False),
    sa.Column('display_name', sa.String(length=64), nullable=False),
    sa.Column('therapist_id', sa.Integer(), nullable=True),
    sa.Column('cohort', sa.String(length=32), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('created_at', bot.db.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', bot.db.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('used_at', bot.db.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('used_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by'], ['person.id'], ),
    sa.ForeignKeyConstraint(['therapist_id'], ['person.id'], ),
    sa.ForeignKeyConstraint(['used_by'], ['person.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('code_hash')
    )
    op.create_table('outbox',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('due_at', bot.db.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('chat_id', sa.BigInteger(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('payload', bot.db.types.EncryptedText(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_try_at', bot.db.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('claimed_until', bot.db.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('dedupe_key', sa.String(length=128), nullable=True),
    sa.Column('created_at', bot.db.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('finished_at', bot.db.types.UtcDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('dedupe_key')
    )
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.create_index('ix_outbox_status_next_try', ['status', 'next_try_at'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_status_next_try')

    op.drop_table('outbox')
    op.drop_table('invite')
    with op.batch_alter_table('consent_record', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consent_record_person_id'))

    op.drop_table('consent_record')
    with op.batch_alter_table('client_profile', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_client_profile_therapist_id'))

    op.drop_table('client_profile')
    op.drop_table('person')
    op.drop_table('faq_gap')
    op.drop_table('conversation_state')
    with op.batch_alter_table('audit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_at'))
        batch_op.drop_index('ix_audit_actor_action_at')

    op.drop_table('audit')
