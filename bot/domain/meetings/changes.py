"""Changing the calendar: add a series, cancel or move one date, cancel a series; tell whoever it affects once.

Every change compares the occurrences of the coming weeks before and after it: an occurrence
gone is a cancellation, one at a new time a move. Pending reminders of what changed, and every
pending reminder of a series whose public wording changed (the wording is in their text), are
withdrawn at once (the planner writes the new ones), and each affected client gets one notice
(outbox dedupe key per occurrence, change and client). Editing a series: bot.domain.meetings.edits.
"""

from __future__ import annotations

import datetime as dt
import html
import uuid
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import texts
from bot.core.errors import ValidationFailed
from bot.db.meeting_models import Closure, MeetingOverride, MeetingSeries
from bot.domain.meetings import recurrence, schedule
from bot.domain.meetings import reminders as meeting_reminders
from bot.domain.meetings.reminders import occurrence_when
from bot.domain.meetings.schedule import Audiences, Calendar, Occurrence, Series
from bot.domain.people import directory
from bot.domain.records import audit
from bot.domain.records.outbox import enqueue
from bot.texts import catalogue

NOTICE_WINDOW = dt.timedelta(days=14)  # changes further ahead than this are not announced one by one


@dataclass
class ChangeReport:
    cancelled: int = 0  # occurrences no longer taking place
    moved: int = 0
    notices: int = 0  # clients told
    reminders_cancelled: int = 0


def new_uid() -> str:
    return f"{uuid.uuid4()}@iop-companion"


