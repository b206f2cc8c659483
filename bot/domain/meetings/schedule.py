"""The program's calendar: meeting series, their occurrences in a window (DST-correct), and who is in each.

A series recurs by an RFC 5545 RRULE plus any extra dates (RDATE), expanded together by
python-dateutil in the series' own wall-clock time (bot.domain.meetings.recurrence), then each wall time
is read in its zone: a Monday 18:00 group is at 18:00 local before and after the clocks change.
Overrides cancel or move one date, an extra one too, keyed by the occurrence's original start
(iCalendar's RECURRENCE-ID). Functions take the caller's session, never commit, and return
plain dataclasses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.errors import ValidationFailed
from bot.db.meeting_models import MeetingOverride, MeetingSeries
from bot.db.models import ClientProfile, Person, Role
from bot.domain.checkins.reminders import reminder_instant
from bot.domain.meetings import recurrence
from bot.domain.meetings.recurrence import check_rrule

KINDS = ("group", "individual", "support", "family")
AUDIENCES = ("all", "cohort", "client")
PUBLIC_DEFAULT = {"group": "Group session", "individual": "Appointment", "support": "Meeting", "family": "Family group"}
MAX_DURATION = dt.timedelta(days=14)


@dataclass(frozen=True)
class Series:
    id: int
    uid: str
    title: str
    public_title: str
    kind: str
    rrule: str
    starts_local: dt.datetime  # naive wall time in `timezone`
    timezone: str
    duration: dt.timedelta
    all_day: bool = False
    place: str = ""
    link: str = ""
    audience: str = "all"
    cohort: str = ""
    client_id: int | None = None
    therapist_id: int | None = None
    active: bool = True
    rdates: tuple[dt.datetime, ...] = ()  # extra dates (RDATE), naive wall times in `timezone`

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def where(self) -> str:
        return self.place or self.link


@dataclass(frozen=True)
class Override:
    original_start: dt.datetime  # UTC
    cancelled: bool = False
    new_start: dt.datetime | None = None
    new_duration: dt.timedelta | None = None
    new_place: str | None = None


@dataclass(frozen=True)
class Occurrence:
    series: Series
    original_start: dt.datetime  # UTC; identifies the occurrence (RECURRENCE-ID)
    start: dt.datetime  # UTC
    end: dt.datetime  # UTC
    place: str
    moved: bool = False

    @property
    def key(self) -> tuple[int, int]:
        """(series id, original start as a Unix second): what buttons and dedupe keys carry."""
        return self.series.id, int(self.original_start.timestamp())

    @property
    def day(self) -> dt.date:
        """The date it starts on in the series' own zone: an all-day event's date wherever it is read."""
        return self.start.astimezone(self.series.zone).date()


def wall_to_utc(wall: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """A naive wall time in `zone` as UTC: a repeated hour means its first pass, a skipped one the jump."""
    return reminder_instant(wall.date(), wall.time(), zone)


def _walls(series: Series, lo: dt.datetime, hi: dt.datetime) -> list[dt.datetime]:
    return recurrence.walls_between(series.rrule, series.starts_local, series.rdates, lo, hi)


def expand(series: Series, overrides: Iterable[Override], start: dt.datetime, end: dt.datetime) -> list[Occurrence]:
    """Occurrences starting in [start, end), with cancelled dates left out and moved ones at their new time."""
    if not series.active:
        return []
    zone = series.zone
    by_original = {o.original_start: o for o in overrides}
    # Wall times a day wider than the window on each side: zone offsets are under a day.
    lo = start.astimezone(zone).replace(tzinfo=None) - dt.timedelta(days=1)
    hi = end.astimezone(zone).replace(tzinfo=None) + dt.timedelta(days=1)
    originals = {wall_to_utc(w, zone) for w in _walls(series, lo, hi)}
    # A date moved into the window from outside it.
    for o in by_original.values():
        moved_in = o.new_start is not None and start <= o.new_start < end and o.original_start not in originals
        if moved_in and is_occurrence(series, o.original_start):
            originals.add(o.original_start)
    found = []
    for original in originals:
        ov = by_original.get(original)
        if ov is not None and ov.cancelled:
            continue
        begin = ov.new_start if ov is not None and ov.new_start is not None else original
        if not start <= begin < end:
            continue
        duration = ov.new_duration if ov is not None and ov.new_duration is not None else series.duration
        place = ov.new_place if ov is not None and ov.new_place is not None else series.where
        moved = ov is not None and begin != original
        found.append(Occurrence(series, original, begin, begin + duration, place, moved))
    return sorted(found, key=lambda x: (x.start, x.series.id))


def is_occurrence(series: Series, original_start: dt.datetime) -> bool:
    """True when the series has an occurrence at that original start (cancelled or not)."""
    zone = series.zone
    wall = original_start.astimezone(zone).replace(tzinfo=None)
    # A few hours either side: a wall time in the hour skipped in spring is read as the jump after it.
    near = dt.timedelta(hours=3)
    return any(wall_to_utc(w, zone) == original_start for w in _walls(series, wall - near, wall + near))


def occurrence_starts(series: Series, until: dt.datetime, limit: int) -> set[dt.datetime] | None:
    """Every original start (UTC) of the series up to `until`, for checking many dates at once; None past `limit`."""
    zone = series.zone
    hi = until.astimezone(zone).replace(tzinfo=None) + dt.timedelta(hours=3)  # as is_occurrence reads near a jump
    walls = recurrence.walls_until(series.rrule, series.starts_local, series.rdates, hi, limit)
    return None if walls is None else {wall_to_utc(w, zone) for w in walls}


# --- reading and writing series -------------------------------------------------------------


def view(row: MeetingSeries) -> Series:
    return Series(
        id=row.id,
        uid=row.uid,
        title=row.title,
        public_title=row.public_title,
        kind=row.kind,
        rrule=row.rrule,
        starts_local=row.starts_local,
        timezone=row.timezone,
        duration=dt.timedelta(minutes=row.duration_minutes),
        all_day=row.all_day,
        place=row.place,
        link=row.link,
        audience=row.audience,
        cohort=row.cohort,
        client_id=row.client_id,
        therapist_id=row.therapist_id,
        active=row.active,
        rdates=recurrence.parse_rdates(row.rdates),
    )


def _override(row: MeetingOverride) -> Override:
    minutes = row.new_duration_minutes
    return Override(
        row.original_start,
        row.cancelled,
        row.new_start,
        dt.timedelta(minutes=minutes) if minutes is not None else None,
        row.new_place,
    )


@dataclass
class Calendar:
    """Every active series with its overrides, loaded once for a pass over a window."""

    series: list[Series] = field(default_factory=list)
    overrides: dict[int, list[Override]] = field(default_factory=dict)

    def occurrences(self, start: dt.datetime, end: dt.datetime) -> list[Occurrence]:
        found = [o for s in self.series for o in expand(s, self.overrides.get(s.id, []), start, end)]
        return sorted(found, key=lambda x: (x.start, x.series.id))

    def upcoming(self, now: dt.datetime, end: dt.datetime) -> list[Occurrence]:
        """Occurrences starting in [now, end), and all-day ones whose time in the series' zone is not over.

        An all-day event still counts on its day: its morning reminder and its clients' answers come after
        it "started" at midnight.
        """
        found = []
        for s in self.series:
            overrides = self.overrides.get(s.id, [])
            if s.all_day:
                found += [o for o in expand(s, overrides, now - MAX_DURATION, end) if o.end > now]
            else:
                found += expand(s, overrides, now, end)
        return sorted(found, key=lambda x: (x.start, x.series.id))

    def get(self, series_id: int) -> Series | None:
        return next((s for s in self.series if s.id == series_id), None)


async def load(session: AsyncSession, *, include_inactive: bool = False, ids: Sequence[int] | None = None) -> Calendar:
    stmt = select(MeetingSeries).order_by(MeetingSeries.id)
    if not include_inactive:
        stmt = stmt.where(MeetingSeries.active.is_(True))
    if ids is not None:
        stmt = stmt.where(MeetingSeries.id.in_(list(ids)))
    series = [view(r) for r in (await session.execute(stmt)).scalars()]
    cal = Calendar(series)
    if series:
        rows = await session.execute(
            select(MeetingOverride).where(MeetingOverride.meeting_id.in_([s.id for s in series]))
        )
        for r in rows.scalars():
            cal.overrides.setdefault(r.meeting_id, []).append(_override(r))
    return cal


async def occurrence(session: AsyncSession, series_id: int, original_start: dt.datetime) -> Occurrence | None:
    """One occurrence by its key, as it stands now (None when cancelled or not part of the series)."""
    cal = await load(session, include_inactive=True, ids=[series_id])
    series = cal.get(series_id)
    if series is None or not is_occurrence(series, original_start):
        return None
    o = next((x for x in cal.overrides.get(series_id, []) if x.original_start == original_start), None)
    window = o.new_start if o is not None and o.new_start is not None else original_start
    found = expand(series, cal.overrides.get(series_id, []), window, window + dt.timedelta(seconds=1))
    return next((x for x in found if x.original_start == original_start), None)


# --- who is in it ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Member:
    """A client who may be told about meetings: their chat, zone and cohort."""

    person_id: int
    chat_id: int
    timezone: str
    cohort: str
    therapist_id: int | None
    code: str
    initials: str = ""  # what the team sees beside the code
    language: str = "en"  # the language the client reads: notices and reminders are made in it


async def reachable_clients(session: AsyncSession) -> list[Member]:
    """Clients who are active, consenting and reachable, in one query."""
    stmt = (
        select(
            Person.id,
            Person.telegram_id,
            Person.timezone,
            ClientProfile.cohort,
            ClientProfile.therapist_id,
            Person.code,
            Person.display_name,
            Person.language,
        )
        .join(ClientProfile, ClientProfile.person_id == Person.id)
        .where(
            Person.role == Role.CLIENT.value,
            Person.active.is_(True),
            Person.reachable.is_(True),
            Person.consent_version.is_not(None),
        )
        .order_by(Person.id)
    )
    rows = (await (await session.connection()).execute(stmt)).tuples()
    return [
        Member(pid, chat, zone, cohort, therapist, code, initials, lang or "en")
        for pid, chat, zone, cohort, therapist, code, initials, lang in rows
    ]


class Audiences:
    """Who is in each series' audience, from one list of clients (cached per series)."""

    def __init__(self, members: Sequence[Member]) -> None:
        self.members = list(members)
        self._by_id = {m.person_id: m for m in members}
        self._by_cohort: dict[str, list[Member]] = {}
        for m in members:
            self._by_cohort.setdefault(m.cohort, []).append(m)
        self._cache: dict[int, list[Member]] = {}

    def of(self, series: Series) -> list[Member]:
        if series.id not in self._cache:
            if series.audience == "all":
                found = self.members
            elif series.audience == "cohort":
                found = self._by_cohort.get(series.cohort, [])
            else:
                m = self._by_id.get(series.client_id) if series.client_id is not None else None
                found = [m] if m is not None else []
            self._cache[series.id] = found
        return self._cache[series.id]

    def member(self, person_id: int) -> Member | None:
        return self._by_id.get(person_id)

    def includes(self, series: Series, person_id: int) -> bool:
        m = self._by_id.get(person_id)
        if m is None:
            return False
        if series.audience == "all":
            return True
        if series.audience == "cohort":
            return m.cohort == series.cohort
        return series.client_id == person_id


def parse_zone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationFailed(f"unknown time zone {name!r}") from None
    return name


def check_series(series: Series) -> Series:
    """Refuse what cannot be a meeting, with what is wrong."""
    if not series.title.strip():
        raise ValidationFailed("a meeting needs a title")
    if series.kind not in KINDS:
        raise ValidationFailed(f"kind must be one of {', '.join(KINDS)}")
    if series.audience not in AUDIENCES:
        raise ValidationFailed(f"audience must be one of {', '.join(AUDIENCES)}")
    if series.audience == "cohort" and not series.cohort:
        raise ValidationFailed("a cohort meeting needs the cohort's name")
    if series.audience == "client" and series.client_id is None:
        raise ValidationFailed("a meeting for one client needs the client")
    if not dt.timedelta(minutes=1) <= series.duration <= MAX_DURATION:
        raise ValidationFailed("duration must be between 1 minute and 14 days")
    parse_zone(series.timezone)
    check_rrule(series.rrule, series.starts_local)
    first = recurrence.first_wall(series.rrule, series.starts_local)
    return series if first == series.starts_local else replace(series, starts_local=first)
