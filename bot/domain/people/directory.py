"""Looking people up. Returns plain dataclasses, never ORM rows."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import ClientProfile, Invite, Person, Role
from bot.db.session import Database


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
    deactivated: bool = False
    language: str = "en"  # the language the person reads (bot.texts.catalogue)

    @property
    def label(self) -> str:
        """How the person appears in lists: clients by code only."""
        if self.role is Role.CLIENT or not self.display_name:
            return self.code
        return f"{self.display_name} ({self.code})"

    @property
    def is_team(self) -> bool:
        return self.role is not Role.CLIENT

    @property
    def paused(self) -> bool:
        """Stopped (/stop), never agreed, or deactivated by staff: nothing is sent to them."""
        return not self.active or self.consent_version is None

    def needs_consent(self, version: str) -> bool:
        """True until they agree to the notice in force (`version`): paused, or agreed to an older one."""
        return self.paused or self.consent_version != version


def view(p: Person) -> PersonView:
    return PersonView(
        id=p.id,
        telegram_id=p.telegram_id,
        role=p.role,
        code=p.code,
        display_name=p.display_name,
        timezone=p.timezone,
        active=p.active,
        reachable=p.reachable,
        consent_version=p.consent_version,
        consent_at=p.consent_at,
        deactivated=p.deactivated_at is not None,
        language=p.language or "en",
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


class PersonCache:
    """Recently seen people by Telegram id, so the guard need not query on every update.

    An entry is used only while no write to the person table has run (or ended) in this
    process since the reading transaction began (its snapshot may be older than the
    read: SQLite), and for at most `ttl` seconds, which bounds how long a change made
    by another process can go unseen.
    """

    def __init__(self, db: Database, ttl: float = 30.0, size: int = 10_000) -> None:
        self.db, self.ttl, self.size = db, ttl, size
        self._entries: dict[int, tuple[PersonView, int, float]] = {}  # view, generation, read at

    async def by_telegram_id(self, session: AsyncSession, telegram_id: int) -> PersonView | None:
        generation, t = self.db.people_generation, time.monotonic()
        hit = self._entries.get(telegram_id)
        if hit is not None and hit[1] == generation and t - hit[2] < self.ttl:
            return hit[0]
        found = await by_telegram_id(session, telegram_id)
        snapshot = (await session.connection()).info.get("people_generation", -1)
        if found is None or snapshot != generation:
            self._entries.pop(telegram_id, None)
            return found
        if len(self._entries) >= self.size:
            self._entries.clear()  # rare; simpler than LRU and just as correct
        self._entries[telegram_id] = (found, snapshot, t)
        return found


async def by_id(session: AsyncSession, person_id: int) -> PersonView | None:
    p = await session.get(Person, person_id)
    return view(p) if p else None


async def language_of(session: AsyncSession, person_id: int) -> str:
    """The language `person_id` reads ("en" for someone unknown): for a text written to them, not the reader."""
    found = await session.scalar(select(Person.language).where(Person.id == person_id))
    return found or "en"


_IN_CHUNK = 900  # ids per IN list: under SQLite's bound-parameter limit, however many are asked for


async def languages_of(session: AsyncSession, person_ids: Iterable[int]) -> dict[int, str]:
    """The language of each of many people in one query per 900 (reminders and broadcasts to hundreds).

    Anyone not found reads "en". Plain Core rows through the connection: no ORM bookkeeping."""
    ids = sorted(set(person_ids))
    found: dict[int, str] = {}
    await session.flush()  # Core rows skip autoflush: a change earlier in this unit of work must be seen
    conn = await session.connection()
    for start in range(0, len(ids), _IN_CHUNK):
        stmt = select(Person.id, Person.language).where(Person.id.in_(ids[start : start + _IN_CHUNK]))
        found.update((pid, lang or "en") for pid, lang in (await conn.execute(stmt)).tuples())
    return {pid: found.get(pid, "en") for pid in ids}


async def profile(session: AsyncSession, person_id: int) -> ProfileView | None:
    prof = await session.get(ClientProfile, person_id)
    if prof is None:
        return None
    return ProfileView(prof.therapist_id, prof.cohort, prof.checkin_time, prof.reminders_on)


async def assigned_therapist(session: AsyncSession, client_id: int) -> PersonView | None:
    """The client's own therapist, while they are an active therapist."""
    prof = await session.get(ClientProfile, client_id)
    found = await by_id(session, prof.therapist_id) if prof is not None and prof.therapist_id else None
    return found if found is not None and found.role is Role.THERAPIST and found.active else None


async def list_people(session: AsyncSession, role: Role | None = None) -> list[PersonView]:
    stmt = select(Person).order_by(Person.role, Person.code)
    if role is not None:
        stmt = stmt.where(Person.role == role)
    return [view(p) for p in (await session.execute(stmt)).scalars()]


async def cohorts(session: AsyncSession) -> list[str]:
    """Cohort names in use: clients' and invited clients' (a cohort whose clients are still to come counts)."""
    clients = select(ClientProfile.cohort).where(ClientProfile.cohort != "")
    invited = select(Invite.cohort).where(Invite.cohort != "", Invite.role == Role.CLIENT)
    return sorted(set((await session.execute(clients.union(invited))).scalars()))
