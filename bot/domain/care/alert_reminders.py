"""Reminders at the end of the escalation chain: an alert a human has on their phone but nobody
has acknowledged is pushed again, to whoever holds it and the admins, until it is acknowledged.

The timer is the alert's own row (`next_escalation_at`, claimed with a lease by the escalation
loop), so a restart loses nothing and reminds nobody twice. The interval is a setting per
severity (`ALERT_REMINDER_MINUTES` for crisis, `ALERT_HIGH_REMINDER_MINUTES` for high). Each
reminder says how many minutes the alert has been open; an acknowledgement stops the timer and
cancels any reminder still queued (an alert push like the others).
"""

from __future__ import annotations

import datetime as dt
import html

from sqlalchemy.ext.asyncio import AsyncSession

from bot import texts
from bot.db.models import Alert, OutboxKind, Person
from bot.domain.care import alert_access
from bot.domain.care.buttons import AlertAck, AlertReply, AlertView
from bot.domain.care.oncall import last_resort
from bot.domain.records import audit
from bot.domain.records.outbox import enqueue
from bot.texts import catalogue


def minutes_open(alert: Alert, at: dt.datetime) -> int:
    return max(0, int((at - alert.created_at).total_seconds() // 60))


async def remind(session: AsyncSession, alert: Alert, client: Person, at: dt.datetime, every: dt.timedelta) -> int:
    """Push the reminder to the alert's holders and every admin; set the next one. Returns pushes queued."""
    minutes = minutes_open(alert, at)
    people = {p.id: p for p in await alert_access.holders(session, alert)}
    for admin in await last_resort(session):
        people.setdefault(admin.id, admin)
    queued = 0
    for person in people.values():
        with catalogue.speaking(person.language):
            text = texts.ALERT_REMINDER_PUSH.format(
                severity=html.escape(texts.SEVERITY_LABEL[alert.severity]),
                alert_id=alert.id,
                code=html.escape(client.code),
                minutes=minutes,
            )
            buttons = [
                [
                    (texts.ALERT_BUTTON_VIEW, AlertView(alert_id=alert.id).pack()),
                    (texts.ALERT_BUTTON_ACK, AlertAck(alert_id=alert.id).pack()),
                    (texts.ALERT_BUTTON_REPLY, AlertReply(alert_id=alert.id).pack()),
                ]
            ]
        queued += await enqueue(
            session,
            chat_id=person.telegram_id,
            person_id=person.id,
            kind=OutboxKind.ALERT,
            text=text,
            buttons=buttons,
            dedupe_key=f"alert:{alert.id}:reminder:{minutes}:{person.id}",
            alert_id=alert.id,
        )
    alert.next_escalation_at = at + every
    alert.lease_until = None
    audit.record(
        session, "alert.reminded", client_person_id=client.id, alert=alert.id, minutes=minutes, told=len(people)
    )
    return queued
