"""SQLAlchemy models: the database is the single source of truth."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    Enum,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bot.core.clock import now
from bot.db.types import Base, EncryptedText, UtcDateTime


class Role(enum.StrEnum):
    CLIENT = "client"
    THERAPIST = "therapist"
    STAFF = "staff"
    ADMIN = "admin"


class OutboxStatus(enum.StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"
    DEAD = "dead"


class OutboxKind(enum.StrEnum):
    """What an outbox row is for; features add their own kinds here (no migration needed)."""

    NOTICE = "notice"  # a one-off message to staff or a therapist
    REMINDER = "reminder"  # a planned reminder to a client
    CHECKIN_REMINDER = "checkin_reminder"  # the daily check-in reminder (bot.domain.checkins.reminders)
    CRISIS_REPLY = "crisis-reply"  # a crisis reply Telegram kept refusing, handed to the outbox
    REPLY = "reply"  # any other direct reply Telegram kept refusing (bot.services.replies)
    ALERT = "alert"  # a risk alert to a therapist or on-call
    ALERT_ACK = "alert-ack"  # "acknowledged by ..." to the others who got the alert
    RECEIPT = "receipt"  # the client's neutral "your care team has seen this"
    ALERT_FOLLOW_UP = "alert-follow-up"  # "C-1234 wrote again" to whoever holds the alert
    DIGEST = "digest"  # a therapist's daily digest of medium alerts
    QUESTION = "question"  # a care-team question or its answer notice
    MEETING_REMINDER = "meeting_reminder"  # a reminder before a session or meeting, with RSVP buttons
    MEETING_CHANGE = "meeting_change"  # "this meeting moved / is cancelled", once per client
    BROADCAST = "broadcast"  # one copy of a staff broadcast
    MILESTONE = "milestone"  # a reward for showing up: sessions attended (bot.domain.coping.rewards)
    REWARD = "reward"  # points and draws staff recorded for the client (bot.domain.rewards.ledger)
    COPING_STEP = "coping_step"  # a step of a paced coping tool, sent on its own (bot.domain.coping.sequences)


def _values(members: type[enum.StrEnum]) -> list[str]:
    return [m.value for m in members]


def str_enum(members: type[enum.StrEnum], length: int, *, checked: bool) -> Enum:
    """A StrEnum stored as its values in a VARCHAR; `checked` adds a CHECK constraint naming them all."""
    return Enum(
        members,
        name=f"ck_{members.__name__.lower()}",
        native_enum=False,
        create_constraint=checked,
        values_callable=_values,
        length=length,
        validate_strings=True,
    )


ROLE = str_enum(Role, 16, checked=True)
OUTBOX_STATUS = str_enum(OutboxStatus, 16, checked=True)
OUTBOX_KIND = str_enum(OutboxKind, 32, checked=False)  # an open set: new features add kinds


class Person(Base):
    """Anyone bound to the bot through an invite."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    telegram_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    role: Mapped[Role] = mapped_column(ROLE)
    # Clients are known by a code (C-1042), never by name, in every alert and list.
    code: Mapped[str] = mapped_column(String(16), unique=True)
    display_name: Mapped[str] = mapped_column(String(64), default="")
    timezone: Mapped[str] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(8), default="en")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # False once Telegram answers 403: the person blocked the bot.
    reachable: Mapped[bool] = mapped_column(Boolean, default=True)
    # Set by staff when someone leaves the program or the clinic (offboarding); cleared on reactivation.
    # Unlike a pause (/stop), the person cannot lift it themselves.
    deactivated_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    consent_version: Mapped[str | None] = mapped_column(String(16), nullable=True)
    consent_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=now)

    profile: Mapped[ClientProfile | None] = relationship(
        back_populates="person", foreign_keys="ClientProfile.person_id", uselist=False
    )


class ClientProfile(Base):
    __tablename__ = "client_profile"

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), primary_key=True)
    therapist_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), nullable=True, index=True)
    cohort: Mapped[str] = mapped_column(String(32), default="")
    checkin_time: Mapped[dt.time] = mapped_column(Time)
    reminders_on: Mapped[bool] = mapped_column(Boolean, default=True)
    program_start: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    sobriety_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    safety_plan: Mapped[str | None] = mapped_column(EncryptedText, nullable=True)

    person: Mapped[Person] = relationship(back_populates="profile", foreign_keys=[person_id])


