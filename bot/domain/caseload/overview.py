"""What a therapist sees of their clients: the caseload at a glance and one client's last weeks.

A therapist sees only their own clients; staff and admins see everyone. Every look is audited.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.clock import now
from bot.db.models import Alert, Checkin, ClientProfile, FlagRecord, Person, Role
from bot.domain.care import alert_views
from bot.domain.checkins import diary
from bot.domain.coping import cravings, meds
from bot.domain.records import audit

DETAIL_DAYS = 14


@dataclass(frozen=True)
class CaseloadRow:
    person_id: int
    code: str
    cohort: str
    last_checkin: dt.date | None
    streak: int
    open_alerts: int
    missed_days: int  # days since the last check-in (0: checked in today)
    needs_therapist: bool = False  # none assigned, or theirs was deactivated or paused
    initials: str = ""


@dataclass(frozen=True)
class ClientDetail:
    person_id: int
    code: str
    cohort: str
    therapist_code: str | None
    points: list[diary.DayPoint]
    flags: list[tuple[dt.datetime, str, str]]  # (when, severity, explanation), newest first
    cravings: list[cravings.ToolSummary]  # cravings met with a coping tool in the same days, by tool
    medication: list[meds.Adherence]  # only reminders the client agreed to share


async def _viewer(session: AsyncSession, person_id: int) -> Person | None:
    viewer = await session.get(Person, person_id)
    return viewer if viewer is not None and viewer.role in (Role.THERAPIST, Role.STAFF, Role.ADMIN) else None


async def caseload(session: AsyncSession, viewer_id: int) -> list[CaseloadRow]:
    """The viewer's clients (all clients for staff and admins), most in need first."""
    viewer = await _viewer(session, viewer_id)
    if viewer is None:
        return []
    stmt = (
        select(Person, ClientProfile)
        .join(ClientProfile, ClientProfile.person_id == Person.id)
        .where(Person.role == Role.CLIENT, Person.active.is_(True))
    )
    if viewer.role is Role.THERAPIST:
        stmt = stmt.where(ClientProfile.therapist_id == viewer.id)
    clients = list((await session.execute(stmt)).all())
    ids = [p.id for p, _ in clients]
    last_stmt = (
        select(Checkin.person_id, func.max(Checkin.local_date))
        .where(Checkin.person_id.in_(ids))
        .group_by(Checkin.person_id)
    )
    last: dict[int, dt.date] = {pid: day for pid, day in (await session.execute(last_stmt)).tuples()}
    open_stmt = (
        select(Alert.client_id, func.count())
        .where(Alert.client_id.in_(ids), Alert.status == "open")
        .group_by(Alert.client_id)
    )
    open_counts: dict[int, int] = {pid: n for pid, n in (await session.execute(open_stmt)).tuples()}
    therapist_ids = {prof.therapist_id for _, prof in clients if prof.therapist_id is not None}
    working_stmt = select(Person.id).where(Person.id.in_(therapist_ids), Person.active.is_(True))
    working = set((await session.execute(working_stmt)).scalars())
    rows = []
    for person, profile in clients:
        today = diary.local_date(person.timezone)
        last_day = last.get(person.id)
        rows.append(
            CaseloadRow(
                person_id=person.id,
                code=person.code,
                cohort=profile.cohort,
                last_checkin=last_day,
                streak=await diary.streak(session, person.id, today) if last_day else 0,
                open_alerts=int(open_counts.get(person.id, 0)),
                missed_days=(today - last_day).days if last_day else -1,
                needs_therapist=profile.therapist_id not in working,
                initials=person.display_name,
            )
        )
    audit.record(session, "caseload.view", actor_person_id=viewer.id, count=len(rows))
    return sorted(rows, key=lambda r: (-r.open_alerts, -r.missed_days, r.code))


async def client_detail(session: AsyncSession, viewer_id: int, code: str) -> ClientDetail | None:
    """One client's last two weeks and flags, for someone allowed to see them (audited); None otherwise."""
    viewer = await _viewer(session, viewer_id)
    person = await session.scalar(select(Person).where(Person.code == code.strip().upper(), Person.role == Role.CLIENT))
    if viewer is None or person is None:
        return None
    profile = await session.get(ClientProfile, person.id)
    therapist_id = profile.therapist_id if profile else None
    held = None
    if viewer.role is Role.THERAPIST and therapist_id != viewer.id:
        # Whoever holds the client's open alert (on call, say) may look while it is open; audited as such.
        held = await alert_views.holds_open_alert(session, person.id, viewer.id)
        if held is None:
            audit.record(session, "client.view_denied", actor_person_id=viewer.id, client_person_id=person.id)
            return None
    today = diary.local_date(person.timezone)
    points = await diary.history(session, person.id, today, DETAIL_DAYS)
    flags = (
        await session.execute(
            select(FlagRecord).where(FlagRecord.person_id == person.id).order_by(FlagRecord.created_at.desc()).limit(10)
        )
    ).scalars()
    therapist = await session.get(Person, therapist_id) if therapist_id else None
    if held is None:
        audit.record(session, "client.view", actor_person_id=viewer.id, client_person_id=person.id)
    else:
        audit.record(session, "client.view", actor_person_id=viewer.id, client_person_id=person.id, via_alert=held)
    return ClientDetail(
        person_id=person.id,
        code=person.code,
        cohort=profile.cohort if profile else "",
        therapist_code=therapist.code if therapist else None,
        points=points,
        flags=[(f.created_at, f.severity, f.explanation) for f in flags],
        cravings=await cravings.summary(session, person.id, now() - dt.timedelta(days=DETAIL_DAYS)),
        medication=await meds.shared_adherence(session, person.id, today, DETAIL_DAYS),
    )
