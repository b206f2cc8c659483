"""Broadcasts: one staff message to many people, each copy an outbox row; progress, cancelling, reports.

The copies go through the outbox like every other message (paced, retried, recorded), so a
crash mid-broadcast repeats at most the batch in flight and loses nothing. Counts are read
from the copies' outbox rows; who could not be reached is whoever's copy died, was cancelled
because they blocked the bot, or was never sendable (blocked before the broadcast).
"""

from __future__ import annotations

import datetime as dt
import html
import json
from dataclasses import dataclass
from typing import cast

from sqlalchemy import Table, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot import texts
from bot.db.meeting_models import Broadcast, BroadcastRecipient
from bot.db.models import ClientProfile, OutboxKind, OutboxMessage, OutboxStatus, Person, Role
from bot.db.session import affected
from bot.domain.meetings import schedule
from bot.domain.meetings.buttons import BroadcastCancel, BroadcastRefresh
from bot.domain.meetings.week_text import render_week
from bot.domain.records import audit
from bot.texts import catalogue

KIND = OutboxKind.BROADCAST
AUDIENCES = ("clients", "cohort", "therapists", "everyone")
MAX_TEXT = 3500
CANCELLED_REASON = "broadcast cancelled"
SENDING, CANCELLED, DONE = "sending", "cancelled", "done"


@dataclass(frozen=True)
class Recipient:
    person_id: int
    chat_id: int
    timezone: str
    role: str
    code: str
    sendable: bool  # False: blocked the bot (or not consenting yet): counted as not reached
    language: str = "en"  # what they read: their copy is made in it (bot.domain.meetings.broadcast_versions)


async def recipients(session: AsyncSession, audience: str, cohort: str, sender_id: int) -> list[Recipient]:
    """Who the audience is now; people who stopped (/stop) are left out, unreachable ones counted."""
    if audience not in AUDIENCES:
        raise ValueError(f"unknown audience {audience!r}")
    stmt = select(
        Person.id,
        Person.telegram_id,
        Person.timezone,
        Person.role,
        Person.code,
        Person.reachable,
        Person.consent_version,
        Person.language,
    ).where(Person.active.is_(True), Person.id != sender_id)
    if audience in ("clients", "cohort"):
        stmt = stmt.where(Person.role == Role.CLIENT.value)
    elif audience == "therapists":
        stmt = stmt.where(Person.role == Role.THERAPIST.value)
    if audience == "cohort":
        stmt = stmt.join(ClientProfile, ClientProfile.person_id == Person.id).where(ClientProfile.cohort == cohort)
    rows = (await (await session.connection()).execute(stmt.order_by(Person.id))).tuples()
    return [
        Recipient(
            pid, chat, tz, role, code, bool(reach) and (role != Role.CLIENT.value or consent is not None), lang or "en"
        )
        for pid, chat, tz, role, code, reach, consent, lang in rows
    ]


async def schedule_texts(session: AsyncSession, people: list[Recipient], now: dt.datetime) -> dict[int, str]:
    """'This week's schedule' for each recipient in their own zone and language: clients their own meetings,
    the team all. The languages come with the recipients (one query): none is looked up per person."""
    cal = await schedule.load(session)
    week = cal.upcoming(now, now + dt.timedelta(days=7))
    audiences = schedule.Audiences(await schedule.reachable_clients(session))
    cache: dict[tuple[str, str, tuple[int, ...]], str] = {}
    found = {}
    for r in people:
        mine = [o for o in week if r.role != Role.CLIENT.value or audiences.includes(o.series, r.person_id)]
        key = (r.timezone, r.language, tuple(id(o) for o in mine))
        if key not in cache:
            with catalogue.speaking(r.language):
                cache[key] = render_week(mine, r.timezone)
        found[r.person_id] = cache[key]
    return found


def copy_key(broadcast_id: int, person_id: int) -> str:
    return f"bc:{broadcast_id}:{person_id}"


