"""RSVPs and attendance: a client's answer to a reminder, who came, and two missed group sessions in a row.

A "can't make it" reaches the client's therapist in their daily digest (bot.domain.caseload.digest),
or at once when the meeting is today (bot.domain.meetings.regret_push);
missing two group sessions in a row (as taken by staff) raises a medium flag, which the
digest carries as well.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.meeting_models import Attendance, MeetingSeries
from bot.db.models import ClientProfile, Person, Role
from bot.domain.care import alerts
from bot.domain.meetings import regret_push, schedule
from bot.domain.meetings.schedule import Occurrence
from bot.domain.records import audit

MISSED_RULE = "missed_two_groups"


class RsvpOutcome(enum.StrEnum):
    RECORDED = "recorded"  # a first answer
    CHANGED = "changed"  # the other answer than before
    SAME = "same"  # the answer they had given already
    GONE = "gone"  # cancelled, or no longer part of the series
    PAST = "past"  # it has started
    NOT_INVITED = "not_invited"


@dataclass(frozen=True)
class MissedFlag:
    severity: str
    rule: str
    explanation: str


async def _row(session: AsyncSession, series_id: int, original: dt.datetime, person_id: int) -> Attendance:
    row = (
        await session.execute(
            select(Attendance).where(
                Attendance.meeting_id == series_id,
                Attendance.occurrence_start == original,
                Attendance.person_id == person_id,
            )
        )
    ).scalar_one_or_none()
    if row is None:
        row = Attendance(meeting_id=series_id, occurrence_start=original, person_id=person_id)
        session.add(row)
    return row


async def record_rsvp(
    session: AsyncSession, person_id: int, series_id: int, original: dt.datetime, coming: bool, now: dt.datetime
) -> tuple[RsvpOutcome, Occurrence | None]:
    """Store the client's answer; a changed mind counts again for the digest. The outcome says whether it
    is a first answer, a change, or the answer already given."""
    occ = await schedule.occurrence(session, series_id, original)
    if occ is None:
        return RsvpOutcome.GONE, None
    if occ.start <= now and not (occ.series.all_day and occ.end > now):  # all day: answers count on the day
        return RsvpOutcome.PAST, occ
    audiences = schedule.Audiences(await schedule.reachable_clients(session))
    if not audiences.includes(occ.series, person_id):
        return RsvpOutcome.NOT_INVITED, occ
    row = await _row(session, series_id, original, person_id)
    answer = "yes" if coming else "no"
    outcome = (
        RsvpOutcome.RECORDED if row.rsvp is None else RsvpOutcome.SAME if row.rsvp == answer else RsvpOutcome.CHANGED
    )
    if row.rsvp != answer:
        row.rsvp, row.rsvp_at, row.rsvp_digested_at = answer, now, None
        if answer == "no":  # a meeting today: the therapist hears now (bot.domain.meetings.regret_push)
            await regret_push.tell_if_today(session, row, occ, now)
    audit.record(session, "meeting.rsvp", client_person_id=person_id, meeting=series_id, answer=answer)
    return outcome, occ


# --- the digest -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Regret:
    attendance_id: int
    client_id: int
    client_code: str
    therapist_id: int | None
    title: str
    start: dt.datetime  # the occurrence's original start (UTC)


async def regrets(
    session: AsyncSession,
    *,
    undigested: bool = False,
    therapist_id: int | None = None,
    since: dt.datetime | None = None,
) -> list[Regret]:
    """'Can't make it' answers: not yet in a digest, or one therapist's since a time."""
    stmt = (
        select(
            Attendance.id,
            Person.id,
            Person.code,
            ClientProfile.therapist_id,
            MeetingSeries.title,
            Attendance.occurrence_start,
        )
        .join(Person, Person.id == Attendance.person_id)
        .join(ClientProfile, ClientProfile.person_id == Person.id, isouter=True)
        .join(MeetingSeries, MeetingSeries.id == Attendance.meeting_id)
        .where(Attendance.rsvp == "no")
        .order_by(Attendance.occurrence_start, Attendance.id)
    )
    if undigested:
        stmt = stmt.where(Attendance.rsvp_digested_at.is_(None))
    if therapist_id is not None:
        stmt = stmt.where(ClientProfile.therapist_id == therapist_id)
    if since is not None:
        stmt = stmt.where(Attendance.occurrence_start >= since)
    return [Regret(*row) for row in (await session.execute(stmt)).tuples()]


async def mark_digested(session: AsyncSession, ids: list[int], at: dt.datetime) -> None:
    for row in (await session.execute(select(Attendance).where(Attendance.id.in_(ids)))).scalars():
        row.rsvp_digested_at = at


# --- taking attendance ----------------------------------------------------------------------


@dataclass(frozen=True)
class RosterLine:
    person_id: int
    code: str
    rsvp: str | None
    attended: bool | None
    initials: str = ""
    status: str | None = None  # came / late / excused / missed; None = not marked yet


STATUSES = ("came", "late", "excused")  # what a tap cycles through, then back to unmarked
PRESENT = frozenset({"came", "late"})


def status_of(row: Attendance) -> str | None:
    """The row's status; rows taken before statuses existed read from `attended`."""
    if row.status is not None:
        return row.status
    return None if row.attended is None else ("came" if row.attended else "missed")


