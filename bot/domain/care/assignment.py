"""Assigning a client's therapist, from Telegram or the command line.

Reassigning moves the client's open alerts to the new therapist, who is told of the urgent
ones at once (code and severity only), and the client's unanswered questions with them.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import Alert, CareQuestion, ClientProfile, Person, Role
from bot.domain.care import alert_access, alerts, followups
from bot.domain.records import audit


class Outcome(enum.StrEnum):
    ASSIGNED = "assigned"
    UNCHANGED = "unchanged"
    NO_CLIENT = "no_client"
    NO_THERAPIST = "no_therapist"


@dataclass(frozen=True)
class Assignment:
    outcome: Outcome
    client_code: str = ""
    therapist_code: str = ""
    previous_code: str | None = None
    alerts_moved: int = 0


async def find_client(session: AsyncSession, code: str) -> Person | None:
    stmt = select(Person).where(Person.code == code.strip().upper(), Person.role == Role.CLIENT)
    return (await session.execute(stmt)).scalar_one_or_none()


async def find_therapist(session: AsyncSession, code: str) -> Person | None:
    stmt = select(Person).where(
        Person.code == code.strip().upper(), Person.role == Role.THERAPIST, Person.active.is_(True)
    )
    return (await session.execute(stmt)).scalar_one_or_none()


async def therapists(session: AsyncSession) -> list[tuple[int, str, str]]:
    """(id, code, display name) of every active therapist, for a picker."""
    stmt = select(Person).where(Person.role == Role.THERAPIST, Person.active.is_(True)).order_by(Person.code)
    return [(p.id, p.code, p.display_name) for p in (await session.execute(stmt)).scalars()]


async def assign(
    session: AsyncSession, client_code: str, therapist_code: str, *, by_person_id: int | None = None
) -> Assignment:
    """Make `therapist_code` the client's therapist; their open alerts and questions move along."""
    client = await find_client(session, client_code)
    if client is None:
        return Assignment(Outcome.NO_CLIENT)
    therapist = await find_therapist(session, therapist_code)
    if therapist is None:
        return Assignment(Outcome.NO_THERAPIST, client.code)
    profile = await session.get(ClientProfile, client.id)
    if profile is None:
        return Assignment(Outcome.NO_CLIENT)
    previous = await session.get(Person, profile.therapist_id) if profile.therapist_id else None
    if previous is not None and previous.id == therapist.id:
        return Assignment(Outcome.UNCHANGED, client.code, therapist.code, previous.code)
    profile.therapist_id = therapist.id
    open_alerts = list(
        (await session.execute(select(Alert).where(Alert.client_id == client.id, Alert.status == "open"))).scalars()
    )
    for alert in open_alerts:
        alert.therapist_id = therapist.id
        if alert.severity != "medium":
            await alerts.tell(
                session, alert, client, therapist, alert_access.THERAPIST, alerts.first_push(alert, client)
            )
    await session.execute(
        update(CareQuestion)
        .where(CareQuestion.client_id == client.id, CareQuestion.answer.is_(None))
        .values(therapist_id=therapist.id)
    )
    await followups.move_to(session, client.id, therapist.id)  # follow-ups after a crisis move along
    audit.record(
        session,
        "client.assign",
        actor_person_id=by_person_id,
        client_person_id=client.id,
        therapist=therapist.id,
        previous=previous.id if previous else None,
        alerts_moved=len(open_alerts),
    )
    return Assignment(
        Outcome.ASSIGNED, client.code, therapist.code, previous.code if previous else None, len(open_alerts)
    )
