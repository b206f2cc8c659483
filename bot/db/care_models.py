"""Models of the care team's work after an alert: the follow-up task a crisis opens."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from bot.core.clock import now
from bot.db.types import Base, UtcDateTime


class FollowUp(Base):
    """Contact the client and go over the safety plan together, within a deadline, after a crisis alert.

    `next_at` is the durable timer a loop claims with a lease (`lease_until`), like alert
    escalation: first the reminder (`stage` 0 → 1), then the escalation to on-call at `due_at`
    (`stage` 1 → 2). Done closes it; "could not reach" is counted in `attempts` and keeps it open.
    """

    __tablename__ = "followup"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("alert.id", ondelete="CASCADE"), unique=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    therapist_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), nullable=True, index=True)
    status: Mapped[str] = mapped_column(String(16), default="open")  # open / done / erased (client erased)
    stage: Mapped[int] = mapped_column(Integer, default=0)  # 0 opened, 1 reminded, 2 escalated
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=now)
    due_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    next_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True, index=True)
    lease_until: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)  # "could not reach" taps
    escalated_to: Mapped[int | None] = mapped_column(ForeignKey("person.id"), nullable=True)
    closed_by: Mapped[int | None] = mapped_column(ForeignKey("person.id"), nullable=True)
    closed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
