"""Editing a series from /meetings: staff title, public wording, time of day, length, place or link, therapist,
days of the week (bot.domain.meetings.reshape), end date or number of sessions, audience (audience).

Title, wording, length, place and therapist change the series in place. A new time of day
applies from the next date on (bot.domain.meetings.retime says why a recurring series is split
for it); the moved and cancelled dates ahead, and the RSVPs already given for them, go along.
Reminders that no longer match are withdrawn so the planner writes them anew. Clients hear
once of what they can see (wording, time, place), each in their own time zone; the staff
title, the length and the therapist are not in anything a client is sent, so nobody is told.
"""

from __future__ import annotations

import datetime as dt
import enum
import html
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import texts
from bot.core.errors import ValidationFailed
from bot.db.meeting_models import Attendance, MeetingOverride, MeetingSeries
from bot.db.models import Role
from bot.domain.meetings import audience, changes, forms, reshape, schedule
from bot.domain.meetings import retime as meeting_retime
from bot.domain.meetings.changes import ChangeReport
from bot.domain.meetings.reminders import when_text
from bot.domain.meetings.retime import Retime
from bot.domain.meetings.schedule import Audiences, Series
from bot.domain.people import directory
from bot.domain.records import audit
from bot.texts import catalogue


class Field(enum.StrEnum):
    TITLE = "title"
    PUBLIC = "public"
    TIME = "time"
    MINUTES = "minutes"
    PLACE = "place"
    THERAPIST = "therapist"
    DAYS = "days"
    END = "end"
    AUDIENCE = "audience"


QUIET = frozenset({Field.TITLE, Field.MINUTES, Field.THERAPIST})  # never shown to clients: nobody is told


@dataclass(frozen=True)
class Change:
    field: Field
    text: str = ""  # as staff typed it, read as the add flow reads it (bot.domain.meetings.forms); "" = no place
    therapist_id: int = 0
    order: str = "mdy"  # how a typed end date reads (DATE_ORDER)


@dataclass
class EditReport(ChangeReport):
    unchanged: bool = False  # the series already was so: nothing written
    series_id: int = 0  # the series that holds the coming dates now (a new one when a time change split it)
    retime: Retime | None = None


async def edit_series(
    session: AsyncSession, series_id: int, change: Change, actor_id: int | None, now: dt.datetime
) -> EditReport:
    """Change one thing about an active series; withdraw reminders that no longer match and tell clients once."""
    before = await schedule.load(session, ids=[series_id])
    series = before.get(series_id)
    row = await session.get(MeetingSeries, series_id)
    if series is None or row is None:
        raise ValidationFailed("that meeting is not on the calendar")
    report = EditReport(series_id=series_id)
    if change.field is Field.TIME:
        report.retime = plan = _plan(series, change, now)
        if plan is None:
            report.unchanged = True
            return report
        report.series_id = await _carry(session, row, plan, actor_id, now)
    elif change.field is Field.DAYS:
        report.retime = plan = reshape.new_days(series, change.text, now)
        if plan is None:
            report.unchanged = True
            return report
        report.series_id = await _carry(session, row, plan, actor_id, now)
    elif change.field is Field.AUDIENCE:
        if not await audience.set_audience(session, row, change.text):
            report.unchanged = True
            return report
    elif not await _set(session, row, series, change, now):
        report.unchanged = True
        return report
    row.updated_at = now
    await session.flush()
    after = await schedule.load(session, include_inactive=True, ids=[series_id])
    new = after.get(series_id)
    if change.field is Field.END:  # dates gone (or back) within the notice window: each told as a cancellation
        told = await changes.apply_change(session, before, now)
        report.reminders_cancelled, report.notices, report.cancelled = (
            told.reminders_cancelled,
            told.notices,
            told.cancelled,
        )
    elif change.field is Field.AUDIENCE and new is not None:
        report.reminders_cancelled = await changes.withdraw_stale(session, before, after, now)
        report.notices = await audience.tell(session, before.series[0], new, now)
    else:
        report.reminders_cancelled = await changes.withdraw_stale(session, before, after, now)
        if change.field not in QUIET and new is not None:
            report.notices = await _tell(session, before, new, change, report.retime, now)
    split = {"new_meeting": report.series_id} if report.series_id != series_id else {}
    audit.record(session, "meeting.edit", actor_person_id=actor_id, meeting=series_id, field=change.field, **split)
    return report


