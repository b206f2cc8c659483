"""Meeting reminders: lead times per client and meeting kind, dedupe keys, and the neutral texts.

Each reminder is an outbox row keyed by series, occurrence, start, client and lead time, so
planning twice adds nothing, and a moved occurrence (a new start) gets new reminders while the
old ones are withdrawn. Writing the rows is the planner's job (bot.delivery.meeting_planner).

An all-day event has no start time to count back from, so its reminders come at set hours of
the client's own day (`due_at`): a lead of 12 hours or more at 18:00 the evening before (two
evenings before for 48 h, and so on), a shorter lead at 08:00 on the day.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot import texts
from bot.db.meeting_models import MeetingPref
from bot.db.models import OutboxKind, OutboxMessage, OutboxStatus
from bot.db.session import affected
from bot.domain.checkins.reminders import reminder_instant
from bot.domain.meetings.buttons import MeetingRsvp
from bot.domain.meetings.schedule import KINDS, Occurrence
from bot.texts import dates

KIND = OutboxKind.MEETING_REMINDER
NOTICE_KIND = OutboxKind.MEETING_CHANGE
KEY_PREFIX = "mtg:"
_CHUNK = 900

# The two reminders a client can set per kind of meeting, and the choices each cycles through (0 = off).
DAY_BEFORE_CHOICES = (1440, 2880, 720, 0)
SHORT_CHOICES = (60, 120, 30, 15, 0)
DAY_BEFORE_MIN = 12 * 60  # leads from here up are "the day before"; shorter ones "shortly before"

ALL_DAY_EVENING = dt.time(18)  # an all-day event's day-before reminder, in the client's zone
ALL_DAY_MORNING = dt.time(8)  # its shortly-before reminder, on the day

SETTINGS_CHANGED = "meeting reminder settings changed"
TOO_LATE = "meeting already started"


def reminder_key(series_id: int, original: dt.datetime, start: dt.datetime, person_id: int, lead: int) -> str:
    """One reminder per occurrence (as it is now), client and lead time."""
    return f"{KEY_PREFIX}{series_id}:{int(original.timestamp())}:{int(start.timestamp())}:{person_id}:{lead}"


def occurrence_prefix(series_id: int, original: dt.datetime | None = None) -> str:
    """The key prefix of every reminder of a series, or of one of its occurrences."""
    tail = f"{int(original.timestamp())}:" if original is not None else ""
    return f"{KEY_PREFIX}{series_id}:{tail}"


@dataclass(frozen=True)
class ReminderKey:
    series_id: int
    original: int  # Unix seconds
    start: int
    person_id: int
    lead: int


def parse_key(key: str | None) -> ReminderKey | None:
    if not key or not key.startswith(KEY_PREFIX):
        return None
    parts = key.removeprefix(KEY_PREFIX).split(":")
    if len(parts) != 5 or not all(p.isdigit() for p in parts):
        return None
    return ReminderKey(*(int(p) for p in parts))


# --- lead times -----------------------------------------------------------------------------


def parse_leads(text: str) -> tuple[int, ...]:
    """Minutes from "1440,60"; "" or "off" means none."""
    found = []
    for part in text.replace(" ", "").split(","):
        if part and part != "off":
            minutes = int(part)
            if not 0 < minutes <= 7 * 1440:
                raise ValueError(f"a lead time must be 1 to 10080 minutes, not {minutes}")
            found.append(minutes)
    return tuple(sorted(set(found), reverse=True))


def slots(leads: Sequence[int]) -> tuple[int, int]:
    """(day-before lead, shortly-before lead) as the settings menu shows them; 0 = off."""
    day = next((m for m in leads if m >= DAY_BEFORE_MIN), 0)
    short = next((m for m in leads if m < DAY_BEFORE_MIN), 0)
    return day, short


def cycled(leads: Sequence[int], slot: int) -> tuple[int, ...]:
    """The leads with one slot (0 day before, 1 shortly before) moved to its next choice."""
    day, short = slots(leads)
    if slot == 0:
        day = _next(DAY_BEFORE_CHOICES, day)
    else:
        short = _next(SHORT_CHOICES, short)
    return tuple(m for m in (day, short) if m)


def _next(choices: tuple[int, ...], current: int) -> int:
    return choices[(choices.index(current) + 1) % len(choices)] if current in choices else choices[0]


def lead_label(minutes: int) -> str:
    if minutes == 0:
        return "off"
    if minutes % 60 == 0:
        return f"{minutes // 60} h"
    return f"{minutes} min"


async def all_prefs(
    session: AsyncSession, person_ids: Sequence[int] | None = None
) -> dict[tuple[int, str], tuple[int, ...]]:
    """Stored choices, (person, kind) -> leads; absent pairs take the clinic's default."""
    stmt = select(MeetingPref.person_id, MeetingPref.kind, MeetingPref.leads)
    if person_ids is not None:
        stmt = stmt.where(MeetingPref.person_id.in_(list(person_ids)))
    rows = (await (await session.connection()).execute(stmt)).tuples()
    return {(pid, kind): parse_leads(leads) for pid, kind, leads in rows}


