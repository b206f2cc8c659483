"""Models of help in the moment: each time a client used a coping tool for a craving; medication reminders.

A row is written when the client rates the craving again after the tool: the tool, the
rating before and after, and when it started and ended. Numbers only, no free text, so
nothing here needs encryption; export lists the rows and erasure deletes them.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Time, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from bot.core.clock import now
from bot.db.types import Base, EncryptedText, UtcDateTime


class CopingUse(Base):
    """One craving the client met with a tool: how strong before and after (0–10), and which tool."""

    __tablename__ = "coping_use"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    tool: Mapped[str] = mapped_column(String(32))  # a key of bot/domain/coping/tools.yaml
    picked_by: Mapped[str] = mapped_column(String(8), default="client")  # client / bot
    before: Mapped[int] = mapped_column(Integer)
    after: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=now)
    finished_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=now)
    # The check back 15 minutes later: how strong it was then (None until they answer, if ever).
    later: Mapped[int | None] = mapped_column(Integer, nullable=True)
    later_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)


class MedReminder(Base):
    """A client's daily medication reminder at a local time. The label is theirs (encrypted), or none:
    the lock screen then shows only "Reminder ⏰"."""

    __tablename__ = "med_reminder"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    label: Mapped[str | None] = mapped_column(EncryptedText, nullable=True)
    at_local: Mapped[dt.time] = mapped_column(Time)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    shared: Mapped[bool] = mapped_column(Boolean, default=False)  # the client agreed: their therapist sees answers
    # Mon..Sun as "1"/"0" ("1111111": every day); a daily reminder goes only on its days.
    weekdays: Mapped[str] = mapped_column(String(7), default="1111111", server_default="1111111")
    paused: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())  # kept, not sent
    resumed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)  # days before: not missed
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=now)
    # A dated reminder (a monthly injection, a dose given at the clinic): sent once, the day before this
    # date, at `at_local`. None: the daily reminder.
    on_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)


class MedDose(Base):
    """The client's answer to one day's reminder: taken or skipped."""

    __tablename__ = "med_dose"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reminder_id: Mapped[int] = mapped_column(ForeignKey("med_reminder.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    local_date: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(8))  # taken / skipped
    answered_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=now)

    __table_args__ = (UniqueConstraint("reminder_id", "local_date", name="uq_med_dose_day"),)