async def create(
    session: AsyncSession,
    sender_id: int,
    audience: str,
    cohort: str,
    content: str,
    text: str,
    now: dt.datetime,
    *,
    language: str = catalogue.SOURCE,
    versions: dict[str, str] | None = None,
) -> tuple[int, list[Recipient]]:
    """The broadcast's row and its recipient rows; the caller writes the copies (bot.delivery.broadcast_copies).
    `text` is the version written first, in `language`; `versions` every version by language."""
    people = await recipients(session, audience, cohort, sender_id)
    row = Broadcast(
        created_by=sender_id,
        audience=audience,
        cohort=cohort,
        content=content,
        text=text,
        language=language,
        versions=json.dumps(versions, ensure_ascii=False) if versions and len(versions) > 1 else None,
        status=SENDING,
        total=len(people),
        created_at=now,
    )
    session.add(row)
    await session.flush()
    audit.record(
        session,
        "broadcast.create",
        actor_person_id=sender_id,
        broadcast=row.id,
        audience=audience,
        recipients=len(people),
    )
    return row.id, people


async def link_copies(session: AsyncSession, broadcast_id: int, people: list[Recipient]) -> None:
    """Record each recipient with the id of their copy in the outbox (None if not sendable)."""
    stmt = select(OutboxMessage.person_id, OutboxMessage.id).where(
        OutboxMessage.kind == KIND, OutboxMessage.dedupe_key.startswith(f"bc:{broadcast_id}:", autoescape=True)
    )
    ids = dict((await (await session.connection()).execute(stmt)).tuples().all())
    table = cast(Table, BroadcastRecipient.__table__)
    values = [dict(broadcast_id=broadcast_id, person_id=r.person_id, outbox_id=ids.get(r.person_id)) for r in people]
    if values:
        await session.execute(table.insert(), values)


def audience_label(audience: str, cohort: str) -> str:
    label = texts.BROADCAST_AUDIENCE_LABEL.get(audience, audience)
    return f"{label} {cohort}" if audience == "cohort" else label.lower()


@dataclass(frozen=True)
class Progress:
    id: int
    status: str
    audience: str
    created_at: dt.datetime
    finished: bool
    total: int
    sent: int
    pending: int
    failed: int
    cancelled: int
    unreached: list[str]
    chat_id: int | None
    message_id: int | None
    shown: str
    audience_code: str = ""  # as stored ("cohort"), to name it in the reader's language
    cohort: str = ""
    language: str = "en"  # the sender's: the progress message is in their chat, edited by a job too

    @property
    def signature(self) -> str:
        return f"{self.status}:{self.sent}:{self.pending}:{self.failed}:{self.cancelled}:{int(self.finished)}"


async def progress(session: AsyncSession, broadcast_id: int) -> Progress | None:
    row = await session.get(Broadcast, broadcast_id)
    if row is None:
        return None
    sender = await session.get(Person, row.created_by) if row.created_by is not None else None
    stmt = (
        select(Person.code, OutboxMessage.status, OutboxMessage.last_error)
        .select_from(BroadcastRecipient)
        .join(Person, Person.id == BroadcastRecipient.person_id)
        .outerjoin(OutboxMessage, OutboxMessage.id == BroadcastRecipient.outbox_id)
        .where(BroadcastRecipient.broadcast_id == broadcast_id)
    )
    sent = pending = failed = cancelled = 0
    unreached = []
    for code, status, error in (await (await session.connection()).execute(stmt)).tuples():
        if status == OutboxStatus.DELIVERED.value:
            sent += 1
        elif status in (OutboxStatus.PENDING.value, OutboxStatus.SENDING.value):
            pending += 1
        elif status == OutboxStatus.CANCELLED.value and error == CANCELLED_REASON:
            cancelled += 1
        else:  # dead, cancelled because they blocked the bot, or never sendable
            failed += 1
            unreached.append(code)
    return Progress(
        row.id,
        row.status,
        audience_label(row.audience, row.cohort),
        row.created_at,
        row.finished_at is not None,
        row.total,
        sent,
        pending,
        failed,
        cancelled,
        sorted(unreached),
        row.chat_id,
        row.message_id,
        row.shown,
        row.audience,
        row.cohort,
        sender.language if sender is not None else catalogue.SOURCE,
    )


