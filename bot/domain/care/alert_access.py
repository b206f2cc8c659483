"""Who may see and acknowledge an alert: the rule every view, list and button asks.

Access follows the assignment and the on-call shift, never a past push.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Alert, AlertRecipient, ClientProfile, Person, Role
from bot.domain.care.oncall import current_oncall

THERAPIST, ONCALL, ADMINS = 0, 1, 2  # escalation tiers; ADMINS is the end of the chain


async def access(session: AsyncSession, alert: Alert, person: Person) -> str | None:
    """Why `person` may see and acknowledge the alert ("team", "therapist", "oncall"), or None.

    Access follows the assignment and the shift, never a past push: staff and admins; the client's
    therapist now (a therapist the client was moved away from loses access); and whoever is on call
    now, for an alert that has reached the on-call tier (it ends when they hand over).
    """
    if person.role in (Role.STAFF, Role.ADMIN):
        return "team"
    if person.role is not Role.THERAPIST or not person.active:
        return None
    profile = await session.get(ClientProfile, alert.client_id)
    if profile is not None and profile.therapist_id == person.id:
        return "therapist"
    if alert.level >= ONCALL:
        oncall = await current_oncall(session)
        if oncall is not None and oncall.id == person.id:
            return "oncall"
    return None


async def may_handle(session: AsyncSession, alert: Alert, person: Person) -> bool:
    """Staff and admins, the client's therapist now, and whoever is on call now for an escalated alert."""
    return await access(session, alert, person) is not None


async def holders(session: AsyncSession, alert: Alert) -> list[Person]:
    """Who holds the alert now, by the same rule: whoever acknowledged it while they still may handle
    it; else everyone told who still may (a moved-away therapist, an on-call who handed over, no
    longer), the client's therapist now, and whoever is on call now once it reached that tier.
    Only people a push can reach (active, not blocking the bot)."""
    found: dict[int, Person] = {}
    if alert.acked_by is not None:
        acker = await session.get(Person, alert.acked_by)
        if acker is not None and await access(session, alert, acker) is not None:
            found[acker.id] = acker
    if not found:
        told = select(AlertRecipient.person_id).where(AlertRecipient.alert_id == alert.id)
        for person_id in (await session.execute(told.order_by(AlertRecipient.told_at))).scalars():
            person = await session.get(Person, person_id)
            if person is not None and await access(session, alert, person) is not None:
                found[person.id] = person
        profile = await session.get(ClientProfile, alert.client_id)
        if alert.therapist_id is not None and profile is not None and profile.therapist_id is not None:
            therapist = await session.get(Person, profile.therapist_id)  # not for a paused client's alert
            if therapist is not None:
                found.setdefault(therapist.id, therapist)
        oncall = await current_oncall(session) if alert.level >= ONCALL else None
        if oncall is not None:
            found.setdefault(oncall.id, oncall)
    return [p for p in found.values() if p.active and p.reachable]


async def open_alert_for(session: AsyncSession, client_id: int, person: Person) -> int | None:
    """The newest open alert of the client that `person` may handle now (on call for it, say), else None."""
    stmt = select(Alert).where(Alert.client_id == client_id, Alert.status == "open").order_by(Alert.id.desc())
    for alert in (await session.execute(stmt)).scalars():
        if await access(session, alert, person) is not None:
            return alert.id
    return None
