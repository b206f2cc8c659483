"""The people list (/people, `python -m bot people`): who, whose client, which cohort, what status."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from bot.db.models import ClientProfile, Person, Role

ACTIVE, PAUSED, INACTIVE = "active", "paused", "inactive"


@dataclass(frozen=True)
class Filter:
    """One view of the list; the fields combine (all must hold). Empty: everyone."""

    therapist_id: int | None = None  # clients of this therapist
    cohort: str | None = None  # clients in this cohort
    paused: bool = False  # paused themselves (/stop) or never agreed
    unreachable: bool = False  # blocked the bot
    without_therapist: bool = False  # clients with none, or whose therapist left or paused

    @property
    def clients_only(self) -> bool:
        return self.therapist_id is not None or self.cohort is not None or self.without_therapist


@dataclass(frozen=True)
class PersonRow:
    id: int
    code: str
    role: Role
    name: str  # team: their name; clients: initials (never a full name)
    therapist_code: str | None
    therapist_working: bool  # the assigned therapist is active
    cohort: str
    status: str  # ACTIVE, PAUSED or INACTIVE (deactivated by staff)
    reachable: bool

    @property
    def needs_therapist(self) -> bool:
        return self.role is Role.CLIENT and (self.therapist_code is None or not self.therapist_working)


def _status(p: Person) -> str:
    if p.deactivated_at is not None:
        return INACTIVE
    return ACTIVE if p.active and p.consent_version is not None else PAUSED


async def rows(session: AsyncSession, f: Filter) -> list[PersonRow]:
    """People matching `f`, team first, then clients by code."""
    therapist = aliased(Person)
    stmt = (
        select(Person, ClientProfile, therapist)
        .outerjoin(ClientProfile, ClientProfile.person_id == Person.id)
        .outerjoin(therapist, therapist.id == ClientProfile.therapist_id)
        .order_by(Person.role, Person.code)
    )
    if f.clients_only:
        stmt = stmt.where(Person.role == Role.CLIENT)
    if f.therapist_id is not None:
        stmt = stmt.where(ClientProfile.therapist_id == f.therapist_id)
    if f.cohort is not None:
        stmt = stmt.where(ClientProfile.cohort == f.cohort)
    if f.paused:
        stmt = stmt.where(
            Person.deactivated_at.is_(None), or_(Person.active.is_(False), Person.consent_version.is_(None))
        )
    if f.unreachable:
        stmt = stmt.where(Person.reachable.is_(False))
    if f.without_therapist:
        stmt = stmt.where(or_(ClientProfile.therapist_id.is_(None), therapist.active.is_(False)))
    out = []
    for p, prof, th in (await session.execute(stmt)).tuples():
        out.append(
            PersonRow(
                id=p.id,
                code=p.code,
                role=p.role,
                name=p.display_name,
                therapist_code=th.code if th is not None else None,
                therapist_working=th is not None and th.active,
                cohort=prof.cohort if prof is not None else "",
                status=_status(p),
                reachable=p.reachable,
            )
        )
    return out