async def leads_for(session: AsyncSession, person_id: int, default: tuple[int, ...]) -> dict[str, tuple[int, ...]]:
    """One client's leads for every kind of meeting."""
    stored = await all_prefs(session, [person_id])
    return {kind: stored.get((person_id, kind), default) for kind in KINDS}


async def set_leads(session: AsyncSession, person_id: int, kind: str, leads: Sequence[int]) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown meeting kind {kind!r}")
    await session.execute(delete(MeetingPref).where(MeetingPref.person_id == person_id, MeetingPref.kind == kind))
    session.add(
        MeetingPref(person_id=person_id, kind=kind, leads=",".join(str(m) for m in sorted(leads, reverse=True)))
    )
    await session.flush()


def due_at(occ: Occurrence, lead: int, zone: ZoneInfo) -> dt.datetime:
    """When a client in `zone` gets the reminder `lead` minutes ahead: that long before the start,
    or for an all-day event at a set hour of the client's own day (see the module's docstring)."""
    if not occ.series.all_day:
        return occ.start - dt.timedelta(minutes=lead)
    if lead >= DAY_BEFORE_MIN:
        evenings = -(-lead // 1440)  # 12 h and 24 h: the evening before; 48 h: two evenings before
        return reminder_instant(occ.day - dt.timedelta(days=evenings), ALL_DAY_EVENING, zone)
    return reminder_instant(occ.day, ALL_DAY_MORNING, zone)


# --- texts ----------------------------------------------------------------------------------


def day_text(day: dt.date, today: dt.date, *, on: bool = True) -> str:
    """'today', 'tomorrow' or 'on Mon 3 Mar' ('Mon 3 Mar' without `on`, after "moved to" or "starting")."""
    if day == today:
        return texts.MEETING_DAY_TODAY
    if day == today + dt.timedelta(days=1):
        return texts.MEETING_DAY_TOMORROW
    return (texts.MEETING_DAY_ON if on else texts.MEETING_DAY_DATE).format(date=dates.short_day(day))


def when_text(at: dt.datetime, zone: ZoneInfo, now: dt.datetime, *, on: bool = True) -> str:
    """'today at 18:00', 'tomorrow at 09:30' or 'on Mon 3 Mar at 18:00', in the reader's zone."""
    local = at.astimezone(zone)
    day = day_text(local.date(), now.astimezone(zone).date(), on=on)
    return texts.MEETING_WHEN_AT.format(day=day, clock=f"{local:%H:%M}")


def occurrence_when(occ: Occurrence, zone: ZoneInfo, now: dt.datetime, *, on: bool = True) -> str:
    """An occurrence's time for a reader in `zone`; an all-day event by its own date, 'tomorrow (all day)'."""
    if occ.series.all_day:
        return texts.MEETING_WHEN_ALL_DAY.format(day=day_text(occ.day, now.astimezone(zone).date(), on=on))
    return when_text(occ.start, zone, now, on=on)


def reminder_text(occ: Occurrence, zone: ZoneInfo, due: dt.datetime) -> str:
    """Neutral on a lock screen: the public wording and the time; then where it is, or the link to join."""
    text = texts.MEETING_REMINDER.format(
        title=html.escape(occ.series.public_title), when=occurrence_when(occ, zone, due)
    )
    if occ.place and occ.place != occ.series.link:  # a series with only a link has the link as its place
        text += texts.MEETING_REMINDER_WHERE.format(place=html.escape(occ.place))
    if occ.series.link:
        text += texts.MEETING_REMINDER_LINK.format(link=html.escape(occ.series.link))
    return text


def rsvp_buttons(occ: Occurrence) -> list[list[tuple[str, str]]]:
    series_id, at = occ.key
    return rsvp_rows(series_id, at)


def rsvp_rows(series_id: int, at: int, chosen: bool | None = None) -> list[list[tuple[str, str]]]:
    """I'll be there / Can't make it; the answer given (`chosen`: True for yes) is marked with a tick."""

    def label(text: str, yes: bool) -> str:
        return texts.MEETING_RSVP_CHOSEN.format(label=text) if chosen is yes else text

    return [
        [
            (label(texts.MEETING_RSVP_YES, True), MeetingRsvp(series=series_id, at=at, yes=True).pack()),
            (label(texts.MEETING_RSVP_NO, False), MeetingRsvp(series=series_id, at=at, yes=False).pack()),
        ]
    ]


# --- rows -----------------------------------------------------------------------------------


async def pending_rows_raw(session: AsyncSession) -> dict[str, int]:
    """Every pending meeting reminder: dedupe key -> row id (keys unparsed: the planner parses only strays)."""
    stmt = select(OutboxMessage.dedupe_key, OutboxMessage.id).where(
        OutboxMessage.status == OutboxStatus.PENDING.value, OutboxMessage.kind == KIND
    )
    return {k: i for k, i in (await (await session.connection()).execute(stmt)).tuples() if k is not None}


async def revivable_rows(session: AsyncSession, keys: Sequence[str]) -> dict[str, int]:
    """Among these keys, rows cancelled by a settings change (wanted again now): key -> row id."""
    stmt = select(OutboxMessage.dedupe_key, OutboxMessage.id).where(
        OutboxMessage.status == OutboxStatus.CANCELLED.value,
        OutboxMessage.kind == KIND,
        OutboxMessage.last_error == SETTINGS_CHANGED,
    )
    wanted = set(keys)
    return {k: i for k, i in (await (await session.connection()).execute(stmt)).tuples() if k in wanted}


async def pending_rows(session: AsyncSession, prefix: str = KEY_PREFIX) -> list[tuple[int, ReminderKey]]:
    """Pending meeting reminders (of one series or occurrence, given its key prefix)."""
    stmt = select(OutboxMessage.id, OutboxMessage.dedupe_key).where(
        OutboxMessage.status == OutboxStatus.PENDING.value,
        OutboxMessage.kind == KIND,
        OutboxMessage.dedupe_key.startswith(prefix, autoescape=True),
    )
    found = []
    for row_id, key in (await (await session.connection()).execute(stmt)).tuples():
        parsed = parse_key(key)
        if parsed is not None:
            found.append((row_id, parsed))
    return found


async def withdraw(session: AsyncSession, ids: Sequence[int]) -> int:
    """Delete pending reminders that no longer match their meeting; returns how many went.

    Deleted rather than cancelled: the planner must be free to write the same key again with
    what stands now (a new public wording, a date moved back), and its insert skips any key
    that exists. Only pending rows go; one being sent is left to finish.
    """
    done = 0
    for i in range(0, len(ids), _CHUNK):
        result = await session.execute(
            delete(OutboxMessage).where(
                OutboxMessage.id.in_(ids[i : i + _CHUNK]), OutboxMessage.status == OutboxStatus.PENDING.value
            )
        )
        done += affected(result)
    return done


async def withdraw_for(session: AsyncSession, person_id: int) -> int:
    """Delete one client's pending meeting reminders (their time zone changed: each names a local time,
    and an all-day event's is due at a local hour); the planner's next pass writes them anew."""
    result = await session.execute(
        delete(OutboxMessage).where(
            OutboxMessage.person_id == person_id,
            OutboxMessage.kind == KIND,
            OutboxMessage.status == OutboxStatus.PENDING.value,
        )
    )
    return affected(result)


async def set_status(
    session: AsyncSession, ids: Sequence[int], *, revive: bool, reason: str | None, now: dt.datetime
) -> int:
    """Cancel pending rows (revive=False) or bring cancelled ones back (revive=True)."""
    done = 0
    frm, to = (
        (OutboxStatus.CANCELLED.value, OutboxStatus.PENDING.value)
        if revive
        else (
            OutboxStatus.PENDING.value,
            OutboxStatus.CANCELLED.value,
        )
    )
    for i in range(0, len(ids), _CHUNK):
        result = await session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id.in_(ids[i : i + _CHUNK]), OutboxMessage.status == frm)
            .values(status=to, last_error=reason, finished_at=None if revive else now)
        )
        done += affected(result)
    return done
