"""The leader's lease, in the clinic's own database: take it, renew it, prove it, give it back.

A row with a heartbeat rather than a PostgreSQL advisory lock: an advisory lock lives and dies
with one connection, so a pooled connection that is recycled, a proxy (PgBouncer) or a network
blip can drop or keep it without the process knowing, and it shows nobody who holds it or since
when. A row has an expiry both sides can reason about with a clock, a token that grows with
every new holder (a fencing token a statement can compare), and it is what `status` shows.

Every time comes from the injected clock, so the unit tests move time instead of sleeping.
Clocks of the machines involved are assumed to agree within a second or so (NTP); the leader
stops sending a margin before its lease runs out (bot/services/leadership.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.clock import now
from bot.db.lease_models import LEASE_NAME, BotProcess, LeaderLease
from bot.db.session import affected

Clock = Callable[[], dt.datetime]
FORGET_PROCESSES_AFTER = dt.timedelta(days=1)  # a process silent this long is gone from `status`


@dataclass(frozen=True)
class Taken:
    """This process now leads, with `token`; who led before, and whether they stepped down."""

    token: int
    since: dt.datetime
    expires_at: dt.datetime
    previous: str | None
    previous_released: bool


@dataclass(frozen=True)
class LeaseView:
    holder: str | None
    token: int
    since: dt.datetime | None
    renewed_at: dt.datetime | None
    expires_at: dt.datetime | None
    released: bool

    def live(self, at: dt.datetime) -> bool:
        return self.holder is not None and not self.released and self.expires_at is not None and self.expires_at > at


@dataclass(frozen=True)
class ProcessView:
    holder: str
    role: str
    started_at: dt.datetime
    last_seen: dt.datetime


class LeaseStore:
    """Statements on the lease row and the heartbeats; the caller owns the transaction."""

    def __init__(self, lease: dt.timedelta, clock: Clock = now) -> None:
        if lease <= dt.timedelta(0):
            raise ValueError("a lease must last more than 0 seconds")
        self.lease = lease
        self.clock = clock

    async def try_take(self, s: AsyncSession, me: str) -> Taken | None:
        """Take the lease if nobody holds it (or their lease ran out); None while someone else holds it."""
        t = self.clock()
        row = (
            await s.execute(select(LeaderLease).where(LeaderLease.name == LEASE_NAME).with_for_update())
        ).scalar_one_or_none()
        if row is None:  # a database migrated before the row existed cannot happen; refuse loudly if it does
            raise RuntimeError("the leader_lease row is missing: run `python -m bot db upgrade`")
        view = _view(row)
        if view.live(t) and view.holder != me:
            return None
        previous, released, old_token = row.holder, row.released, row.token
        expires = t + self.lease
        # Guarded by the token read above: of two processes racing here, only one moves it on.
        done = await s.execute(
            update(LeaderLease)
            .where(LeaderLease.name == LEASE_NAME, LeaderLease.token == old_token)
            .values(holder=me, token=old_token + 1, since=t, renewed_at=t, expires_at=expires, released=False)
            .execution_options(synchronize_session=False)
        )
        if affected(done) != 1:
            return None
        return Taken(old_token + 1, t, expires, previous, released)

    async def renew(self, s: AsyncSession, me: str, token: int) -> dt.datetime | None:
        """Push the expiry on; None when the lease is no longer ours (another process took it)."""
        t = self.clock()
        expires = t + self.lease
        done = await s.execute(
            update(LeaderLease)
            .where(
                LeaderLease.name == LEASE_NAME,
                LeaderLease.holder == me,
                LeaderLease.token == token,
                LeaderLease.released.is_(False),
            )
            .values(renewed_at=t, expires_at=expires)
            .execution_options(synchronize_session=False)
        )
        return expires if affected(done) == 1 else None

    async def holds(self, s: AsyncSession, me: str, token: int) -> bool:
        """The fencing check: `token` is still the current lease, held by `me`, and not run out."""
        t = self.clock()
        found = await s.execute(
            select(LeaderLease.name).where(
                LeaderLease.name == LEASE_NAME,
                LeaderLease.holder == me,
                LeaderLease.token == token,
                LeaderLease.released.is_(False),
                LeaderLease.expires_at > t,
            )
        )
        return found.first() is not None

    async def release(self, s: AsyncSession, me: str, token: int) -> bool:
        """Step down: a standby may take over at once instead of waiting for the expiry."""
        done = await s.execute(
            update(LeaderLease)
            .where(LeaderLease.name == LEASE_NAME, LeaderLease.holder == me, LeaderLease.token == token)
            .values(released=True, expires_at=self.clock())
            .execution_options(synchronize_session=False)
        )
        return affected(done) == 1

    async def beat(self, s: AsyncSession, me: str, host: str, pid: int, role: str) -> None:
        """Record this process's heartbeat (and forget processes silent for a day)."""
        t = self.clock()
        done = await s.execute(
            update(BotProcess)
            .where(BotProcess.holder == me)
            .values(role=role, last_seen=t)
            .execution_options(synchronize_session=False)
        )
        if affected(done) == 0:
            s.add(BotProcess(holder=me, host=host[:128], pid=pid, role=role, started_at=t, last_seen=t))
        await s.execute(delete(BotProcess).where(BotProcess.last_seen < t - FORGET_PROCESSES_AFTER))

    async def read(self, s: AsyncSession) -> tuple[LeaseView, list[ProcessView]]:
        """The lease and every process seen lately, newest heartbeat first."""
        row = (await s.execute(select(LeaderLease).where(LeaderLease.name == LEASE_NAME))).scalar_one()
        procs = (await s.execute(select(BotProcess).order_by(BotProcess.last_seen.desc()))).scalars().all()
        return _view(row), [ProcessView(p.holder, p.role, p.started_at, p.last_seen) for p in procs]


def _view(row: LeaderLease) -> LeaseView:
    return LeaseView(row.holder, row.token, row.since, row.renewed_at, row.expires_at, row.released)
