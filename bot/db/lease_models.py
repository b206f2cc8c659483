"""Models of who runs the clinic's bot: the leader's lease and every process's heartbeat.

One row of `leader_lease` per clinic (its schema): the process named in `holder` leads until
`expires_at`, renewing it every few seconds. `token` grows by one with every new holder, so a
process can tell (and prove in a statement) that the lease it holds is still the current one.
`bot_process` has one row per running process, leader or standby, for `python -m bot status`.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, Boolean, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from bot.db.types import Base, UtcDateTime

LEASE_NAME = "leader"  # the one lease of a clinic; a name leaves room for more (e.g. a backup job)


class LeaderLease(Base):
    """The leader's lease: who holds it, since when, until when."""

    __tablename__ = "leader_lease"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    holder: Mapped[str | None] = mapped_column(String(160))  # "host:pid"
    token: Mapped[int] = mapped_column(BigInteger, default=0)  # fencing token: +1 per new holder
    since: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    renewed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    expires_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    released: Mapped[bool] = mapped_column(Boolean, default=False)  # the holder stepped down on purpose


class BotProcess(Base):
    """A running `python -m bot run`: its heartbeat, and whether it leads or waits."""

    __tablename__ = "bot_process"

    holder: Mapped[str] = mapped_column(String(160), primary_key=True)  # "host:pid"
    host: Mapped[str] = mapped_column(String(128))
    pid: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(16))  # leader / standby / stopped
    started_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    last_seen: Mapped[dt.datetime] = mapped_column(UtcDateTime)


# The running processes' own state, not the clinic's data: backups leave it out, and a restore
# into a freshly migrated database (which holds a free lease) counts it as empty.
PROCESS_TABLES = frozenset({LeaderLease.__tablename__, BotProcess.__tablename__})
