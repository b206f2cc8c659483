"""Models of help in the moment: each time a client used a coping tool for a craving.

A row is written when the client rates the craving again after the tool: the tool, the
rating before and after, and when it started and ended. Numbers only, no free text, so
nothing here needs encryption; export lists the rows and erasure deletes them.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from bot.core.clock import now
from bot.db.types import Base, UtcDateTime


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
