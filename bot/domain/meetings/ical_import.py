"""Importing iCalendar files as calendar programs write them (the `icalendar` library parses).

Handles VTIMEZONE blocks (IANA names, Windows names and custom blocks, matched to an IANA
zone by their offsets), RRULE, RDATE (extra dates, not periods), EXDATE, RECURRENCE-ID
overrides (moved or cancelled dates, extra ones too) and all-day events. Events keep their
UID, so importing the same file twice changes nothing. The whole file is checked before
anything is written: a bad file is refused with every problem found, and nothing is
half-imported (the caller's transaction holds all writes).
Our own X-IOP-* properties carry kind, audience and public wording through an export and back.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.errors import ValidationFailed
from bot.db.meeting_models import MeetingOverride, MeetingSeries
from bot.db.models import Person, Role
from bot.domain.meetings import changes as meetings
from bot.domain.meetings import ical_times, schedule
from bot.domain.meetings.schedule import Override, Series
from bot.domain.records import audit

MAX_BYTES = 1_000_000
MAX_EVENTS = 2000
MAX_DATES = 1000  # excluded and changed dates of one series
MAX_CHECKED = 20_000  # occurrences walked to check them: a daily series over 54 years
READ_SECONDS = 20.0  # reading a file runs in a worker thread, never on the bot's event loop


class ImportRefused(ValidationFailed):
    """The file has problems; `problems` lists them all."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass
class ImportReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    change: meetings.ChangeReport = field(default_factory=meetings.ChangeReport)


@dataclass
class _Parsed:
    series: Series
    overrides: list[Override]
    client_code: str = ""
    therapist_code: str = ""


def _text(component: Any, name: str) -> str:
    value = component.get(name)
    return str(value).strip() if value is not None else ""


def _rrule(component: Any, zone: ZoneInfo) -> str:
    rule = component.get("RRULE")
    if rule is None:
        return ""
    if isinstance(rule, list):
        raise ValueError("more than one RRULE")
    parts = []
    for part in rule.to_ical().decode().split(";"):
        name, _, value = part.partition("=")
        if name.upper() == "UNTIL" and value.endswith("Z"):
            # Stored rules are read against a wall-clock start: UNTIL becomes wall time too.
            until = dt.datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC)
            value = until.astimezone(zone).strftime("%Y%m%dT%H%M%S")
        parts.append(f"{name}={value}")
    return ";".join(parts)


def _duration(component: Any, start: Any, all_day: bool) -> dt.timedelta:
    if component.get("DURATION") is not None:
        duration: dt.timedelta = component.decoded("DURATION")
        return duration
    if component.get("DTEND") is not None:
        span: dt.timedelta = component.decoded("DTEND") - start
        if span <= dt.timedelta(0):
            raise ValueError("it ends before it starts")
        return span
    return dt.timedelta(days=1) if all_day else dt.timedelta(hours=1)


def _audience(component: Any, uid: str, problems: list[str]) -> tuple[str, str, str]:
    """(audience, cohort, client code) from X-IOP-AUDIENCE: all, cohort:NAME or client:CODE."""
    raw = _text(component, "X-IOP-AUDIENCE") or "all"
    kind, _, arg = raw.partition(":")
    if kind == "all":
        return "all", "", ""
    if kind == "cohort" and arg:
        return "cohort", arg[:32], ""
    if kind == "client" and arg:
        return "client", "", arg
    problems.append(f"event {uid}: X-IOP-AUDIENCE must be all, cohort:NAME or client:CODE, not {raw!r}")
    return "all", "", ""