async def _set(session: AsyncSession, row: MeetingSeries, series: Series, change: Change, now: dt.datetime) -> bool:
    """Write a change made in place; False when the series already was so."""
    old: object
    new: object
    if change.field is Field.TITLE:
        old, new = row.title, forms.title(change.text)
        row.title = new
    elif change.field is Field.PUBLIC:
        old, new = row.public_title, forms.title(change.text)
        row.public_title = new
    elif change.field is Field.MINUTES:
        if series.all_day:
            raise ValidationFailed("an all-day entry has no length in minutes")
        old, new = row.duration_minutes, forms.minutes(change.text)
        row.duration_minutes = new
    elif change.field is Field.PLACE:
        old, new = (row.place, row.link), forms.place(change.text)
        row.place, row.link = new
    elif change.field is Field.THERAPIST:
        if series.kind != "individual":
            raise ValidationFailed("only an individual appointment has a therapist")
        therapist = await directory.by_id(session, change.therapist_id)
        if therapist is None or therapist.role is not Role.THERAPIST or not therapist.active:
            raise ValidationFailed("that is not an active therapist")
        old, new = row.therapist_id, therapist.id
        row.therapist_id = therapist.id
    elif change.field is Field.END:
        today = now.astimezone(series.zone).date()
        old, new = row.rrule, reshape.new_end(series, change.text, today, change.order)
        schedule.check_series(replace(series, rrule=new))
        row.rrule = new
    else:
        raise ValidationFailed(f"{change.field} is not changed here")
    return old != new


def _plan(series: Series, change: Change, now: dt.datetime) -> Retime | None:
    """Plan the new time of day; None when it is the time (and day) the series already has."""
    clock, day = forms.parse_start(change.text)
    if clock == series.starts_local.time() and day in (None, series.starts_local.date()):
        return None
    return meeting_retime.retime(series, clock, now, day)


async def _carry(
    session: AsyncSession, row: MeetingSeries, plan: Retime, actor_id: int | None, now: dt.datetime
) -> int:
    """Write the new time; the overrides and RSVPs of the dates ahead follow them. Returns the series holding them."""
    old_id = row.id
    if plan.kept is None:
        changes.to_row(plan.ahead, row)
        target = old_id
    else:
        changes.to_row(plan.kept, row)
        fresh = changes.to_row(plan.ahead)
        fresh.created_by, fresh.created_at, fresh.updated_at = actor_id, now, now
        session.add(fresh)
        await session.flush()
        target = fresh.id
    overrides = await session.execute(
        select(MeetingOverride).where(
            MeetingOverride.meeting_id == old_id, MeetingOverride.original_start >= plan.boundary
        )
    )
    for o in overrides.scalars():
        o.meeting_id, o.original_start = target, plan.remap(o.original_start)
        # A single meeting's new time replaces an earlier move; a move to where the new time falls is no move.
        if not plan.ahead.rrule or o.new_start == o.original_start:
            o.new_start = None
        if not o.cancelled and o.new_start is None and o.new_duration_minutes is None and o.new_place is None:
            await session.delete(o)
    answers = await session.execute(
        select(Attendance).where(Attendance.meeting_id == old_id, Attendance.occurrence_start >= plan.boundary)
    )
    for a in answers.scalars():
        a.meeting_id, a.occurrence_start = target, plan.remap(a.occurrence_start)
    return target


async def _tell(
    session: AsyncSession,
    before: schedule.Calendar,
    new: Series,
    change: Change,
    plan: Retime | None,
    now: dt.datetime,
) -> int:
    """One notice per client in the series' audience for this change, in their own time zone."""
    old = before.series[0]
    title = html.escape(old.public_title)
    moved_from = None
    if plan is not None and not plan.ahead.rrule:
        ahead = before.occurrences(now, plan.boundary + dt.timedelta(days=366))
        moved_from = ahead[0].start if ahead else None
        if moved_from is None:
            return 0  # a single meeting that was cancelled stays cancelled: nothing to tell
    sent = 0
    key = f"mtgedit:{old.id}:{change.field}:{int(now.timestamp())}"
    for m in Audiences(await schedule.reachable_clients(session)).of(old):
        zone = ZoneInfo(m.timezone)
        with catalogue.speaking(m.language):  # each client's language and zone
            if change.field is Field.PUBLIC:
                text = texts.MEETING_RENAMED_NOTICE.format(old=title, new=html.escape(new.public_title))
            elif change.field is Field.PLACE:
                text = texts.MEETING_PLACE_NOTICE.format(title=title)
            elif plan is not None and moved_from is not None:
                text = changes.moved_text(
                    title, when_text(moved_from, zone, now), when_text(plan.first, zone, now, on=False)
                )
            elif plan is not None:
                text = meeting_retime.notice_text(plan, zone, now)
            else:
                continue
        sent += await changes.notice(session, m, text, f"{key}:{m.person_id}")
    return sent