class Invite(Base):
    """A one-time enrollment code. Only its hash is stored."""

    __tablename__ = "invite"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[Role] = mapped_column(ROLE)
    person_code: Mapped[str] = mapped_column(String(16))
    display_name: Mapped[str] = mapped_column(String(64), default="")
    therapist_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), nullable=True)
    cohort: Mapped[str] = mapped_column(String(32), default="")
    language: Mapped[str | None] = mapped_column(String(8), nullable=True)  # None: offered from Telegram's
    created_by: Mapped[int | None] = mapped_column(ForeignKey("person.id"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=now)
    expires_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    used_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    used_by: Mapped[int | None] = mapped_column(ForeignKey("person.id"), nullable=True)


class ConsentRecord(Base):
    """Every consent decision, kept as history (agree, decline, withdraw)."""

    __tablename__ = "consent_record"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    version: Mapped[str] = mapped_column(String(16))
    language: Mapped[str] = mapped_column(String(8), default="en", server_default="en")  # of the notice agreed to
    decision: Mapped[str] = mapped_column(String(16))
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=now)


class AuditEntry(Base):
    """Insert-only: who did what, to which client, when. Triggers refuse UPDATE and DELETE (migration 0005)."""

    __tablename__ = "audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=now, index=True)
    actor_telegram_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    actor_person_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    action: Mapped[str] = mapped_column(String(48))
    client_person_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    detail: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_audit_actor_action_at", "actor_telegram_id", "action", "at"),)


