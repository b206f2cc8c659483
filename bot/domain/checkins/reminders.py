"""Daily check-in reminders: when each is due (DST-correct), who gets one, and cancelling one after a check-in.

The rules here are pure or plain queries; writing the outbox rows is the planner's job
(bot.delivery.planner), which knows the message and the outbox format.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import String, any_, cast, select, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.callbacks import CallbackData, callback
from bot.db.models import Checkin, ClientProfile, OutboxKind, OutboxMessage, OutboxStatus, Person, Role
from bot.db.session import affected


@callback("ci.start")
class StartCheckin(CallbackData):
    """'Check in now' on the daily reminder; `day` is the client's local date (ISO) it was meant for."""

    day: str


KIND = OutboxKind.CHECKIN_REMINDER
KEY_PREFIX = "checkin-reminder:"
_CHUNK = 900  # bound parameters per IN (...) list, well under SQLite's and asyncpg's limits

# Why a pending reminder was cancelled; rows cancelled for a settings reason may be revived by a later change.
CHECKED_IN = "checked in before the reminder"
SETTINGS_CHANGED = "reminder settings changed"
TOO_LATE = "missed by more than the grace period"
PAUSED = "reminders off, paused or unreachable"


def checkin_reminder_key(person_id: int, local_date: dt.date) -> str:
    """One reminder per client per local day, however often or by how many processes it is planned."""
    return f"{KEY_PREFIX}{person_id}:{local_date.isoformat()}"


def parse_reminder_key(key: str | None) -> tuple[int, dt.date] | None:
    """The (person id, local date) a reminder key stands for, or None for any other key."""
    if not key or not key.startswith(KEY_PREFIX):
        return None
    person, _, day = key.removeprefix(KEY_PREFIX).partition(":")
    try:
        return int(person), dt.date.fromisoformat(day)
    except ValueError:
        return None


# --- when -----------------------------------------------------------------------------------


def reminder_instant(day: dt.date, at: dt.time, zone: ZoneInfo) -> dt.datetime:
    """The UTC instant of `at` o'clock on local `day`.

    An ambiguous time (the repeated hour when clocks go back) means its first occurrence;
    a time that does not exist (the hour skipped when clocks go forward) moves to the first
    valid instant after it, i.e. the moment the clocks jump.
    """
    wall = dt.datetime.combine(day, at.replace(tzinfo=None))
    first = wall.replace(tzinfo=zone, fold=0).astimezone(dt.UTC)
    if first.astimezone(zone).replace(tzinfo=None) == wall:
        return first
    # In a gap, fold=0 reads the wall time with the offset from before the jump (an instant
    # after it) and fold=1 with the offset from after (an instant before it): the jump lies between.
    lo, hi = wall.replace(tzinfo=zone, fold=1).astimezone(dt.UTC), first
    if lo > hi:
        lo, hi = hi, lo
    before = lo.astimezone(zone).utcoffset()
    while hi - lo > dt.timedelta(seconds=1):
        mid = lo + (hi - lo) / 2
        if mid.astimezone(zone).utcoffset() == before:
            lo = mid
        else:
            hi = mid
    return hi.replace(microsecond=0)


@dataclass(frozen=True)
class ReminderPrefs:
    """What the planner needs to know about one client."""

    person_id: int
    chat_id: int
    timezone: str
    at: dt.time
    reminders_on: bool = True
    active: bool = True  # False after /stop
    reachable: bool = True  # False once the client blocked the bot
    consented: bool = True  # False while paused, waiting for consent

    @property
    def wants_reminders(self) -> bool:
        return self.reminders_on and self.active and self.reachable and self.consented

    @property
    def zone(self) -> ZoneInfo | None:
        try:
            return ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            return None  # settings only store known zones; a removed one must not stop the planner


@dataclass(frozen=True)
class Due:
    local_date: dt.date
    at: dt.datetime  # UTC


def due_reminders(prefs: ReminderPrefs, now: dt.datetime, grace: dt.timedelta, horizon: dt.timedelta) -> list[Due]:
    """The client's reminders whose instant lies in [now - grace, now + horizon], one per local date."""
    zone = prefs.zone
    if not prefs.wants_reminders or zone is None:
        return []
    start, end = now - grace, now + horizon
    # From the day before: a reminder late at night moved out of a gap can land on the next day.
    day = start.astimezone(zone).date() - dt.timedelta(days=1)
    last = end.astimezone(zone).date()
    found = []
    while day <= last:
        at = reminder_instant(day, prefs.at, zone)
        if start <= at <= end:
            found.append(Due(day, at))
        day += dt.timedelta(days=1)
    return found


