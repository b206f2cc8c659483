"""A reply from the care team to the client, straight from the alert ("I'll call you in 10 minutes").

Whoever may handle the alert (bot.domain.care.alert_access.may_handle) can write to the client. The
words reach the client at once through the outbox (due now, the caller wakes the loop after the
commit), behind a neutral opening, and are kept with the alert as a line the View shows
(encrypted like every flag's explanation), so the exchange stays with the alert. Audited.
"""

from __future__ import annotations

import enum
import html

from sqlalchemy.ext.asyncio import AsyncSession

from bot import texts
from bot.core.clock import now
from bot.db.models import Alert, FlagRecord, OutboxKind, Person
from bot.domain.care.alert_access import may_handle
from bot.domain.records import audit
from bot.domain.records.outbox import enqueue
from bot.texts import catalogue

REPLY_CHARS = 1000  # a message, not a letter; kept whole with the alert


class ReplyOutcome(enum.Enum):
    SENT = "sent"
    NOT_ALLOWED = "not_allowed"
    NOT_FOUND = "not_found"
    CLIENT_UNREACHABLE = "client_unreachable"  # paused, left, or blocking the bot: nothing can arrive


async def client_code(session: AsyncSession, alert_id: int, person_id: int) -> str | None:
    """The alert's client code, for someone who may handle the alert; else None."""
    alert = await session.get(Alert, alert_id)
    person = await session.get(Person, person_id)
    if alert is None or person is None or not await may_handle(session, alert, person):
        return None
    client = await session.get(Person, alert.client_id)
    return client.code if client is not None else None


async def reply_to_client(session: AsyncSession, alert_id: int, person_id: int, text: str) -> ReplyOutcome:
    """Queue the words to the client (due now) and keep them with the alert."""
    alert = await session.get(Alert, alert_id)
    person = await session.get(Person, person_id)
    if alert is None or person is None:
        return ReplyOutcome.NOT_FOUND
    if not await may_handle(session, alert, person):
        audit.record(session, "alert.reply_denied", actor_person_id=person_id, client_person_id=alert.client_id)
        return ReplyOutcome.NOT_ALLOWED
    client = await session.get(Person, alert.client_id)
    if client is None or not (client.active and client.reachable and client.consent_version):
        return ReplyOutcome.CLIENT_UNREACHABLE
    words = text.strip()[:REPLY_CHARS]
    session.add(
        FlagRecord(
            person_id=client.id,
            alert_id=alert.id,
            source="message",
            severity=alert.severity,
            rule="team_reply",
            explanation=f"{person.code} replied: “{' '.join(words.split())}”",
            created_at=now(),
        )
    )
    await session.flush()
    with catalogue.speaking(client.language):  # the opening in the client's language; the words as written
        text = texts.ALERT_REPLY_TO_CLIENT.format(text=html.escape(words))
    await enqueue(
        session,
        chat_id=client.telegram_id,
        person_id=client.id,
        kind=OutboxKind.QUESTION,
        text=text,
        due_at=now(),
    )
    audit.record(session, "alert.replied", actor_person_id=person_id, client_person_id=client.id, alert=alert.id)
    return ReplyOutcome.SENT
