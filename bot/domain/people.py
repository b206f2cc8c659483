"""Looking people up. Returns plain dataclasses, never ORM rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import ClientProfile, Person, Role


@dataclass(frozen=True)
class PersonView:
    id: int
    telegram_id: int
    role: Role
    code: str
    display_name: str
    timezone: str
    active: bool
    reachable: bool
    consent_version: str | None
    consent_at: dt.datetime | None

    @property
    def label(self) -> str:
        """How the person appears in lists: clients by code only."""
        if self.role is Role.CLIENT or not self.display_name:
            return self.code
        return f"{self.display_name} ({self.code})"

    @property
    def needs_consent(self) -> bool:
        return self.role is Role.CLIENT and (not self.active or self.consent_version is None)


def view(p: Person) -> PersonView:
    return PersonView(
        id=p.id,
        telegram_id=p.telegram_id,
        role=Role(p.role),
        code=p.code,
        display_name=p.display_name,
        timezone=p.timezone,
        active=p.active,
        reachable=p.reachable,
        consent_version=p.consent_version,
        consent_at=p.consent_at,
    )


@dataclass(frozen=True)
class ProfileView:
    therapist_id: int | None
    cohort: str
    checkin_time: dt.time
    reminders_on: bool


async def by_telegram_id(session: AsyncSession, telegram_id: int) -> PersonView | None:
    p = (await session.execute(select(Person).where(Person.telegram_id == telegram_id))).scalar_one_or_none()
    return view(p) if p else None


async def by_id(session: AsyncSession, person_id: int) -> PersonView | None:
    p = await session.get(Person, person_id)
    return view(p) if p else None


async def profile(session: AsyncSession, person_id: int) -> ProfileView | None:
    prof = await session.get(ClientProfile, person_id)
    if prof is None:
        return None
    return ProfileView(prof.therapist_id, prof.cohort, prof.checkin_time, prof.reminders_on)


async def list_people(session: AsyncSession, role: Role | None = None) -> list[PersonView]:
    stmt = select(Person).order_by(Person.role, Person.code)
    if role is not None:
        stmt = stmt.where(Person.role == role.value)
    return [view(p) for p in (await session.execute(stmt)).scalars()]


async def cohorts(session: AsyncSession) -> list[str]:
    """Cohort names in use, for picking one when inviting a client."""
    stmt = select(ClientProfile.cohort).where(ClientProfile.cohort != "").distinct().order_by(ClientProfile.cohort)
    return list((await session.execute(stmt)).scalars())
