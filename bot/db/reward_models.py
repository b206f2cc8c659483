"""Models of rewards for showing up (contingency management): one ledger of points and prize-bowl draws.

Each row is one entry: something earned (a check-in, attendance, a negative test, a weekly
questionnaire), a test that resets the draws (positive or missed), a prize handed out (draws or
points spent), or a correction of an earlier entry. Rows are never changed: the database refuses
UPDATE (migration 0024), and a mistake is put right by a new entry that reverses it. Only the
client's own erasure removes their rows. `note` is what a prize was, or why an entry was
corrected, in staff's words: encrypted like other free text.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.core.clock import now
from bot.db.types import Base, EncryptedText, UtcDateTime


class RewardEntry(Base):
    """One line of a client's reward ledger: points and draws added (positive) or spent (negative)."""

    __tablename__ = "reward_entry"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    # checkin / attendance / questionnaire / test_negative / test_positive / test_missed / prize / correction
    kind: Mapped[str] = mapped_column(String(16))
    points: Mapped[int] = mapped_column(Integer, default=0)
    draws: Mapped[int] = mapped_column(Integer, default=0)
    # What earned it, once: "checkin:2026-12-04", "attendance:12:1764889200", "questionnaire:bam7:2026-W49".
    # Unique per client, so a button pressed twice or a check-in edited earns nothing more.
    source: Mapped[str | None] = mapped_column(String(64), nullable=True)
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("reward_entry.id"), nullable=True, unique=True)
    by_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), nullable=True)  # staff, or none
    note: Mapped[str | None] = mapped_column(EncryptedText, nullable=True)
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=now, index=True)

    __table_args__ = (UniqueConstraint("person_id", "source", name="uq_reward_entry_source"),)
