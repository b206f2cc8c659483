"""The daily digest: medium alerts are not pushed one by one; each therapist gets one list a day.

At the digest's local time (in the therapist's own time zone) a therapist with anything new
gets one neutral push ("N items to review") with a button; the list itself is shown on
request. Alerts of clients with no therapist go to every admin's digest. Open follow-up tasks
after a crisis count as items every day until they are done. One digest per
recipient per local day (outbox dedupe key), however often the planner runs.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot import texts
from bot.db.models import Alert, OutboxKind, Person, Role
from bot.domain.care import followups
from bot.domain.care.buttons import DigestView
from bot.domain.meetings import attendance
from bot.domain.records.outbox import enqueue
from bot.texts import catalogue, wording


def digest_key(person_id: int, local_date: dt.date) -> str:
    return f"digest:{person_id}:{local_date.isoformat()}"


async def plan_digests(session: AsyncSession, at: dt.datetime, digest_time: dt.time) -> int:
    """Enqueue today's digest for every recipient whose digest time has come and who has new items."""
    pending = list(
        (
            await session.execute(
                select(Alert).where(Alert.severity == "medium", Alert.status == "open", Alert.digested_at.is_(None))
            )
        ).scalars()
    )
    regrets = await attendance.regrets(session, undigested=True)  # "can't make it" answers to meeting reminders
    open_followups = await followups.open_count_by_owner(session)  # listed every day until done
    if not pending and not regrets and not open_followups:
        return 0
    admins = list((await session.execute(select(Person.id).where(Person.role == Role.ADMIN))).scalars())
    by_recipient: dict[int, list[Alert]] = {}
    for alert in pending:
        for recipient in [alert.therapist_id] if alert.therapist_id is not None else admins:
            by_recipient.setdefault(recipient, []).append(alert)
    regrets_by: dict[int, list[attendance.Regret]] = {}
    for regret in regrets:
        for recipient in [regret.therapist_id] if regret.therapist_id is not None else admins:
            regrets_by.setdefault(recipient, []).append(regret)
    sent = 0
    for person_id in sorted(by_recipient.keys() | regrets_by.keys() | open_followups.keys()):
        items, mine = by_recipient.get(person_id, []), regrets_by.get(person_id, [])
        tasks = open_followups.get(person_id, 0)
        person = await session.get(Person, person_id)
        if person is None or not person.active or not person.reachable:
            continue  # a missing therapist's items stay open and show in /alerts for staff
        local = at.astimezone(ZoneInfo(person.timezone))
        if local.time() < digest_time:
            continue
        day = local.date()
        with catalogue.speaking(person.language):  # a job writes it: no reader but the recipient
            text = texts.DIGEST_PUSH.format(count=wording.count(len(items) + len(mine) + tasks, "item"))
            button = [[(texts.DIGEST_BUTTON, DigestView(day=day.isoformat()).pack())]]
        if await enqueue(
            session,
            chat_id=person.telegram_id,
            person_id=person.id,
            kind=OutboxKind.DIGEST,
            text=text,
            dedupe_key=digest_key(person.id, day),
            buttons=button,
        ):
            sent += 1
        await session.execute(update(Alert).where(Alert.id.in_([a.id for a in items])).values(digested_at=at))
        await attendance.mark_digested(session, [r.attendance_id for r in mine], at)
    return sent
