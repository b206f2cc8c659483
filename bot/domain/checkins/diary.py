"""Daily check-ins: the client's local day, one entry per day, streaks, days since use, milestones, history.

Answer rules live in `bot.domain.checkins.answers`; this module stores and reads. Functions
take the caller's session and never commit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.clock import now
from bot.db.models import Checkin, ClientProfile, Milestone, Person
from bot.domain.checkins import reported_use
from bot.domain.checkins.answers import HIGH_CRAVING, Answers, Use
from bot.domain.checkins.reminders import cancel_checkin_reminder
from bot.domain.records import audit
from bot.domain.safety.screen import is_crisis

MILESTONES: tuple[int, ...] = (7, 30, 60, 90, 180, 365)
SOBER, STREAK = "sober", "streak"
_STREAK_LOOKBACK = 400  # days read to count a streak; longer than the largest milestone


def local_date(zone: str, at: dt.datetime | None = None) -> dt.date:
    """The calendar day at `at` (default now) in the IANA zone; UTC if the zone is unknown."""
    try:
        tz: dt.tzinfo = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        tz = dt.UTC
    return (at or now()).astimezone(tz).date()


async def today_for(session: AsyncSession, person_id: int) -> dt.date:
    """Today in the client's own time zone."""
    zone = await session.scalar(select(Person.timezone).where(Person.id == person_id))
    return local_date(zone or "UTC")


@dataclass(frozen=True)
class Saved:
    local_date: dt.date
    edited: bool  # the day already had a check-in, now replaced by these answers
    note_flagged: bool  # the note holds crisis language; the safety rules read this flag


async def entry(session: AsyncSession, person_id: int, day: dt.date) -> Answers | None:
    """That day's saved answers, if any."""
    row = await _row(session, person_id, day)
    if row is None:
        return None
    return Answers(row.craving, row.mood, Use(row.used), row.sleep, row.note, row.safety_yes)


async def _row(session: AsyncSession, person_id: int, day: dt.date) -> Checkin | None:
    stmt = select(Checkin).where(Checkin.person_id == person_id, Checkin.local_date == day)
    return (await session.execute(stmt)).scalar_one_or_none()


async def save(session: AsyncSession, person_id: int, day: dt.date, answers: Answers) -> Saved:
    """Store the day's check-in, replacing an earlier one that day, and cancel that day's reminder."""
    flagged = answers.note is not None and is_crisis(answers.note)
    row = await _row(session, person_id, day)
    edited = row is not None
    if row is None:
        row = Checkin(person_id=person_id, local_date=day, created_at=now())
        session.add(row)
    else:
        row.edited_at = now()
    row.craving, row.mood, row.used, row.sleep = answers.craving, answers.mood, answers.used.value, answers.sleep
    row.note, row.note_flagged, row.safety_yes = answers.note, flagged, answers.safety_yes
    await session.flush()
    await cancel_checkin_reminder(session, person_id, day)
    # The audit says a check-in happened, never what it said.
    audit.record(
        session,
        "checkin.edited" if edited else "checkin.saved",
        actor_person_id=person_id,
        client_person_id=person_id,
        day=day.isoformat(),
    )
    return Saved(day, edited, flagged)


async def checkin_days(session: AsyncSession, person_id: int, until: dt.date, days: int) -> list[dt.date]:
    """Days with a check-in in the `days` days up to `until`, newest first."""
    stmt = (
        select(Checkin.local_date)
        .where(
            Checkin.person_id == person_id,
            Checkin.local_date <= until,
            Checkin.local_date > until - dt.timedelta(days=days),
        )
        .order_by(Checkin.local_date.desc())
    )
    return list((await session.execute(stmt)).scalars())


def count_streak(days_newest_first: Sequence[dt.date], today: dt.date) -> int:
    """Consecutive days with a check-in, ending today or yesterday (today's may still come)."""
    if not days_newest_first or days_newest_first[0] < today - dt.timedelta(days=1):
        return 0
    streak, expected = 0, days_newest_first[0]
    for day in days_newest_first:
        if day != expected:
            break
        streak += 1
        expected = day - dt.timedelta(days=1)
    return streak


async def streak(session: AsyncSession, person_id: int, today: dt.date) -> int:
    return count_streak(await checkin_days(session, person_id, today, _STREAK_LOOKBACK), today)