class OutboxMessage(Base):
    """A message the bot sends on its own initiative; delivered by bot.delivery.outbox."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    due_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=now)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"), nullable=True)
    kind: Mapped[OutboxKind] = mapped_column(OUTBOX_KIND)
    payload: Mapped[str] = mapped_column(EncryptedText)
    status: Mapped[OutboxStatus] = mapped_column(OUTBOX_STATUS, default=OutboxStatus.PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_try_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=now)
    claimed_until: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    dedupe_key: Mapped[str | None] = mapped_column(String(128), unique=True, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=now)
    finished_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    # The alert a push or receipt belongs to (no foreign key: a row may outlive an erased alert).
    alert_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)

    __table_args__ = (Index("ix_outbox_status_next_try", "status", "next_try_at"),)


class FaqGap(Base):
    """A question the FAQ could not answer, stored without who asked it."""

    __tablename__ = "faq_gap"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=now)
    text: Mapped[str] = mapped_column(EncryptedText)
    best_entry: Mapped[str] = mapped_column(String(64), default="")
    best_score: Mapped[float] = mapped_column(default=0.0)


class ScreenReview(Base):
    """A message a team member checked with /screen or marked "false alarm" on an alert: a labelled example.

    `text` is encrypted (it may be a client's words); `client_id` is set when it is, so erasing the
    client erases the example. `mark` is None until someone marks it.
    """

    __tablename__ = "screen_review"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=now)
    text: Mapped[str] = mapped_column(EncryptedText)
    source: Mapped[str] = mapped_column(String(16))  # screen / alert
    level: Mapped[str] = mapped_column(String(16))  # what the screen said when it was checked
    category: Mapped[str | None] = mapped_column(String(32), nullable=True)
    pattern: Mapped[str | None] = mapped_column(String(64), nullable=True)
    mark: Mapped[str | None] = mapped_column(String(16), nullable=True)  # crisis / possible / ordinary / false_alarm
    marked_by: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"), nullable=True)
    marked_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    client_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), nullable=True, index=True
    )
    alert_id: Mapped[int | None] = mapped_column(ForeignKey("alert.id", ondelete="SET NULL"), nullable=True)


class StateRecord(Base):
    """Conversation and user state for PTB persistence (bot.persistence)."""

    __tablename__ = "conversation_state"

    namespace: Mapped[str] = mapped_column(String(64), primary_key=True)
    key: Mapped[str] = mapped_column(String(128), primary_key=True)
    value: Mapped[str] = mapped_column(EncryptedText)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=now, onupdate=now)


class FaqContent(Base):
    """A knowledge-base file uploaded by staff; the newest row replaces the shipped file."""

    __tablename__ = "faq_content"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    uploaded_by: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"), nullable=True)
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=now)


class Checkin(Base):
    """One daily check-in per client per local day; a second one that day edits it.

    Answers are stored as data (not only as text) so the risk rules can read them.
    """

    __tablename__ = "checkin"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    local_date: Mapped[dt.date] = mapped_column(Date)
    craving: Mapped[int] = mapped_column(Integer)  # 0..10
    mood: Mapped[int] = mapped_column(Integer)  # 1 (very low) .. 5 (very good)
    used: Mapped[str] = mapped_column(String(16))  # yes / no / undisclosed
    sleep: Mapped[int] = mapped_column(Integer)  # 1 poor, 2 okay, 3 good
    safety_yes: Mapped[bool] = mapped_column(Boolean)  # thoughts of harming themselves
    note: Mapped[str | None] = mapped_column(EncryptedText, nullable=True)
    note_flagged: Mapped[bool] = mapped_column(Boolean, default=False)  # crisis language in the note
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=now)
    edited_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)

    __table_args__ = (UniqueConstraint("person_id", "local_date", name="uq_checkin_person_day"),)


class Milestone(Base):
    """A milestone already celebrated, so each is celebrated once per run (a new run starts after reported use)."""

    __tablename__ = "milestone"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    # "sober" (days since use), "streak" (days checked in) or "sessions" (sessions attended)
    kind: Mapped[str] = mapped_column(String(16))
    days: Mapped[int] = mapped_column(Integer)  # 7, 30, 60, 90, 180, 365 (days); 5, 10, 20... (sessions)
    since: Mapped[dt.date] = mapped_column(Date)  # first day of the run it belongs to
    celebrated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=now)

    __table_args__ = (UniqueConstraint("person_id", "kind", "days", "since", name="uq_milestone_run"),)


class FlagRecord(Base):
    """Why the care team should look: one rule that fired, with an explanation a therapist understands."""

    __tablename__ = "flag"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    alert_id: Mapped[int | None] = mapped_column(ForeignKey("alert.id", ondelete="CASCADE"), nullable=True, index=True)
    source: Mapped[str] = mapped_column(String(16))  # checkin / message / planner
    checkin_id: Mapped[int | None] = mapped_column(ForeignKey("checkin.id", ondelete="SET NULL"), nullable=True)
    severity: Mapped[str] = mapped_column(String(8))  # crisis / high / medium
    rule: Mapped[str] = mapped_column(String(32))
    explanation: Mapped[str] = mapped_column(EncryptedText)  # scores are clinical data
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=now)


class Alert(Base):
    """A flag that must reach a human: pushed to the therapist, escalated until someone acknowledges.

    `level` is the highest tier told so far (0 therapist, 1 on-call, 2 all admins);
    `next_escalation_at` is the durable timer the escalation loop claims: the next tier, then the
    next reminder at the end of the chain (None: acknowledged, or a medium flag kept for the digest).
    """

    __tablename__ = "alert"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    therapist_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), nullable=True, index=True)
    severity: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(16), default="open")  # open / acknowledged
    level: Mapped[int] = mapped_column(Integer, default=0)
    next_escalation_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True, index=True)
    lease_until: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=now)
    acked_by: Mapped[int | None] = mapped_column(ForeignKey("person.id"), nullable=True)
    acked_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    digested_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)


class AlertRecipient(Base):
    """Who was told of an alert, at which level: they all hear when it is acknowledged."""

    __tablename__ = "alert_recipient"

    alert_id: Mapped[int] = mapped_column(ForeignKey("alert.id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), primary_key=True)
    level: Mapped[int] = mapped_column(Integer)
    told_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=now)
    delivered_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)  # Telegram took the push
    # The push's message in their chat, so its buttons can show the alert is done (acknowledged).
    message_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)


class OnCallShift(Base):
    """Who is on call: the open shift (ended_at is None) is the current one."""

    __tablename__ = "oncall_shift"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    started_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=now)
    ended_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)


class CareQuestion(Base):
    """A client's private question to their care team, and the answer. Both encrypted at rest."""

    __tablename__ = "care_question"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    therapist_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), nullable=True, index=True)
    text: Mapped[str] = mapped_column(EncryptedText)
    asked_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=now)
    answer: Mapped[str | None] = mapped_column(EncryptedText, nullable=True)
    answered_by: Mapped[int | None] = mapped_column(ForeignKey("person.id"), nullable=True)
    answered_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
