"""Models of how the FAQ's guesses went: one row per article shown with "Did I get that right?".

A row keeps what tuning the guess threshold needs and nothing about the question or who asked:
the entry shown, the search's confidence and margin (the lead over the runner-up), the language
the question was read in, the outcome, and the day (not the time) it was shown, so a row cannot
be matched to a message by when it came. Only the asker's own conversation state holds a row's
id, so only their button can settle it.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import CheckConstraint, Date, Float, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.types import Base


class GuessOutcome(enum.StrEnum):
    NONE = "none"  # no button pressed (yet)
    YES = "yes"  # "Yes, thanks": the article was what they asked
    OTHER = "other"  # "Show other topics": it was not


class FaqGuess(Base):
    """An FAQ article shown as a guess, and whether the client said it was what they asked."""

    __tablename__ = "faq_guess"
    __table_args__ = (CheckConstraint("outcome IN ('none', 'yes', 'other')", name="ck_faq_guess_outcome"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date)  # UTC day shown: never the time
    entry_id: Mapped[str] = mapped_column(String(64))
    confidence: Mapped[float] = mapped_column(Float)
    margin: Mapped[float] = mapped_column(Float)
    lang: Mapped[str] = mapped_column(String(8))
    outcome: Mapped[str] = mapped_column(String(8), default=GuessOutcome.NONE.value)
