"""The outbox: every message the bot sends on its own initiative, and the one loop that delivers it.

Rows are written first (`enqueue`), then delivered by `Delivery`: it claims due rows in
small batches (PostgreSQL: FOR UPDATE SKIP LOCKED, so two processes never take the same
row; SQLite: one UPDATE ... RETURNING), sends them paced under Telegram's limits, and
records every outcome in one transaction per batch. A crash between sending and
recording repeats at most that batch, after its lease runs out; nothing is lost.

Outcomes: delivered; RetryAfter waits as told; network errors and 5xx retry with growing
backoff and end dead after `max_attempts`, except the rows that carry safety, which never
die of them (`safety_rows`); Forbidden (or a chat Telegram does not know) marks the
recipient unreachable, cancels their other rows, tells staff once and moves an alert's
chain on; any other BadRequest is dead at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import html
import json
import logging
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, case, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError

from bot import texts
from bot.core.clock import now
from bot.db.models import Alert, OutboxKind, OutboxMessage, OutboxStatus, Person, Role
from bot.db.session import Database
from bot.delivery import safety_rows
from bot.delivery.pacing import Pacer, as_seconds
from bot.domain.records import audit
from bot.domain.records.outbox import enqueue as enqueue  # re-exported: callers write rows through outbox.enqueue
from bot.domain.records.outbox import payload as payload
from bot.texts import catalogue

log = logging.getLogger(__name__)

MAX_WAIT_IN_BATCH = 2.0  # seconds; pacing waits are far shorter, a RetryAfter pause usually longer

# Crisis replies owed after an outage or a pause go before everything else.
_crisis_first = case((OutboxMessage.kind == OutboxKind.CRISIS_REPLY, 0), else_=1)

PENDING, SENDING, DELIVERED = OutboxStatus.PENDING, OutboxStatus.SENDING, OutboxStatus.DELIVERED
CANCELLED, DEAD = OutboxStatus.CANCELLED, OutboxStatus.DEAD


# Writing rows (`enqueue`, `payload`) lives in bot.domain.records.outbox: planners in the domain use it.


# --- delivering ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Policy:
    batch_size: int = 20
    max_attempts: int = 8
    lease: dt.timedelta = dt.timedelta(seconds=30)
    backoff_base: float = 2.0
    backoff_max: float = 600.0
    poll_seconds: float = 1.0

    def backoff(self, attempts: int) -> dt.timedelta:
        """2, 4, 8 ... seconds (capped), with jitter so retries from many rows spread out."""
        seconds = min(self.backoff_max, self.backoff_base**attempts)
        return dt.timedelta(seconds=seconds * random.uniform(0.8, 1.2))


@dataclass
class Claimed:
    id: int
    chat_id: int
    person_id: int | None
    kind: OutboxKind
    payload: str
    attempts: int
    alert_id: int | None = None


@dataclass
class BatchReport:
    delivered: int = 0
    retried: int = 0
    deferred: int = 0
    dead: int = 0
    cancelled: int = 0
    rate_limited: int = 0
    paused: bool = False  # the batch was handed back because sending is paused

    @property
    def handled(self) -> int:
        return self.delivered + self.retried + self.deferred + self.dead + self.cancelled + self.rate_limited


@dataclass
class Delivery:
    """Claims, sends and records outbox rows. One per bot process."""

    db: Database
    bot: Bot
    policy: Policy = field(default_factory=Policy)
    pacer: Pacer = field(default_factory=Pacer)
    sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep
    wake: asyncio.Event = field(default_factory=asyncio.Event)
    outage: safety_rows.Outage = field(default_factory=safety_rows.Outage)
    open_alerts: set[int] = field(default_factory=set)  # of the batch being sent

    async def claim(self) -> list[Claimed]:
        """Take up to one batch of due rows (and rows whose sender died mid-batch)."""
        t = now()
        async with self.db.session() as s, s.begin():
            # Rows for people who withdrew consent or blocked the bot are not sent.
            blocked = select(Person.id).where(or_(Person.active.is_(False), Person.reachable.is_(False)))
            await s.execute(
                update(OutboxMessage)
                .where(OutboxMessage.status == PENDING, OutboxMessage.person_id.in_(blocked))
                .values(status=CANCELLED, last_error="recipient paused or unreachable", finished_at=t)
            )
            due = (
                select(OutboxMessage.id)
                .where(
                    or_(
                        and_(OutboxMessage.status == PENDING, OutboxMessage.next_try_at <= t),
                        and_(OutboxMessage.status == SENDING, OutboxMessage.claimed_until < t),
                    )
                )
                .order_by(_crisis_first, OutboxMessage.next_try_at, OutboxMessage.id)
                .limit(self.policy.batch_size)
            )
            if self.db.is_postgres:
                due = due.with_for_update(skip_locked=True)
            stmt = (
                update(OutboxMessage)
                .where(OutboxMessage.id.in_(due.scalar_subquery()))
                .values(status=SENDING, claimed_until=t + self.policy.lease)
                .returning(
                    OutboxMessage.id,
                    OutboxMessage.chat_id,
                    OutboxMessage.person_id,
                    OutboxMessage.kind,
                    OutboxMessage.payload,
                    OutboxMessage.attempts,
                    OutboxMessage.alert_id,
                )
            )
            rows = (await s.execute(stmt, execution_options={"synchronize_session": False})).all()
            alert_ids = {r.alert_id for r in rows if r.alert_id is not None}
            self.open_alerts = set()
            if alert_ids:
                opened = select(Alert.id).where(Alert.id.in_(alert_ids), Alert.status == "open")
                self.open_alerts = set((await s.execute(opened)).scalars())
        return sorted((Claimed(*r) for r in rows), key=lambda c: (c.kind != OutboxKind.CRISIS_REPLY, c.id))

    async def run_once(self) -> BatchReport:
        """Deliver one batch; returns what happened to it."""
        report = BatchReport()
        rows = await self.claim()
        updates: list[dict[str, Any]] = []
        unreachable: list[Claimed] = []
        blocked_chats: set[int] = set()
        learned = safety_rows.Outcomes()
        for i, row in enumerate(rows):
            t = now()
            if row.chat_id in blocked_chats:
                updates.append(_values(row, CANCELLED, error="recipient blocked the bot"))
                report.cancelled += 1
                continue
            urgent = row.kind == OutboxKind.CRISIS_REPLY
            wait = self.pacer.chat_wait(row.chat_id)
            if wait > 0.05:
                # This chat had a message under a second ago: hand the row back, no attempt used.
                updates.append(_values(row, PENDING, next_try_at=t + dt.timedelta(seconds=wait)))
                report.deferred += 1
                continue
            hold = self.pacer.global_wait(urgent=urgent)
            if hold > MAX_WAIT_IN_BATCH:
                # Paused by a RetryAfter (maybe on a handler reply): hand the batch back rather
                # than sleep on it, so its lease cannot run out while this process holds it.
                again = t + dt.timedelta(seconds=hold)
                updates += [_values(rest, PENDING, next_try_at=again) for rest in rows[i:]]
                report.deferred += len(rows) - i
                report.paused = True
                break
            await self.sleep(max(wait, self.pacer.reserve(row.chat_id, urgent=urgent)))
            try:
                sent_id = await self._send(row)
            except RetryAfter as exc:
                retry = as_seconds(exc.retry_after)
                report.rate_limited += 1
                again = now() + dt.timedelta(seconds=retry)
                if not self.pacer.retry_after(row.chat_id, retry):
                    updates.append(_values(row, PENDING, next_try_at=again))  # this chat waits; the others go on
                    continue
                # Telegram asked the whole bot to wait: this row and the rest go back untouched.
                for rest in rows[i:]:
                    updates.append(_values(rest, PENDING, next_try_at=again))
                report.deferred += len(rows) - i - 1
                break
            except (Forbidden, BadRequest) as exc:
                never = isinstance(exc, Forbidden) or safety_rows.refused_for_good(row.kind, exc.message)
                label = "forbidden" if isinstance(exc, Forbidden) else "bad request"
                updates.append(_values(row, DEAD, error=f"{label}: {exc.message}", attempts=row.attempts + 1))
                report.dead += 1
                if never:
                    unreachable.append(row)
                    blocked_chats.add(row.chat_id)
                if never and row.alert_id is not None and row.kind in safety_rows.PUSH_KINDS:
                    learned.refused.append(row.alert_id)  # the next person in the chain, now
            except TelegramError as exc:  # network errors, timeouts, 5xx
                attempts = row.attempts + 1
                if safety_rows.keeps_trying(row.kind, row.alert_id, self.open_alerts):
                    self.outage.failed(row.id, row.alert_id, now())
                    again = now() + safety_rows.backoff(attempts)
                    updates.append(_values(row, PENDING, error=str(exc.message), attempts=attempts, next_try_at=again))
                    report.retried += 1
                elif attempts >= self.policy.max_attempts:
                    updates.append(
                        _values(row, DEAD, error=f"gave up after {attempts} tries: {exc.message}", attempts=attempts)
                    )
                    report.dead += 1
                else:
                    updates.append(
                        _values(
                            row,
                            PENDING,
                            error=str(exc.message),
                            attempts=attempts,
                            next_try_at=now() + self.policy.backoff(attempts),
                        )
                    )
                    report.retried += 1
            else:
                updates.append(_values(row, DELIVERED, attempts=row.attempts + 1))
                report.delivered += 1
                if row.kind == OutboxKind.ALERT and row.alert_id is not None:
                    learned.delivered.append((row.alert_id, row.person_id, sent_id))
                if row.kind in safety_rows.SAFETY_KINDS and self.outage.since is not None:
                    learned.back = True
                    learned.outage = self.outage.recovered(now())
        if updates:
            await self._record(updates, unreachable, learned)
        return report

    async def _send(self, row: Claimed) -> int:
        """Send the row; returns the message id Telegram gave it."""
        data = json.loads(row.payload)
        markup = None
        if data.get("buttons"):
            markup = InlineKeyboardMarkup(
                [[InlineKeyboardButton(label, callback_data=cb) for label, cb in r] for r in data["buttons"]]
            )
        # Rows written before the Application's Defaults carry their parse mode; honour it.
        extra = {"parse_mode": data["parse_mode"]} if "parse_mode" in data else {}
        sent = await self.bot.send_message(row.chat_id, data["text"], reply_markup=markup, **extra)
        return sent.message_id

    async def _record(
        self, updates: list[dict[str, Any]], unreachable: list[Claimed], learned: safety_rows.Outcomes
    ) -> None:
        async with self.db.session() as s, s.begin():
            await s.execute(update(OutboxMessage), updates)
            for row in unreachable:
                await _mark_unreachable(s, row)
            if learned:
                await safety_rows.record(s, learned, now())
        if learned.delivered or learned.outage or learned.back:
            self.wake.set()  # receipts, notices and delayed safety rows are due now

    async def run_forever(self) -> None:
        """Deliver until cancelled; sleeps between batches only when nothing is due."""
        while True:
            try:
                report = await self.run_once()
            except asyncio.CancelledError:
                raise
            except Exception:  # a database hiccup must not end delivery; log and go on
                log.exception("outbox batch failed")
                report = BatchReport()
            if report.handled == 0 or report.rate_limited or report.paused:
                self.wake.clear()
                with contextlib.suppress(TimeoutError):  # nothing woke us: poll again
                    await asyncio.wait_for(
                        self.wake.wait(), timeout=max(self.policy.poll_seconds, self.pacer.global_wait())
                    )


def _values(
    row: Claimed,
    status: OutboxStatus,
    *,
    error: str | None = None,
    attempts: int | None = None,
    next_try_at: dt.datetime | None = None,
) -> dict[str, Any]:
    values: dict[str, Any] = {"id": row.id, "status": status, "claimed_until": None}
    if error is not None:
        values["last_error"] = error[:500]
    if attempts is not None:
        values["attempts"] = attempts
    if next_try_at is not None:
        values["next_try_at"] = next_try_at
    if status in (DELIVERED, DEAD, CANCELLED):
        values["finished_at"] = now()
    return values


async def _mark_unreachable(s: AsyncSession, row: Claimed) -> None:
    """Blocked by the user: cancel their other rows and tell the team, once per person."""
    t = now()
    person = (
        await s.get(Person, row.person_id)
        if row.person_id
        else (await s.execute(select(Person).where(Person.telegram_id == row.chat_id))).scalar_one_or_none()
    )
    await s.execute(
        update(OutboxMessage)
        .where(OutboxMessage.chat_id == row.chat_id, OutboxMessage.status == PENDING)
        .values(status=CANCELLED, last_error="recipient blocked the bot", finished_at=t)
    )
    if person is not None and person.reachable:
        await _note_unreachable(s, person)


async def _note_unreachable(s: AsyncSession, person: Person) -> None:
    """Mark the person unreachable, audit it, and queue one notice to each staff member."""
    t = now()
    person.reachable = False
    audit.record(
        s,
        "person.unreachable",
        client_person_id=person.id if person.role is Role.CLIENT else None,
        person_code=person.code,
    )
    team = select(Person.telegram_id, Person.id, Person.language).where(
        Person.role.in_([Role.STAFF, Role.ADMIN]), Person.active, Person.reachable, Person.id != person.id
    )
    for chat_id, staff_id, language in (await s.execute(team)).all():
        with catalogue.speaking(language):  # the delivery loop writes it: no reader of its own
            text = texts.UNREACHABLE_NOTICE.format(code=html.escape(person.code))
        key = f"unreachable:{person.id}:{t:%Y%m%d%H%M%S}:{staff_id}"
        await enqueue(s, chat_id=chat_id, person_id=staff_id, kind=OutboxKind.NOTICE, text=text, dedupe_key=key)


# --- reading -------------------------------------------------------------------------------


@dataclass(frozen=True)
class DeadRow:
    id: int
    kind: str
    recipient: str
    error: str
    at: dt.datetime | None
    attempts: int


async def dead_rows(session: AsyncSession, limit: int = 20) -> list[DeadRow]:
    """The most recent undeliverable rows, recipients by code only (no message text)."""
    stmt = (
        select(OutboxMessage, Person.code)
        .outerjoin(Person, Person.id == OutboxMessage.person_id)
        .where(OutboxMessage.status == DEAD)
        .order_by(OutboxMessage.finished_at.desc(), OutboxMessage.id.desc())
        .limit(limit)
    )
    return [
        DeadRow(m.id, m.kind, code or f"chat {m.chat_id}", m.last_error or "", m.finished_at, m.attempts)
        for m, code in (await session.execute(stmt)).all()
    ]


async def counts(session: AsyncSession) -> dict[str, int]:
    rows = (await session.execute(select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status))).all()
    return {str(status): n for status, n in rows}


async def set_reachable(session: AsyncSession, telegram_id: int, reachable: bool) -> bool:
    """Telegram told us the person blocked or unblocked the bot. Returns True if known."""
    person = (await session.execute(select(Person).where(Person.telegram_id == telegram_id))).scalar_one_or_none()
    if person is None:
        return False
    if person.reachable and not reachable:
        await _note_unreachable(session, person)
    elif reachable and not person.reachable:
        person.reachable = True
        audit.record(session, "person.reachable", client_person_id=person.id if person.role is Role.CLIENT else None)
    return True
