"""Models of measurement-based care: a submitted questionnaire with its answers (encrypted) and scores."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from bot.core.clock import now
from bot.db.types import Base, EncryptedText, UtcDateTime


class QuestionnaireResponse(Base):
    """One submitted questionnaire (PHQ-9, GAD-7, BAM ...) of one client.

    `answers` is the JSON {item id: stored value}, encrypted like every other client answer; the
    scores are kept beside it as data so views and flags read them without decrypting: `total`
    and `band` where the instrument has them, `subscales` as JSON {key: value} (the BAM's).
    """

    __tablename__ = "questionnaire_response"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    questionnaire: Mapped[str] = mapped_column(String(16))  # the definition's key: phq9, gad7, bam7, bam30
    version: Mapped[str] = mapped_column(String(16))
    answers: Mapped[str] = mapped_column(EncryptedText)
    total: Mapped[int | None] = mapped_column(Integer, nullable=True)
    band: Mapped[str | None] = mapped_column(String(32), nullable=True)
    subscales: Mapped[str | None] = mapped_column(Text, nullable=True)
    crisis_acted: Mapped[bool] = mapped_column(default=False)  # an answer acted at once (PHQ-9 item 9)
    submitted_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, default=now, index=True)
