"""Who may see and acknowledge an alert: the rule every view, list and button asks.

Access follows the assignment and the on-call shift, never a past push.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Alert, ClientProfile, Person, Role
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
