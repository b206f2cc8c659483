"""The outbox rows that carry safety, and what their outcomes mean.

Crisis replies, alert pushes (first push and every escalation), "wrote again" pushes and the
client's receipts never die of a transient error (5xx, timeout, network): they retry with a
backoff capped at a few minutes, pushes for as long as their alert is open. A push Telegram
refuses for good moves the alert's chain on at once; a delivered push is what makes the
client's "your care team has been told" true.

`Outage` remembers, in memory, when safety rows began failing. When Telegram takes one
again after a long enough spell, every admin is told once how many alerts were delayed (a
restart mid-outage forgets it: the alerts themselves are rows and still arrive).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot import texts
from bot.db.models import OutboxKind, OutboxMessage, OutboxStatus, Person, Role
from bot.domain.care import alert_delivery
from bot.domain.records.outbox import enqueue
from bot.texts import catalogue, wording

SAFETY_KINDS = frozenset({OutboxKind.CRISIS_REPLY, OutboxKind.ALERT, OutboxKind.ALERT_FOLLOW_UP, OutboxKind.RECEIPT})
PUSH_KINDS = frozenset({OutboxKind.ALERT, OutboxKind.ALERT_FOLLOW_UP})
BACKOFF_CAP = 180.0  # seconds: during an outage a safety row is tried at least every three minutes
BACKOFF_CAP_DELTA = dt.timedelta(seconds=BACKOFF_CAP)
OUTAGE_WORTH_TELLING = dt.timedelta(minutes=1)  # a blip of a few seconds is nobody's business


def keeps_trying(kind: str, alert_id: int | None, open_alerts: set[int]) -> bool:
    """A transient failure never ends this row: crisis replies and receipts always, pushes while their alert is open."""
    if kind not in SAFETY_KINDS:
        return False
    if kind in PUSH_KINDS:
        return alert_id is not None and alert_id in open_alerts
    return True


def backoff(attempts: int) -> dt.timedelta:
    """1, 2, 4 ... seconds up to the cap, with jitter so many rows do not retry in step."""
    seconds = min(BACKOFF_CAP, 2.0 ** max(0, attempts - 1))
    return dt.timedelta(seconds=seconds * random.uniform(0.8, 1.0))


def refused_for_good(kind: str, message: str) -> bool:
    """Telegram will never deliver to this chat: blocked is Forbidden; a chat it does not know is a 400."""
    return "chat not found" in message.lower() or "user not found" in message.lower()


@dataclass
class Outage:
    """Safety rows failing since `since`; the alerts they belonged to."""

    since: dt.datetime | None = None
    alerts: set[int] = field(default_factory=set)
    rows: set[int] = field(default_factory=set)

    def failed(self, row_id: int, alert_id: int | None, at: dt.datetime) -> None:
        if self.since is None:
            self.since = at
        self.rows.add(row_id)
        if alert_id is not None:
            self.alerts.add(alert_id)

    def recovered(self, at: dt.datetime) -> tuple[dt.timedelta, int] | None:
        """Telegram took a safety row again: (how long, how many alerts) once, if worth telling."""
        if self.since is None:
            return None
        spell, delayed = at - self.since, len(self.alerts) or len(self.rows)
        self.since, self.alerts, self.rows = None, set(), set()
        return (spell, delayed) if spell >= OUTAGE_WORTH_TELLING else None


@dataclass
class Outcomes:
    """What one batch learned about alerts, recorded in the batch's transaction."""

    delivered: list[tuple[int, int | None, int | None]] = field(default_factory=list)  # (alert, recipient, message)
    refused: list[int] = field(default_factory=list)  # alert ids
    outage: tuple[dt.timedelta, int] | None = None
    back: bool = False  # Telegram took a safety row after failing: the delayed ones need not wait their backoff

    def __bool__(self) -> bool:
        return bool(self.delivered or self.refused or self.outage or self.back)


async def record(s: AsyncSession, outcomes: Outcomes, at: dt.datetime) -> None:
    for alert_id, person_id, message_id in outcomes.delivered:
        await alert_delivery.push_delivered(s, alert_id, person_id, at, message_id=message_id)
    for alert_id in outcomes.refused:
        await alert_delivery.push_refused(s, alert_id, at)
    if outcomes.back:  # every safety row still in backoff is due now, crisis replies first (the claim's order)
        await s.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.status == OutboxStatus.PENDING,
                OutboxMessage.kind.in_(SAFETY_KINDS),
                OutboxMessage.attempts > 0,
                OutboxMessage.next_try_at > at,
            )
            .values(next_try_at=at)
        )
    if outcomes.outage is not None:
        await tell_admins(s, *outcomes.outage, at=at)


async def tell_admins(s: AsyncSession, spell: dt.timedelta, delayed: int, *, at: dt.datetime) -> None:
    """One notice per admin (staff if there is none) that an outage delayed alerts."""
    minutes = max(1, int(spell.total_seconds() // 60))
    for role in (Role.ADMIN, Role.STAFF):
        stmt = select(Person).where(Person.role == role, Person.active.is_(True), Person.reachable.is_(True))
        people = list((await s.execute(stmt.order_by(Person.id))).scalars())
        for person in people:
            with catalogue.speaking(person.language):
                text = texts.OUTAGE_NOTICE.format(
                    minutes=wording.count(minutes, "minute"), alerts=wording.count(delayed, "alert")
                )
            await enqueue(
                s,
                chat_id=person.telegram_id,
                person_id=person.id,
                kind=OutboxKind.NOTICE,
                text=text,
                dedupe_key=f"outage:{at:%Y%m%d%H%M%S}:{person.id}",
            )
        if people:
            return