async def sober_since(session: AsyncSession, person_id: int, today: dt.date) -> dt.date | None:
    """Start of the current run without reported use: the last day use was reported, else the
    start date the client set. None when neither is known ("prefer not to say" is not use)."""
    last_use = await session.scalar(
        select(func.max(Checkin.local_date)).where(
            Checkin.person_id == person_id, Checkin.used == Use.YES.value, Checkin.local_date <= today
        )
    )
    if isinstance(last_use, str):  # func.max bypasses the column type on SQLite
        last_use = dt.date.fromisoformat(last_use)
    start = await session.scalar(select(ClientProfile.sobriety_date).where(ClientProfile.person_id == person_id))
    candidates = [d for d in (last_use, start) if d is not None and d <= today]
    return max(candidates) if candidates else None


@dataclass(frozen=True)
class MilestoneHit:
    kind: str  # SOBER or STREAK
    days: int


@dataclass(frozen=True)
class Progress:
    today: dt.date
    streak: int
    days_since_use: int | None
    new_milestones: tuple[MilestoneHit, ...]  # reached and shown for the first time now (largest per kind)
    reached: tuple[MilestoneHit, ...]  # every milestone of the current runs, for /progress


async def progress(session: AsyncSession, person_id: int, today: dt.date) -> Progress:
    """Streak, days since use and milestones; records milestones reached for the first time."""
    days = await checkin_days(session, person_id, today, _STREAK_LOOKBACK)
    run = count_streak(days, today)
    since = await sober_since(session, person_id, today)
    days_since_use = None if since is None else (today - since).days
    runs: list[tuple[str, int, dt.date]] = []
    if run:
        runs.append((STREAK, run, days[0] - dt.timedelta(days=run - 1)))
    if since is not None and days_since_use is not None:
        runs.append((SOBER, days_since_use, since))
    new: list[MilestoneHit] = []
    reached: list[MilestoneHit] = []
    # No celebration within a day of reported use or intoxication: the milestone waits (reported_use.quiet).
    celebrate = not await reported_use.quiet(session, person_id, now())
    for kind, length, start in runs:
        hits = [m for m in MILESTONES if length >= m]
        reached += [MilestoneHit(kind, m) for m in hits]
        done = set(
            (
                await session.execute(
                    select(Milestone.days).where(
                        Milestone.person_id == person_id, Milestone.kind == kind, Milestone.since == start
                    )
                )
            ).scalars()
        )
        fresh = [m for m in hits if m not in done] if celebrate else []
        for m in fresh:
            session.add(Milestone(person_id=person_id, kind=kind, days=m, since=start, celebrated_at=now()))
        if fresh:  # several at once (a start date long ago): celebrate the largest, record all
            new.append(MilestoneHit(kind, max(fresh)))
    await session.flush()
    return Progress(today, run, days_since_use, tuple(new), tuple(reached))


@dataclass(frozen=True)
class DayPoint:
    """One calendar day of history; all None on a day without a check-in."""

    day: dt.date
    craving: int | None = None
    mood: int | None = None
    used: str | None = None
    sleep: int | None = None


async def history(session: AsyncSession, person_id: int, today: dt.date, days: int) -> list[DayPoint]:
    """The last `days` days up to today, oldest first, one point per day."""
    first = today - dt.timedelta(days=days - 1)
    stmt = select(Checkin).where(
        Checkin.person_id == person_id, Checkin.local_date >= first, Checkin.local_date <= today
    )
    rows = {r.local_date: r for r in (await session.execute(stmt)).scalars()}
    points = []
    for i in range(days):
        day = first + dt.timedelta(days=i)
        r = rows.get(day)
        points.append(DayPoint(day) if r is None else DayPoint(day, r.craving, r.mood, r.used, r.sleep))
    return points


@dataclass(frozen=True)
class Summary:
    days: int
    checked_in: int
    avg_craving: float | None
    avg_mood: float | None
    high_craving_days: int
    use_days: int


def summarize(points: Sequence[DayPoint]) -> Summary:
    """Counts and averages over a stretch of history."""
    done = [p for p in points if p.craving is not None]
    cravings = [p.craving for p in done if p.craving is not None]
    moods = [p.mood for p in done if p.mood is not None]
    return Summary(
        days=len(points),
        checked_in=len(done),
        avg_craving=sum(cravings) / len(cravings) if cravings else None,
        avg_mood=sum(moods) / len(moods) if moods else None,
        high_craving_days=sum(1 for c in cravings if c >= HIGH_CRAVING),
        use_days=sum(1 for p in done if p.used == Use.YES.value),
    )