def parse(data: bytes, default_zone: str) -> list[_Parsed]:
    """Every event series in the file, or ImportRefused with all problems found."""
    if len(data) > MAX_BYTES:
        raise ImportRefused([f"the file is larger than {MAX_BYTES:,} bytes"])
    try:
        cal = icalendar.Calendar.from_ical(data)
    except (ValueError, IndexError, KeyError):
        # The parser's message quotes the raw bytes it choked on: not something to show a person.
        raise ImportRefused(["this is not an iCalendar file: a line in it cannot be read as one"]) from None
    if not isinstance(cal, icalendar.Calendar) or cal.name != "VCALENDAR":
        raise ImportRefused(["this is not an iCalendar file (no VCALENDAR)"])
    events = list(cal.walk("VEVENT"))
    if not events:
        raise ImportRefused(["the file has no events (VEVENT)"])
    if len(events) > MAX_EVENTS:
        raise ImportRefused([f"the file has more than {MAX_EVENTS} events"])
    problems: list[str] = []
    masters: dict[str, Any] = {}
    exceptions: dict[str, list[Any]] = {}
    spoiled: set[str] = set()  # events with a property the parser could not read: said once, not checked further
    for n, ev in enumerate(events, 1):
        uid = _text(ev, "UID")
        if not uid:
            problems.append(f"event {n} ({_text(ev, 'SUMMARY') or 'no title'}) has no UID")
            continue
        if broken := ical_times.unreadable(ev, uid):
            problems.extend(broken)
            spoiled.add(uid)
        if ev.get("RECURRENCE-ID") is not None:
            exceptions.setdefault(uid, []).append(ev)
        elif uid in masters:
            problems.append(f"event {uid} appears twice")
        else:
            masters[uid] = ev
    for uid in exceptions:
        if uid not in masters:
            problems.append(f"event {uid}: a changed date (RECURRENCE-ID) without its series")
    parsed = [
        p
        for uid, ev in masters.items()
        if uid not in spoiled and (p := _checked(uid, ev, exceptions.get(uid, []), default_zone, problems))
    ]
    if problems:
        raise ImportRefused(problems)
    return parsed


def _checked(uid: str, ev: Any, changes: list[Any], default_zone: str, problems: list[str]) -> _Parsed | None:
    """`_series`, with anything else the parser let through unread said plainly instead of as a traceback."""
    try:
        return _series(uid, ev, changes, default_zone, problems)
    except (ValueError, TypeError, AttributeError, LookupError):
        problems.append(f"event {uid}: a date, time or rule in it cannot be read")
        return None


def _series(uid: str, ev: Any, changes: list[Any], default_zone: str, problems: list[str]) -> _Parsed | None:
    before = len(problems)
    if len(uid) > 255:
        problems.append(f"event {uid[:40]}…: UID longer than 255 characters")
    title = _text(ev, "SUMMARY")
    if not title:
        problems.append(f"event {uid}: no title (SUMMARY)")
    if ev.get("DTSTART") is None:
        problems.append(f"event {uid}: no start (DTSTART)")
        return None
    tzid = str(ev["DTSTART"].params.get("TZID", "")) if hasattr(ev["DTSTART"], "params") else ""
    try:
        start = ev.decoded("DTSTART")
    except (ValueError, TypeError) as exc:
        problems.append(f"event {uid}: unreadable start ({exc})")
        return None
    if tzid and isinstance(start, dt.datetime) and start.tzinfo is None:
        problems.append(f"event {uid}: time zone {tzid!r} is neither known nor described in a VTIMEZONE block")
        return None
    all_day = not isinstance(start, dt.datetime)
    wall, zone_name = ical_times.local(start, "", default_zone, uid, problems)
    zone = ZoneInfo(zone_name)
    rdates = ical_times.extra_dates(ev, zone, all_day, uid, problems)
    kind = _text(ev, "X-IOP-KIND").lower() or "group"
    audience, cohort, client_code = _audience(ev, uid, problems)
    location = _text(ev, "LOCATION")
    link = _text(ev, "URL")
    if location.startswith(("http://", "https://")) and not link:
        location, link = "", location
    try:
        rule = _rrule(ev, zone)
        duration = _duration(ev, start, all_day)
    except (ValueError, TypeError) as exc:
        problems.append(f"event {uid}: {exc}")
        return None
    series = Series(
        id=0,
        uid=uid,
        title=title[:120],
        # An all-day entry is a notice (a holiday, a closure) shown as written; timed ones get the kind's wording.
        public_title=(
            _text(ev, "X-IOP-PUBLIC") or (title if all_day else schedule.PUBLIC_DEFAULT.get(kind, "Meeting"))
        )[:120],
        kind=kind,
        rrule=rule,
        starts_local=wall,
        timezone=zone_name,
        duration=duration,
        all_day=all_day,
        place=location[:200],
        link=link[:300],
        audience=audience,
        cohort=cohort,
        client_id=-1 if audience == "client" else None,  # resolved from the code before writing
        active=_text(ev, "STATUS").upper() != "CANCELLED",
        rdates=rdates,
    )
    try:
        series = schedule.check_series(series)
    except ValidationFailed as exc:
        problems.append(f"event {uid}: {exc}")
        return None
    overrides = _overrides(series, ev, changes, zone, problems)
    therapist_code = _text(ev, "X-IOP-THERAPIST").upper()[:16]
    return _Parsed(series, overrides, client_code, therapist_code) if len(problems) == before else None


