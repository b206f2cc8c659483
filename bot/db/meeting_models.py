"""Models of the program's calendar and broadcasts: meeting series, one-date overrides, closures, RSVP, attendance."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import BigInteger, Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.core.clock import now
from bot.db.types import Base, EncryptedText, UtcDateTime


class MeetingSeries(Base):
    """A series of meetings (or one): when in the clinic's wall-clock time, who is in it, where.

    The recurrence is an RFC 5545 RRULE plus extra dates (RDATE) expanded in local wall time
    (python-dateutil), so a six o'clock group stays at six when the clocks change. `uid` is the
    iCalendar UID.
    """

    __tablename__ = "meeting"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(255), unique=True)
    title: Mapped[str] = mapped_column(String(120))  # what staff see
    public_title: Mapped[str] = mapped_column(String(120))  # neutral wording clients see on lock screens
    kind: Mapped[str] = mapped_column(String(16))  # group / individual / support / family
    rrule: Mapped[str] = mapped_column(Text, default="")  # "" = a single meeting
    # Extra dates (RDATE): naive wall times in `timezone`, "YYYYMMDDTHHMMSS" comma separated, sorted; "" = none.
    # A text beside the rule, not a table: always read whole with its series, never queried by date.
    rdates: Mapped[str] = mapped_column(Text, default="", server_default="")
    starts_local: Mapped[dt.datetime] = mapped_column(DateTime)  # naive wall time in `timezone`
    timezone: Mapped[str] = mapped_column(String(64))
    all_day: Mapped[bool] = mapped_column(Boolean, default=False)
    duration_minutes: Mapped[int] = mapped_column(Integer)
    place: Mapped[str] = mapped_column(String(200), default="")
    link: Mapped[str] = mapped_column(String(300), default="")
    audience: Mapped[str] = mapped_column(String(16))  # all / cohort / client
    cohort: Mapped[str] = mapped_column(String(32), default="")
    client_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), nullable=True)
    therapist_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"), nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)  # False: the series was cancelled
    created_by: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=now)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=now)


class MeetingOverride(Base):
    """One date of a series cancelled or moved (iCalendar RECURRENCE-ID / EXDATE semantics)."""

    __tablename__ = "meeting_override"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    original_start: Mapped[dt.datetime] = mapped_column(UtcDateTime)  # the occurrence it replaces
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)
    new_start: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    new_duration_minutes: Mapped[int | None] = mapped_column(Integer, nullable=True)
    new_place: Mapped[str | None] = mapped_column(String(200), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=now)

    __table_args__ = (UniqueConstraint("meeting_id", "original_start", name="uq_override_occurrence"),)


class Closure(Base):
    """A day the clinic is closed (a holiday): every meeting that day is cancelled, and clients are told once."""

    __tablename__ = "closure"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, unique=True)  # the clinic's own date
    reason: Mapped[str] = mapped_column(String(120), default="")  # "Christmas": clients see it
    created_by: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=now)


class Attendance(Base):
    """A client and one occurrence: their RSVP, and whether they came (taken by staff)."""

    __tablename__ = "attendance"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"))
    occurrence_start: Mapped[dt.datetime] = mapped_column(UtcDateTime)  # the original start: the occurrence's id
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    rsvp: Mapped[str | None] = mapped_column(String(8), nullable=True)  # yes / no
    rsvp_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    rsvp_digested_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    attended: Mapped[bool | None] = mapped_column(Boolean, nullable=True)  # came or late; None = not taken
    status: Mapped[str | None] = mapped_column(String(8), nullable=True)  # came / late / excused / missed
    marked_by: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"), nullable=True)
    marked_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    flagged_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)  # missed-two flag raised

    __table_args__ = (UniqueConstraint("meeting_id", "occurrence_start", "person_id", name="uq_attendance"),)


class MeetingPref(Base):
    """A client's reminder lead times for one kind of meeting; no row means the clinic's default."""

    __tablename__ = "meeting_pref"

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    leads: Mapped[str] = mapped_column(String(64), default="")  # minutes, comma separated; "" = off


class Broadcast(Base):
    """One staff message to many people; its copies are outbox rows (see BroadcastRecipient)."""

    __tablename__ = "broadcast"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"), nullable=True)
    audience: Mapped[str] = mapped_column(String(16))  # clients / cohort / therapists / everyone
    cohort: Mapped[str] = mapped_column(String(32), default="")
    content: Mapped[str] = mapped_column(String(16))  # text / schedule
    text: Mapped[str] = mapped_column(EncryptedText, default="")  # the version written first
    language: Mapped[str] = mapped_column(String(8), default="en", server_default="en")  # of `text`
    # Every version by language, as JSON {"en": "...", "es": "..."}; None: `text` alone (older rows, schedules).
    versions: Mapped[str | None] = mapped_column(EncryptedText, nullable=True)
    status: Mapped[str] = mapped_column(String(16), default="sending")  # sending / cancelled / done
    total: Mapped[int] = mapped_column(Integer, default=0)
    chat_id: Mapped[int | None] = mapped_column(BigInteger, nullable=True)  # where progress is shown
    message_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    shown: Mapped[str] = mapped_column(String(64), default="")  # the counts last shown, to edit only on change
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=now)
    finished_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)

    def all_versions(self) -> dict[str, str]:
        """The words by language, the first-written version first."""
        found = {self.language: self.text}
        if self.versions:
            found.update({str(k): str(v) for k, v in json.loads(self.versions).items()})
        return found


class BroadcastRecipient(Base):
    """Who a broadcast was meant for, and their copy in the outbox (None: not sendable when it was made)."""

    __tablename__ = "broadcast_recipient"

    broadcast_id: Mapped[int] = mapped_column(ForeignKey("broadcast.id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), primary_key=True)
    outbox_id: Mapped[int | None] = mapped_column(ForeignKey("outbox.id", ondelete="SET NULL"), nullable=True)

    __table_args__ = (Index("ix_broadcast_recipient_outbox", "outbox_id"),)
