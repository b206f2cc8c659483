"""A note to the care team that a client sent media (a voice note, a video...) while an alert is open.

The bot does not pass the media on, and cannot read it: the person holding the alert hears
only that something came, as a quiet notice (no buttons), once per alert and kind of media.
The holder is the client's therapist; when they cannot be told, whoever was told of the alert
at its current tier.
"""

from __future__ import annotations

import html

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import texts
from bot.db.models import Alert, AlertRecipient, OutboxKind, Person
from bot.domain.care.alert_access import access
from bot.domain.care.alerts import can_be_told
from bot.domain.records import audit
from bot.domain.records.outbox import enqueue
from bot.texts import catalogue


async def _holders(session: AsyncSession, alert: Alert) -> list[Person]:
    therapist = await session.get(Person, alert.therapist_id) if alert.therapist_id else None
    if therapist is not None and can_be_told(therapist):
        return [therapist]
    stmt = select(AlertRecipient.person_id).where(
        AlertRecipient.alert_id == alert.id, AlertRecipient.level == alert.level
    )
    people = [await session.get(Person, pid) for pid in (await session.execute(stmt)).scalars()]
    return [p for p in people if can_be_told(p) and p is not None and await access(session, alert, p) is not None]


async def note_media(session: AsyncSession, client_id: int, kind: str) -> int:
    """Tell whoever holds the client's open alerts that `kind` of media came; returns the notices queued."""
    client = await session.get(Person, client_id)
    if client is None:
        return 0
    stmt = select(Alert).where(Alert.client_id == client_id, Alert.status == "open").order_by(Alert.id)
    queued = 0
    for alert in (await session.execute(stmt)).scalars():
        for holder in await _holders(session, alert):
            with catalogue.speaking(holder.language):  # the holder's language, not the client's who sent it
                text = texts.MEDIA_NOTE_TO_TEAM.format(
                    code=html.escape(client.code), what=texts.MEDIA_LABEL.get(kind, kind), alert_id=alert.id
                )
            queued += await enqueue(
                session,
                chat_id=holder.telegram_id,
                person_id=holder.id,
                kind=OutboxKind.NOTICE,
                text=text,
                dedupe_key=f"alert:{alert.id}:media:{kind}:{holder.id}",
            )
        audit.record(session, "alert.media_noted", client_person_id=client_id, alert=alert.id, media=kind)
    return queued
