"""Days the clinic is closed: closing one cancels every meeting that day and tells each client once.

The meetings' dates are cancelled as one-date overrides (so exports carry them as EXDATE and the
pending reminders are withdrawn), and each client in any of them gets one notice naming the day,
the reason and their meetings, through the outbox (dedupe key per day and client).
"""

from __future__ import annotations

import datetime as dt
import html
from collections import defaultdict
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import texts
from bot.core.errors import ValidationFailed
from bot.db.meeting_models import Closure
from bot.domain.meetings import changes, schedule
from bot.domain.meetings.schedule import Audiences, Calendar, Occurrence
from bot.domain.records import audit
from bot.texts import catalogue, dates

REASON_MAX = 120
HORIZON_DAYS = 366 * 2  # a closure is at most two years ahead


@dataclass(frozen=True)
class ClosedDay:
    day: dt.date
    reason: str


@dataclass(frozen=True)
class ClosureReport:
    day: dt.date
    reason: str
    cancelled: int  # meetings that day
    notices: int  # clients told
    reminders_cancelled: int


def parse_day(text: str) -> dt.date:
    """YYYY-MM-DD; ValidationFailed otherwise."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationFailed("expected a date as YYYY-MM-DD") from None


def on_day(cal: Calendar, day: dt.date, zone: ZoneInfo) -> list[Occurrence]:
    """The occurrences on the clinic's date `day`: a timed one by its start there, an all-day one by its date."""
    lo = schedule.wall_to_utc(dt.datetime.combine(day, dt.time()), zone)
    hi = schedule.wall_to_utc(dt.datetime.combine(day + dt.timedelta(days=1), dt.time()), zone)
    found = cal.occurrences(lo - dt.timedelta(days=1), hi + dt.timedelta(days=1))
    return [o for o in found if (o.day if o.series.all_day else o.start.astimezone(zone).date()) == day]


async def close_day(
    session: AsyncSession, day: dt.date, reason: str, zone: ZoneInfo, actor_id: int | None, now: dt.datetime
) -> ClosureReport:
    """Close the clinic on `day`: cancel its meetings, withdraw their reminders, tell each client once."""
    reason = " ".join(reason.split())[:REASON_MAX]
    today = now.astimezone(zone).date()
    if day < today:
        raise ValidationFailed("that day has passed")
    if day > today + dt.timedelta(days=HORIZON_DAYS):
        raise ValidationFailed("that day is more than two years ahead")
    if await session.scalar(select(Closure.id).where(Closure.day == day)) is not None:
        raise ValidationFailed("the clinic is already closed that day")
    session.add(Closure(day=day, reason=reason, created_by=actor_id, created_at=now))
    before = await schedule.load(session)
    gone = [o for o in on_day(before, day, zone) if o.end > now]
    for occ in gone:
        row = await changes.override_row(session, occ.series.id, occ.original_start)
        row.cancelled, row.new_start = True, None
    await session.flush()
    after = await schedule.load(session, include_inactive=True, ids=[s.id for s in before.series])
    withdrawn = await changes.withdraw_stale(session, before, after, now)
    notices = await _tell(session, gone, day, reason)
    audit.record(session, "meeting.closure", actor_person_id=actor_id, day=day.isoformat(), meetings=len(gone))
    return ClosureReport(day, reason, len(gone), notices, withdrawn)


async def _tell(session: AsyncSession, gone: list[Occurrence], day: dt.date, reason: str) -> int:
    audiences = Audiences(await schedule.reachable_clients(session))
    theirs: dict[int, list[Occurrence]] = defaultdict(list)
    members = {}
    for occ in sorted(gone, key=lambda o: o.start):
        for m in audiences.of(occ.series):
            theirs[m.person_id].append(occ)
            members[m.person_id] = m
    sent = 0
    for person_id, occs in theirs.items():
        m = members[person_id]
        names = ", ".join(dict.fromkeys(html.escape(o.series.public_title) for o in occs))
        with catalogue.speaking(m.language):  # the staff's reason stays as written
            why = texts.CLOSURE_REASON.format(reason=html.escape(reason)) if reason else ""
            text = texts.CLOSURE_NOTICE.format(day=dates.short_day(day), why=why, meetings=names)
        sent += await changes.notice(session, m, text, f"closure:{day.isoformat()}:{person_id}")
    return sent


async def upcoming(session: AsyncSession, start: dt.date, days: int = HORIZON_DAYS) -> list[ClosedDay]:
    """The closed days from `start` on, soonest first."""
    stmt = (
        select(Closure.day, Closure.reason)
        .where(Closure.day >= start, Closure.day <= start + dt.timedelta(days=days))
        .order_by(Closure.day)
    )
    return [ClosedDay(day, reason) for day, reason in (await session.execute(stmt)).all()]