# --- who ------------------------------------------------------------------------------------


async def reminder_prefs(
    session: AsyncSession, *, person_ids: Sequence[int] | None = None, wanting_only: bool = False
) -> list[ReminderPrefs]:
    """Clients' reminder settings in one query: all clients, or the given ones; `wanting_only` for the planner."""
    stmt = select(
        Person.id,
        Person.telegram_id,
        Person.timezone,
        ClientProfile.checkin_time,
        ClientProfile.reminders_on,
        Person.active,
        Person.reachable,
        Person.consent_version.is_not(None),
    ).join(ClientProfile, ClientProfile.person_id == Person.id)
    stmt = stmt.where(Person.role == Role.CLIENT)
    if wanting_only:
        stmt = stmt.where(
            ClientProfile.reminders_on.is_(True),
            Person.active.is_(True),
            Person.reachable.is_(True),
            Person.consent_version.is_not(None),
        )
    if person_ids is not None:
        stmt = stmt.where(Person.id.in_(list(person_ids)))
    # Plain Core rows through the connection: no ORM bookkeeping for ten thousand tuples. That skips
    # autoflush, so flush first: a settings change earlier in the same unit of work must be seen.
    await session.flush()
    rows = (await (await session.connection()).execute(stmt)).tuples()
    return [
        ReminderPrefs(pid, chat, tz, at, bool(on), bool(act), bool(reach), bool(ok))
        for pid, chat, tz, at, on, act, reach, ok in rows
    ]


async def checked_in(
    session: AsyncSession, days: Iterable[dt.date], person_ids: Sequence[int] | None = None
) -> set[tuple[int, dt.date]]:
    """(person id, local date) pairs with a check-in, among the given days."""
    days = sorted(set(days))
    if not days:
        return set()
    stmt = select(Checkin.person_id, Checkin.local_date).where(Checkin.local_date.in_(days))
    if person_ids is not None:
        stmt = stmt.where(Checkin.person_id.in_(list(person_ids)))
    return {(pid, day) for pid, day in (await (await session.connection()).execute(stmt)).tuples()}


async def existing_keys(session: AsyncSession, keys: Sequence[str]) -> set[str]:
    """Which of these dedupe keys already have an outbox row (any status)."""
    conn = await session.connection()
    column = OutboxMessage.dedupe_key
    if conn.dialect.name == "postgresql":
        # One array parameter: PostgreSQL prepares a long IN (...) list slowly.
        stmt = select(column).where(column == any_(cast(list(keys), ARRAY(String))))
        return {k for k in (await conn.execute(stmt)).scalars() if k is not None}
    found: set[str] = set()
    for i in range(0, len(keys), _CHUNK):
        stmt = select(column).where(column.in_(keys[i : i + _CHUNK]))
        found.update(k for k in (await conn.execute(stmt)).scalars() if k is not None)
    return found


# --- cancelling -----------------------------------------------------------------------------


async def cancel_rows(session: AsyncSession, ids: Sequence[int], reason: str, now: dt.datetime) -> int:
    """Cancel these reminder rows if still pending; returns how many were."""
    done = 0
    for i in range(0, len(ids), _CHUNK):
        result = await session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id.in_(ids[i : i + _CHUNK]), OutboxMessage.status == OutboxStatus.PENDING)
            .values(status=OutboxStatus.CANCELLED, last_error=reason, finished_at=now)
        )
        done += affected(result)
    return done


async def cancel_checkin_reminder(session: AsyncSession, person_id: int, local_date: dt.date) -> int:
    """Cancel that day's reminder if it has not gone out yet; returns how many rows were cancelled."""
    result = await session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.dedupe_key == checkin_reminder_key(person_id, local_date),
            OutboxMessage.status == OutboxStatus.PENDING,
        )
        .values(status=OutboxStatus.CANCELLED, last_error=CHECKED_IN)
    )
    return affected(result)