def render(p: Progress) -> tuple[str, list[list[tuple[str, str]]]]:
    """The progress message and its buttons (none once finished), in the sender's language: the
    progress job edits it with no reader of its own."""
    with catalogue.speaking(p.language):
        return _render(p)


def _render(p: Progress) -> tuple[str, list[list[tuple[str, str]]]]:
    audience = audience_label(p.audience_code, p.cohort) if p.audience_code else p.audience
    text = texts.BROADCAST_PROGRESS.format(
        bid=p.id, audience=html.escape(audience), sent=p.sent, pending=p.pending, failed=p.failed, total=p.total
    )
    if p.cancelled:
        text += texts.BROADCAST_CANCELLED_LINE.format(cancelled=p.cancelled)
    if p.finished:
        text += texts.BROADCAST_DONE
        if p.unreached:
            shown = ", ".join(p.unreached[:50]) + (
                texts.BROADCAST_MORE.format(n=len(p.unreached) - 50) if len(p.unreached) > 50 else ""
            )
            text += texts.BROADCAST_UNREACHED.format(codes=html.escape(shown))
        return text, []
    buttons = [(texts.BROADCAST_REFRESH, BroadcastRefresh(broadcast=p.id).pack())]
    if p.status == SENDING:
        buttons.append((texts.BROADCAST_CANCEL, BroadcastCancel(broadcast=p.id).pack()))
    return text, [buttons]


async def cancel(session: AsyncSession, broadcast_id: int, by: int, now: dt.datetime) -> int:
    """Stop a broadcast: its pending copies are cancelled (a batch already being sent still goes)."""
    row = await session.get(Broadcast, broadcast_id)
    if row is None or row.status != SENDING:
        return 0
    row.status = CANCELLED
    copies = select(BroadcastRecipient.outbox_id).where(BroadcastRecipient.broadcast_id == broadcast_id)
    result = await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(copies.scalar_subquery()), OutboxMessage.status == OutboxStatus.PENDING.value)
        .values(status=OutboxStatus.CANCELLED.value, last_error=CANCELLED_REASON, finished_at=now)
    )
    audit.record(session, "broadcast.cancel", actor_person_id=by, broadcast=broadcast_id)
    return affected(result)


async def settle(session: AsyncSession, broadcast_id: int, now: dt.datetime) -> Progress | None:
    """Mark the broadcast finished once no copy is pending; returns its progress as it stands."""
    p = await progress(session, broadcast_id)
    if p is None or p.finished or p.pending:
        return p
    row = await session.get(Broadcast, broadcast_id)
    assert row is not None
    row.finished_at = now
    if row.status == SENDING:
        row.status = DONE
    return await progress(session, broadcast_id)


async def unfinished(session: AsyncSession) -> list[int]:
    stmt = select(Broadcast.id).where(Broadcast.finished_at.is_(None)).order_by(Broadcast.id)
    return list((await session.execute(stmt)).scalars())


async def set_shown(
    session: AsyncSession,
    broadcast_id: int,
    *,
    signature: str,
    chat_id: int | None = None,
    message_id: int | None = None,
) -> None:
    row = await session.get(Broadcast, broadcast_id)
    if row is not None:
        row.shown = signature
        if message_id is not None:
            row.chat_id, row.message_id = chat_id, message_id


async def history(session: AsyncSession, limit: int = 10) -> list[Progress]:
    ids = (await session.execute(select(Broadcast.id).order_by(Broadcast.id.desc()).limit(limit))).scalars()
    found = [await progress(session, i) for i in ids]
    return [p for p in found if p is not None]
