"""Locked-out code entry: the list staff see, lifting one lockout, and telling staff of a flood of wrong codes."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import texts
from bot.db.models import AuditEntry, Invite, OutboxKind, Person, Role
from bot.domain.records import audit
from bot.domain.records.outbox import enqueue
from bot.texts import catalogue

GLOBAL_WINDOW = dt.timedelta(minutes=1)
# The audit row lifting a lockout names the locked-out Telegram user in actor_telegram_id (as the rows that
# locked them did, so one lookup finds both) and the staff member who lifted it in actor_person_id.
UNLOCKED = "enroll.unlocked"


@dataclass(frozen=True)
class Lockout:
    telegram_id: int
    at: dt.datetime
    code: str = ""  # the person a used or expired code they tried was for (their code now), if any
    initials: str = ""


async def current(session: AsyncSession, at: dt.datetime, lockout: dt.timedelta) -> list[Lockout]:
    """Telegram users locked out now (not yet expired, not lifted), newest first."""
    stmt = (
        select(AuditEntry.actor_telegram_id, AuditEntry.at, AuditEntry.action)
        .where(AuditEntry.action.in_(["enroll.lockout", UNLOCKED]), AuditEntry.at > at - lockout)
        .order_by(AuditEntry.at)
    )
    latest: dict[int, tuple[dt.datetime, str]] = {}
    for tid, when, action in (await session.execute(stmt)).tuples():
        if tid is not None:
            latest[tid] = (when, action)
    found = [
        await _named(session, tid, when, at - lockout)
        for tid, (when, action) in latest.items()
        if action == "enroll.lockout"
    ]
    return sorted(found, key=lambda x: x.at, reverse=True)


async def _named(session: AsyncSession, telegram_id: int, at: dt.datetime, since: dt.datetime) -> Lockout:
    """The lockout, with the code and initials of whoever the newest known (used or expired) code tried was for."""
    stmt = (
        select(AuditEntry.detail)
        .where(
            AuditEntry.action == "enroll.failed",
            AuditEntry.actor_telegram_id == telegram_id,
            AuditEntry.at > since,
            AuditEntry.detail.contains('"invite_id"'),
        )
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(1)
    )
    detail = (await session.execute(stmt)).scalar_one_or_none()
    invite_id = json.loads(detail).get("invite_id") if detail else None
    invite = await session.get(Invite, invite_id) if isinstance(invite_id, int) else None
    if invite is None:
        return Lockout(telegram_id, at)
    person = await session.get(Person, invite.used_by) if invite.used_by else None
    if person is not None:
        return Lockout(telegram_id, at, person.code, person.display_name)
    return Lockout(telegram_id, at, invite.person_code, invite.display_name)


def unlock(session: AsyncSession, telegram_id: int, by_person_id: int) -> None:
    """Lift a lockout: that user's wrong codes count from now."""
    audit.record(session, UNLOCKED, actor_telegram_id=telegram_id, actor_person_id=by_person_id)


async def tell_staff_once(session: AsyncSession, at: dt.datetime) -> None:
    """Tell every active staff member and admin, once an hour at most, that code checking is slowed."""
    stmt = select(Person).where(
        Person.role.in_([Role.STAFF, Role.ADMIN]), Person.active.is_(True), Person.reachable.is_(True)
    )
    for person in (await session.execute(stmt)).scalars():
        with catalogue.speaking(person.language):  # a stranger's wrong code sets off the notice
            text = texts.CODE_FLOOD_NOTICE
        await enqueue(
            session,
            chat_id=person.telegram_id,
            kind=OutboxKind.NOTICE,
            text=text,
            person_id=person.id,
            dedupe_key=f"codeflood:{person.id}:{at:%Y%m%d%H}",
        )