def _overrides(series: Series, ev: Any, changes: list[Any], zone: ZoneInfo, problems: list[str]) -> list[Override]:
    found: dict[dt.datetime, Override] = {}
    exdates = ev.get("EXDATE")
    excluded = [
        ical_times.utc(value.dt, zone)
        for group in (exdates if isinstance(exdates, list) else [exdates] if exdates is not None else [])
        for value in group.dts
    ]
    changed = [ical_times.utc(change.decoded("RECURRENCE-ID"), zone) for change in changes]
    if len(excluded) + len(changed) > MAX_DATES:
        problems.append(f"event {series.uid}: more than {MAX_DATES} excluded or changed dates")
        return []
    known = schedule.occurrence_starts(series, max(excluded + changed), MAX_CHECKED) if excluded or changed else set()
    if known is None:
        problems.append(f"event {series.uid}: its dates reach too far ahead to check (over {MAX_CHECKED:,} dates)")
        return []
    for original in excluded:
        if (series.rrule or series.rdates) and original not in known:
            problems.append(
                f"event {series.uid}: excluded date {original.astimezone(zone):%Y-%m-%d %H:%M} is not one of its dates"
            )
        found[original] = Override(original, cancelled=True)
    for change, original in zip(changes, changed, strict=True):
        if original not in known:
            problems.append(f"event {series.uid}: changed date {original:%Y-%m-%d %H:%M} UTC is not one of its dates")
            continue
        if _text(change, "STATUS").upper() == "CANCELLED":
            found[original] = Override(original, cancelled=True)
            continue
        start = change.decoded("DTSTART") if change.get("DTSTART") is not None else original
        new_start = ical_times.utc(start, zone)
        location = _text(change, "LOCATION")[:200]
        length = _duration(change, start, False) if change.get("DTEND") or change.get("DURATION") else None
        # What the moved date repeats of its series is not a change: an exported move reads back as it was.
        found[original] = Override(
            original,
            cancelled=False,
            new_start=new_start,
            new_duration=length if length != series.duration else None,
            new_place=location if location and location != series.place else None,
        )
    return sorted(found.values(), key=lambda o: o.original_start)


async def _resolve_people(session: AsyncSession, parsed: list[_Parsed]) -> None:
    """Client and therapist codes (X-IOP-AUDIENCE, X-IOP-THERAPIST) to ids; ImportRefused naming any unknown."""
    wanted = {(p.client_code, Role.CLIENT) for p in parsed if p.client_code}
    wanted |= {(p.therapist_code, Role.THERAPIST) for p in parsed if p.therapist_code}
    if not wanted:
        return
    rows = await session.execute(
        select(Person.code, Person.role, Person.id).where(Person.code.in_({code for code, _ in wanted}))
    )
    # A therapist who has left still matches: a re-imported export must not lose who held the appointment.
    ids = {(code, Role(role)): pid for code, role, pid in rows.tuples()}
    problems = [
        f"event {p.series.uid}: no {role.value} with code {code}"
        for p in parsed
        for code, role in ((p.client_code, Role.CLIENT), (p.therapist_code, Role.THERAPIST))
        if code and (code, role) not in ids
    ]
    if problems:
        raise ImportRefused(problems)
    for p in parsed:
        client = ids[(p.client_code, Role.CLIENT)] if p.client_code else None
        therapist = ids[(p.therapist_code, Role.THERAPIST)] if p.therapist_code else None
        p.series = Series(**{**p.series.__dict__, "client_id": client, "therapist_id": therapist})