async def may_take(session: AsyncSession, viewer_id: int, series: schedule.Series) -> bool:
    """Staff and admins take any session's attendance; a therapist group sessions, and only their own clients'
    individual appointments (an appointment's title can say what it is about)."""
    viewer = await session.get(Person, viewer_id)
    if viewer is None or viewer.role is Role.CLIENT:
        return False
    if viewer.role is not Role.THERAPIST or series.audience != "client":
        return True
    profile = await session.get(ClientProfile, series.client_id) if series.client_id is not None else None
    return profile is not None and profile.therapist_id == viewer.id


async def shown_to(session: AsyncSession, viewer_id: int, found: list[Occurrence]) -> list[Occurrence]:
    """The occurrences the viewer may take attendance for."""
    return [o for o in found if await may_take(session, viewer_id, o.series)]


async def view_roster(session: AsyncSession, occ: Occurrence, viewer_id: int) -> list[RosterLine]:
    """The roster as a team member sees it: every look is audited."""
    lines = await roster(session, occ)
    audit.record(
        session,
        "meeting.roster_view",
        actor_person_id=viewer_id,
        client_person_id=occ.series.client_id,
        meeting=occ.series.id,
        clients=len(lines),
    )
    return lines


async def roster(session: AsyncSession, occ: Occurrence) -> list[RosterLine]:
    """The occurrence's clients (its audience now), with their RSVP and whether they were marked present."""
    members = schedule.Audiences(await schedule.reachable_clients(session)).of(occ.series)
    rows = {
        r.person_id: r
        for r in (
            await session.execute(
                select(Attendance).where(
                    Attendance.meeting_id == occ.series.id, Attendance.occurrence_start == occ.original_start
                )
            )
        ).scalars()
    }
    return [
        RosterLine(
            m.person_id,
            m.code,
            rows[m.person_id].rsvp if m.person_id in rows else None,
            rows[m.person_id].attended if m.person_id in rows else None,
            m.initials,
            status_of(rows[m.person_id]) if m.person_id in rows else None,
        )
        for m in sorted(members, key=lambda m: m.code)
    ]


async def toggle(session: AsyncSession, occ: Occurrence, person_id: int, by: int, now: dt.datetime) -> str | None:
    """Move a client's mark on: came, late, excused, unmarked again; returns the new status."""
    row = await _row(session, occ.series.id, occ.original_start, person_id)
    current = status_of(row)
    cycle = (None, *STATUSES)
    new = cycle[(cycle.index(current) + 1) % len(cycle)] if current in cycle else "came"
    row.status = new
    row.attended = None if new is None else new in PRESENT
    row.marked_by, row.marked_at = by, now
    return new


async def finish(session: AsyncSession, occ: Occurrence, by: int, now: dt.datetime) -> list[int]:
    """Everyone not marked present missed it; flag clients who missed two group sessions in a row.

    Returns the ids of the clients flagged now (each pair of misses is flagged once).
    """
    flagged = []
    for line in await roster(session, occ):
        row = await _row(session, occ.series.id, occ.original_start, line.person_id)
        if status_of(row) is None:
            row.attended, row.status, row.marked_by, row.marked_at = False, "missed", by, now
        await session.flush()
        missed_group = occ.series.kind == "group" and status_of(row) == "missed" and row.flagged_at is None
        if missed_group and await _missed_before(session, line.person_id, occ.original_start):
            row.flagged_at = now
            flag = MissedFlag("medium", MISSED_RULE, "Missed two group sessions in a row (attendance taken by staff).")
            await alerts.raise_alert(session, line.person_id, [flag], source="planner", at=now)
            flagged.append(line.person_id)
    audit.record(session, "meeting.attendance", actor_person_id=by, meeting=occ.series.id, flagged=len(flagged))
    return flagged


async def _missed_before(session: AsyncSession, person_id: int, before: dt.datetime) -> bool:
    """Was the client's previous group session (with attendance taken, an excused absence aside) also missed?"""
    stmt = (
        select(Attendance.attended)
        .join(MeetingSeries, MeetingSeries.id == Attendance.meeting_id)
        .where(
            Attendance.person_id == person_id,
            Attendance.occurrence_start < before,
            Attendance.attended.is_not(None),
            or_(Attendance.status.is_(None), Attendance.status != "excused"),
            MeetingSeries.kind == "group",
        )
        .order_by(Attendance.occurrence_start.desc())
        .limit(1)
    )
    previous = (await session.execute(stmt)).scalar_one_or_none()
    return previous is False


async def recent(session: AsyncSession, now: dt.datetime, days: int = 3) -> list[Occurrence]:
    """Occurrences that started in the last few days: the ones to take attendance for (none that is still ahead)."""
    cal = await schedule.load(session)
    found = cal.occurrences(now - dt.timedelta(days=days), now)
    return [o for o in reversed(found) if not o.series.all_day and o.start <= now]
