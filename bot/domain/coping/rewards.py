"""Rewards for showing up: a milestone for sessions attended, celebrated once, never just after use.

Check-in streaks have their milestones in the diary (bot/domain/checkins/diary.py); this adds
sessions attended as staff marked them in /attendance, kept in the same `milestone` table (kind
`sessions`, `since` the first session attended), so /export lists them and /delete erases them.
No milestone is celebrated within 24 hours of reported use or intoxication (the check-in's rule,
`reported_use.quiet`): it waits, and is celebrated the next time attendance is taken.
The message goes through the outbox and reads neutrally on a lock screen.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import texts
from bot.db.meeting_models import Attendance
from bot.db.models import Milestone, OutboxKind, Person
from bot.domain.checkins import reported_use
from bot.domain.records import audit
from bot.domain.records.outbox import enqueue
from bot.texts import catalogue

SESSIONS = "sessions"
SESSION_MILESTONES: tuple[int, ...] = (5, 10, 20, 30, 50, 75, 100)


def due(attended: int, celebrated: set[int]) -> list[int]:
    """The session milestones reached and not yet celebrated, smallest first."""
    return [m for m in SESSION_MILESTONES if attended >= m and m not in celebrated]


async def sessions_attended(session: AsyncSession, person_id: int, at: dt.datetime) -> int | None:
    """Record any session milestone reached and queue one message for the largest; returns it, if any."""
    count, first = (
        await session.execute(
            select(func.count(), func.min(Attendance.occurrence_start)).where(
                Attendance.person_id == person_id, Attendance.attended.is_(True)
            )
        )
    ).one()
    if not count or first is None:
        return None
    celebrated = set(
        (
            await session.scalars(
                select(Milestone.days).where(Milestone.person_id == person_id, Milestone.kind == SESSIONS)
            )
        ).all()
    )
    fresh = due(int(count), celebrated)
    if not fresh or await reported_use.quiet(session, person_id, at):
        return None
    person = await session.get(Person, person_id)
    if person is None or not person.active:
        return None
    since = first.date() if isinstance(first, dt.datetime) else dt.date.fromisoformat(str(first)[:10])
    for m in fresh:  # several at once: record all, celebrate the largest
        session.add(Milestone(person_id=person_id, kind=SESSIONS, days=m, since=since, celebrated_at=at))
    top = max(fresh)
    with catalogue.speaking(person.language):  # staff taking attendance write it: the client's language
        text = texts.SESSIONS_MILESTONE.format(n=top)
    await enqueue(
        session,
        chat_id=person.telegram_id,
        person_id=person_id,
        kind=OutboxKind.MILESTONE,
        text=text,
        dedupe_key=f"milestone:{person_id}:{SESSIONS}:{top}",
    )
    audit.record(session, "milestone.sessions", client_person_id=person_id, sessions=top)
    return top