def _same(row: MeetingSeries, series: Series) -> bool:
    fresh = meetings.to_row(series, MeetingSeries())
    if set(fresh.rrule.upper().split(";")) == set(row.rrule.upper().split(";")):
        fresh.rrule = row.rrule  # the same parts in another order (icalendar writes UNTIL before BYDAY)
    cols = (
        "title",
        "public_title",
        "kind",
        "rrule",
        "rdates",
        "starts_local",
        "timezone",
        "all_day",
        "duration_minutes",
        "place",
        "link",
        "audience",
        "cohort",
        "client_id",
        "therapist_id",
        "active",
    )
    return all(getattr(row, c) == getattr(fresh, c) for c in cols)


async def read(data: bytes, default_zone: str, seconds: float = READ_SECONDS) -> list[_Parsed]:
    """`parse` in a worker thread with a time limit, so a hostile file never stalls the bot (or a crisis reply)."""
    try:
        return await asyncio.wait_for(asyncio.to_thread(parse, data, default_zone), timeout=seconds)
    except TimeoutError:
        raise ImportRefused(
            [f"the file took longer than {seconds:g} s to read; split it or remove old dates"]
        ) from None


async def import_ics(
    session: AsyncSession,
    data: bytes,
    default_zone: str,
    actor_id: int | None,
    now: dt.datetime,
    seconds: float = READ_SECONDS,
) -> ImportReport:
    """Add or update the file's series by UID; ImportRefused (nothing written) when anything is wrong."""
    parsed = await read(data, default_zone, seconds)
    await _resolve_people(session, parsed)
    report = ImportReport()
    uids = [p.series.uid for p in parsed]
    existing = {
        r.uid: r for r in (await session.execute(select(MeetingSeries).where(MeetingSeries.uid.in_(uids)))).scalars()
    }
    before = await schedule.load(session, include_inactive=True, ids=[r.id for r in existing.values()])
    for p in parsed:
        row = existing.get(p.series.uid)
        if row is None:
            row = meetings.to_row(p.series)
            row.created_by, row.created_at, row.updated_at = actor_id, now, now
            session.add(row)
            await session.flush()
            await _write_overrides(session, row.id, p.overrides)
            await session.flush()
            await meetings.skip_closed_days(session, replace(p.series, id=row.id), now)
            report.added += 1
            continue
        old_overrides = sorted(before.overrides.get(row.id, []), key=lambda o: o.original_start)
        if _same(row, p.series) and old_overrides == p.overrides:
            report.unchanged += 1
            continue
        meetings.to_row(p.series, row)
        row.updated_at = now
        await session.execute(delete(MeetingOverride).where(MeetingOverride.meeting_id == row.id))
        await _write_overrides(session, row.id, p.overrides)
        report.updated += 1
    if report.updated:
        report.change = await meetings.apply_change(session, before, now)
    audit.record(session, "meeting.import", actor_person_id=actor_id, added=report.added, updated=report.updated)
    return report


async def _write_overrides(session: AsyncSession, meeting_id: int, overrides: list[Override]) -> None:
    for o in overrides:
        session.add(
            MeetingOverride(
                meeting_id=meeting_id,
                original_start=o.original_start,
                cancelled=o.cancelled,
                new_start=o.new_start,
                new_duration_minutes=int(o.new_duration.total_seconds() // 60) if o.new_duration else None,
                new_place=o.new_place,
            )
        )
    await session.flush()
