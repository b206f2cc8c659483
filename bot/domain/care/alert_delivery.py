"""What the outbox's outcomes mean for an alert: reached, refused, acknowledged, written to again.

An alert counts as having reached a human only when Telegram took one of its pushes
(`alert_recipient.delivered_at`), never when a row was written: the client's "your care
team has been told" follows that first delivery, and the end of the escalation chain keeps
looking until it has happened. A push Telegram refuses for good (blocked, chat not found)
moves the chain on at once instead of waiting for the escalation window.
"""

from __future__ import annotations

import datetime as dt
import html

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot import texts
from bot.core.clock import now
from bot.db.models import Alert, AlertRecipient, OutboxKind, OutboxMessage, OutboxStatus, Person
from bot.domain.care import alert_access
from bot.domain.care.buttons import AlertView
from bot.domain.records.outbox import enqueue
from bot.texts import catalogue

WROTE_AGAIN_QUIET = dt.timedelta(minutes=2)  # one "wrote again" push per holder and alert in this time


async def receipt(session: AsyncSession, client: Person, alert_id: int, *, told: bool) -> None:
    """The client's neutral note that their care team has been told (told) or has seen it (acknowledged).

    In the client's language: the delivery loop or a team member's tap writes it, never the client."""
    with catalogue.speaking(client.language):
        text = texts.CLIENT_RECEIPT_TOLD if told else texts.CLIENT_RECEIPT_ACKED
    await enqueue(
        session,
        chat_id=client.telegram_id,
        person_id=client.id,
        kind=OutboxKind.RECEIPT,
        text=text,
        dedupe_key=f"alert:{alert_id}:receipt:{'told' if told else 'acked'}",
        alert_id=alert_id,
    )


async def reached(session: AsyncSession, alert_id: int) -> bool:
    """True once Telegram has taken a push of this alert to someone."""
    stmt = select(AlertRecipient.person_id).where(
        AlertRecipient.alert_id == alert_id, AlertRecipient.delivered_at.is_not(None)
    )
    return (await session.execute(stmt.limit(1))).first() is not None


async def cancel_pushes(session: AsyncSession, alert_id: int, at: dt.datetime) -> None:
    """Cancel the alert's pushes still waiting in the outbox (it was acknowledged)."""
    await session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.alert_id == alert_id,
            OutboxMessage.kind == OutboxKind.ALERT,
            OutboxMessage.status == OutboxStatus.PENDING,
        )
        .values(status=OutboxStatus.CANCELLED, last_error="alert acknowledged", finished_at=at)
    )


async def push_delivered(
    session: AsyncSession, alert_id: int, person_id: int | None, at: dt.datetime, *, message_id: int | None = None
) -> None:
    """Telegram took a push: note it (and its message, for editing its buttons later), and give the
    client their first receipt (once)."""
    if person_id is not None:
        recipient = await session.get(AlertRecipient, (alert_id, person_id))
        if recipient is not None and recipient.delivered_at is None:
            recipient.delivered_at = at
        if recipient is not None and message_id is not None:
            recipient.message_id = message_id
    alert = await session.get(Alert, alert_id)
    if alert is None or alert.severity == "medium" or alert.status != "open":
        return  # acknowledged already: the second receipt says more than the first would
    client = await session.get(Person, alert.client_id)
    if client is not None:
        await receipt(session, client, alert_id, told=True)


async def push_refused(session: AsyncSession, alert_id: int, at: dt.datetime) -> None:
    """A push can never arrive (blocked, chat not found): the escalation loop moves on at its next look."""
    alert = await session.get(Alert, alert_id)
    if alert is not None and alert.status == "open" and alert.severity != "medium":
        alert.next_escalation_at = at
        alert.lease_until = None


async def _pushed_lately(session: AsyncSession, alert_id: int, person_id: int) -> bool:
    """A "wrote again" push for this alert went to this person less than WROTE_AGAIN_QUIET ago."""
    stmt = select(OutboxMessage.id).where(
        OutboxMessage.alert_id == alert_id,
        OutboxMessage.person_id == person_id,
        OutboxMessage.kind == OutboxKind.ALERT_FOLLOW_UP,
        OutboxMessage.created_at >= now() - WROTE_AGAIN_QUIET,
    )
    return (await session.execute(stmt.limit(1))).first() is not None


async def wrote_again(session: AsyncSession, alert: Alert, client: Person, flag_id: int) -> int:
    """Push "C-1234 wrote again" to the alert's holders (the words are shown on View, audited).

    A burst of messages wakes nobody ten times: a holder pushed about this alert in the last
    WROTE_AGAIN_QUIET already knows (the View shows every message). Returns how many holders know.
    """
    sent = 0
    for person in await alert_access.holders(session, alert):
        if await _pushed_lately(session, alert.id, person.id):
            sent += 1
            continue
        with catalogue.speaking(person.language):  # the holder's language, not the client's who wrote
            text = texts.ALERT_WROTE_AGAIN.format(code=html.escape(client.code), alert_id=alert.id)
            buttons = [[(texts.ALERT_BUTTON_VIEW, AlertView(alert_id=alert.id).pack())]]
        sent += await enqueue(
            session,
            chat_id=person.telegram_id,
            person_id=person.id,
            kind=OutboxKind.ALERT_FOLLOW_UP,
            text=text,
            buttons=buttons,
            dedupe_key=f"alert:{alert.id}:again:{flag_id}:{person.id}",
            alert_id=alert.id,
            due_at=now(),
        )
    return sent