def to_row(series: Series, row: MeetingSeries | None = None) -> MeetingSeries:
    row = row or MeetingSeries()
    row.uid = series.uid or new_uid()
    row.title, row.public_title, row.kind = series.title, series.public_title, series.kind
    row.rrule, row.starts_local, row.timezone = series.rrule, series.starts_local, series.timezone
    row.rdates = recurrence.format_rdates(series.rdates)
    row.all_day, row.duration_minutes = series.all_day, int(series.duration.total_seconds() // 60)
    row.place, row.link = series.place, series.link
    row.audience, row.cohort = series.audience, series.cohort
    row.client_id, row.therapist_id, row.active = series.client_id, series.therapist_id, series.active
    return row


async def create_series(session: AsyncSession, series: Series, actor_id: int | None, now: dt.datetime) -> int:
    """Store a new series; returns its id."""
    series = schedule.check_series(replace(series, public_title=series.public_title or public_default(series.kind)))
    row = to_row(series)
    row.created_by, row.created_at, row.updated_at = actor_id, now, now
    session.add(row)
    await session.flush()
    await skip_closed_days(session, replace(series, id=row.id), now)
    audit.record(session, "meeting.create", actor_person_id=actor_id, meeting=row.id, kind=series.kind)
    return row.id


async def skip_closed_days(session: AsyncSession, series: Series, now: dt.datetime) -> None:
    """A series added after a closure does not meet that day either (nobody knew of it yet: nobody is told)."""
    since = now.date() - dt.timedelta(days=1)
    days = (await session.execute(select(Closure.day).where(Closure.day >= since))).scalars().all()
    stmt = select(MeetingOverride.original_start).where(MeetingOverride.meeting_id == series.id)
    changed = set((await session.execute(stmt)).scalars())  # a date the file moved or cancelled keeps its own
    zone = series.zone
    for day in days:
        lo = schedule.wall_to_utc(dt.datetime.combine(day, dt.time()), zone)
        hi = schedule.wall_to_utc(dt.datetime.combine(day + dt.timedelta(days=1), dt.time()), zone)
        for occ in schedule.expand(series, [], lo - dt.timedelta(days=1), hi + dt.timedelta(days=1)):
            on_day = (occ.day if series.all_day else occ.start.astimezone(zone).date()) == day
            if on_day and occ.original_start not in changed:
                session.add(MeetingOverride(meeting_id=series.id, original_start=occ.original_start, cancelled=True))


async def known_cohorts(session: AsyncSession) -> list[str]:
    """Every cohort a meeting can be for: clients' and invited clients', and those meetings are already for."""
    stmt = select(MeetingSeries.cohort).where(MeetingSeries.cohort != "").distinct()
    return sorted(set(await directory.cohorts(session)) | set((await session.execute(stmt)).scalars()))


def public_default(kind: str) -> str:
    return schedule.PUBLIC_DEFAULT.get(kind, "Meeting")


async def cancel_occurrence(
    session: AsyncSession, series_id: int, original: dt.datetime, actor_id: int | None, now: dt.datetime
) -> ChangeReport:
    """Cancel one date of a series (EXDATE)."""
    before = await schedule.load(session, ids=[series_id])
    series = before.get(series_id)
    if series is None or not schedule.is_occurrence(series, original):
        raise ValidationFailed("that date is not part of this meeting")
    row = await override_row(session, series_id, original)
    already = row.cancelled
    row.cancelled, row.new_start = True, None
    audit.record(session, "meeting.cancel_date", actor_person_id=actor_id, meeting=series_id, at=original.isoformat())
    report = await apply_change(session, before, now)
    if not already:  # beyond the notice window too (its clients see it in /schedule when it comes near)
        report.cancelled = max(report.cancelled, 1)
    return report


async def move_occurrence(
    session: AsyncSession,
    series_id: int,
    original: dt.datetime,
    new_start: dt.datetime,
    actor_id: int | None,
    now: dt.datetime,
) -> ChangeReport:
    """Move one date of a series to another time (RECURRENCE-ID with a new DTSTART)."""
    before = await schedule.load(session, ids=[series_id])
    series = before.get(series_id)
    if series is None or not schedule.is_occurrence(series, original):
        raise ValidationFailed("that date is not part of this meeting")
    if new_start <= now:
        raise ValidationFailed("the new time has already passed")
    row = await override_row(session, series_id, original)
    row.cancelled, row.new_start = False, new_start
    audit.record(session, "meeting.move_date", actor_person_id=actor_id, meeting=series_id, at=original.isoformat())
    report = await apply_change(session, before, now)
    report.moved = max(report.moved, 1)
    return report


async def restore_occurrence(
    session: AsyncSession, series_id: int, original: dt.datetime, actor_id: int | None, now: dt.datetime
) -> ChangeReport:
    """Bring back one cancelled date of a series; its clients are told once that it is on again."""
    before = await schedule.load(session, ids=[series_id])
    series = before.get(series_id)
    row = (
        await session.execute(
            select(MeetingOverride).where(
                MeetingOverride.meeting_id == series_id, MeetingOverride.original_start == original
            )
        )
    ).scalar_one_or_none()
    if series is None or row is None or not row.cancelled or not schedule.is_occurrence(series, original):
        raise ValidationFailed("that date is not cancelled")
    if original + series.duration <= now:
        raise ValidationFailed("that date has passed")
    await session.delete(row)
    audit.record(session, "meeting.restore_date", actor_person_id=actor_id, meeting=series_id, at=original.isoformat())
    report = await apply_change(session, before, now)
    back = (await schedule.load(session, ids=[series_id])).occurrences(original, original + dt.timedelta(seconds=1))
    audiences = Audiences(await schedule.reachable_clients(session))
    for occ in back[:1]:
        for m in audiences.of(series):
            with catalogue.speaking(m.language):
                text = texts.MEETING_RESTORED_NOTICE.format(
                    title=html.escape(series.public_title), when=occurrence_when(occ, ZoneInfo(m.timezone), now)
                )
            report.notices += await notice(
                session, m, text, f"mtgback:{series_id}:{original}:{int(now.timestamp())}:{m.person_id}"
            )
    return report


async def cancel_series(session: AsyncSession, series_id: int, actor_id: int | None, now: dt.datetime) -> ChangeReport:
    """End a series: no further occurrences, reminders cancelled, its clients told once."""
    before = await schedule.load(session, ids=[series_id])
    row = await session.get(MeetingSeries, series_id)
    if row is None or not row.active:
        raise ValidationFailed("that meeting is not on the calendar")
    row.active, row.updated_at = False, now
    audit.record(session, "meeting.cancel_series", actor_person_id=actor_id, meeting=series_id)
    return await apply_change(session, before, now, series_ended=True)


async def override_row(session: AsyncSession, series_id: int, original: dt.datetime) -> MeetingOverride:
    row = (
        await session.execute(
            select(MeetingOverride).where(
                MeetingOverride.meeting_id == series_id, MeetingOverride.original_start == original
            )
        )
    ).scalar_one_or_none()
    if row is None:
        row = MeetingOverride(meeting_id=series_id, original_start=original, cancelled=False)
        session.add(row)
    return row


async def apply_change(
    session: AsyncSession, before: Calendar, now: dt.datetime, *, series_ended: bool = False
) -> ChangeReport:
    """Compare the series in `before` with how they stand now; withdraw stale reminders and tell clients once."""
    await session.flush()
    after = await schedule.load(session, include_inactive=True, ids=[s.id for s in before.series])
    end = now + NOTICE_WINDOW
    # upcoming: an all-day event on its day is still ahead (its morning reminder is due after its midnight start).
    old = {o.key: o for o in before.upcoming(now, end)}
    new = {o.key: o for o in after.upcoming(now, end)}
    report = ChangeReport()
    audiences = Audiences(await schedule.reachable_clients(session))
    report.reminders_cancelled = await withdraw_stale(session, before, after, now)
    if series_ended:
        told: set[tuple[int, int]] = set()
        for occ in old.values():
            for m in audiences.of(occ.series):
                if (occ.series.id, m.person_id) not in told:
                    told.add((occ.series.id, m.person_id))
                    with catalogue.speaking(m.language):
                        text = texts.MEETING_SERIES_ENDED_NOTICE.format(title=html.escape(occ.series.public_title))
                    report.notices += await notice(session, m, text, f"mtgend:{occ.series.id}:{m.person_id}")
        report.cancelled = len(old)
        return report
    for key, occ in old.items():
        now_occ = new.get(key)
        if now_occ is None:
            report.cancelled += 1
            report.notices += await _tell(session, audiences, occ, None, now)
        elif now_occ.start != occ.start:
            report.moved += 1
            report.notices += await _tell(session, audiences, occ, now_occ, now)
    # A date moved in from further ahead than the window: its clients hear of the new time too.
    for key, occ in new.items():
        if key not in old and occ.moved:
            report.moved += 1
            report.notices += await _tell(session, audiences, occ, occ, now)
    ahead = {occ.series.id for occ in new.values()}
    for series in before.series:
        changed = after.get(series.id)
        if changed is not None and changed.id in ahead:
            report.notices += await _tell_renamed_or_moved(session, audiences, series, changed, now)
    return report


async def _tell_renamed_or_moved(
    session: AsyncSession, audiences: Audiences, old: Series, new: Series, now: dt.datetime
) -> int:
    """What a client sees of a series besides its dates (its wording, its place) changed: one notice each.

    /meetings edits tell clients themselves (bot.domain.meetings.edits); this covers an .ics re-import.
    """
    title, new_title = html.escape(old.public_title), html.escape(new.public_title)
    renamed, moved = new_title != title, new.where != old.where
    if not (renamed or moved):
        return 0

    def text() -> str:
        if renamed and moved:
            return texts.MEETING_RENAMED_AND_PLACE_NOTICE.format(old=title, new=new_title)
        if renamed:
            return texts.MEETING_RENAMED_NOTICE.format(old=title, new=new_title)
        return texts.MEETING_PLACE_NOTICE.format(title=title)

    key = f"mtgseen:{old.id}:{int(now.timestamp())}"
    sent = 0
    for m in audiences.of(new):
        with catalogue.speaking(m.language):
            words = text()
        sent += await notice(session, m, words, f"{key}:{m.person_id}")
    return sent


async def withdraw_stale(session: AsyncSession, before: Calendar, after: Calendar, now: dt.datetime) -> int:
    """Withdraw the pending reminders of `before`'s series that `after` no longer bears out.

    One goes when its occurrence no longer stands at its start in the coming weeks, and every
    one of a series whose public wording changed goes too: its text carries the old wording.
    """
    standing = {
        (o.series.id, int(o.original_start.timestamp()), int(o.start.timestamp()))
        for o in after.upcoming(now, now + NOTICE_WINDOW)
    }
    stale = []
    for old in before.series:
        new = after.get(old.id)
        reworded = new is None or new.public_title != old.public_title
        for row_id, rk in await meeting_reminders.pending_rows(session, meeting_reminders.occurrence_prefix(old.id)):
            if reworded or (rk.series_id, rk.original, rk.start) not in standing:
                stale.append(row_id)
    return await meeting_reminders.withdraw(session, stale)


async def _tell(
    session: AsyncSession, audiences: Audiences, old: Occurrence, new: Occurrence | None, now: dt.datetime
) -> int:
    sent = 0
    series_id, original = old.key
    title = html.escape(old.series.public_title)
    for m in audiences.of(old.series):
        tz = ZoneInfo(m.timezone)
        with catalogue.speaking(m.language):  # in each client's language and zone
            if new is None:
                text = texts.MEETING_CANCELLED_NOTICE.format(title=title, when=occurrence_when(old, tz, now))
                key = f"mtgchg:{series_id}:{original}:x{int(now.timestamp())}:{m.person_id}"  # again after a restore
            else:
                text = moved_text(title, occurrence_when(old, tz, now), occurrence_when(new, tz, now, on=False))
                key = f"mtgchg:{series_id}:{original}:{int(new.start.timestamp())}:{m.person_id}"
        sent += await notice(session, m, text, key)
    return sent


def moved_text(title: str, old: str, new: str) -> str:
    """'… on Tue 3 Mar at 10:00 has moved to Wed 4 Mar at 11:30' (title already escaped; `new` read without "on")."""
    return texts.MEETING_MOVED_NOTICE.format(title=title, old=old, new=new)


async def notice(session: AsyncSession, m: schedule.Member, text: str, key: str) -> int:
    """Queue one schedule-change notice to a client; 1 if queued, 0 if its key was already used.

    Make `text` inside `catalogue.speaking(m.language)`: staff change the calendar, a client reads it."""
    added = await enqueue(
        session,
        chat_id=m.chat_id,
        person_id=m.person_id,
        kind=meeting_reminders.NOTICE_KIND,
        text=text,
        dedupe_key=key,
    )
    return 1 if added else 0
