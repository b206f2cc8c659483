"""Invites after they are issued: how clients may be named on one, the pending list, and revoking."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from bot.core.clock import now
from bot.db.models import Invite, Person, Role
from bot.domain.records import audit

_INITIALS = re.compile(r"^[A-Za-z]{1,4}$")
_CLIENT_CODE = re.compile(r"^C-?(\d{3,6})$", re.IGNORECASE)  # the clinic's own client code, e.g. C-1042


@dataclass(frozen=True)
class ClientLabel:
    """How a client is named on an invite: initials (display name) or the clinic's code (person code)."""

    initials: str = ""
    person_code: str | None = None


def client_label(text: str) -> ClientLabel | None:
    """Initials (1–4 letters; dots forgiven: "J.D.") or a clinic code (C-1042); None for anything else."""
    raw = text.strip()
    code = _CLIENT_CODE.match(raw)
    if code:
        return ClientLabel(person_code=f"C-{code.group(1)}")
    initials = raw.replace(".", "")
    if _INITIALS.match(initials):
        return ClientLabel(initials=initials.upper())
    return None


@dataclass(frozen=True)
class PendingInvite:
    id: int
    role: Role
    person_code: str
    display_name: str
    expires_at: dt.datetime
    created_by: str  # the issuer's code, "" when made from the command line


async def pending(session: AsyncSession, limit: int = 30) -> list[PendingInvite]:
    """Unused, unexpired invites, soonest to expire first."""
    issuer = aliased(Person)
    stmt = (
        select(Invite, issuer.code)
        .outerjoin(issuer, issuer.id == Invite.created_by)
        .where(Invite.used_at.is_(None), Invite.expires_at > now())
        .order_by(Invite.expires_at)
        .limit(limit)
    )
    return [
        PendingInvite(inv.id, inv.role, inv.person_code, inv.display_name, inv.expires_at, by or "")
        for inv, by in (await session.execute(stmt)).tuples()
    ]


async def revoke(session: AsyncSession, invite_id: int, actor_id: int) -> PendingInvite | None:
    """End a pending invite now: its code stops working and its client code is free again. None if not pending."""
    inv = await session.get(Invite, invite_id)
    t = now()
    if inv is None or inv.used_at is not None or inv.expires_at <= t:
        return None
    inv.expires_at = t
    audit.record(session, "invite.revoked", actor_person_id=actor_id, invite=inv.id)
    return PendingInvite(inv.id, inv.role, inv.person_code, inv.display_name, t, "")
