"""Medication reminders: a daily time, an optional label of the client's own, Taken / Skip / Snooze.

A dated reminder (a monthly naltrexone injection, an injectable buprenorphine date, a dose given at
the clinic) is sent once, the day before its date at the chosen time, with no buttons: there is
nothing to mark yet. It is never counted in adherence or in the missed-dose flag.

Planned into the outbox like the check-in reminder: one row per reminder and local day (the
dedupe key), at the local time in the client's zone, DST-safe (`reminders.reminder_instant`).
The lock screen shows "Reminder ⏰" and nothing more, unless the client typed a label, which is
shown as they wrote it (encrypted at rest). Answers are stored per day; /export lists reminders
and answers, /delete erases them. Only where the client agreed at set-up does the therapist see
them: "taken n of m days" in /client, and a medium flag for two days in a row not taken.

A daily reminder may go on some weekdays only ("8am mon wed fri", `med_days`); days it does not
go are never counted as missed. A paused one is kept, with its answers, but neither sent nor counted.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import delete, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import texts
from bot.core.callbacks import CallbackData, callback
from bot.core.clock import now
from bot.db.coping_models import MedDose, MedReminder
from bot.db.models import FlagRecord, OutboxKind, OutboxMessage, OutboxStatus, Person
from bot.db.session import affected
from bot.domain.care import alerts
from bot.domain.checkins.reminders import reminder_instant
from bot.domain.coping.med_days import EVERY_DAY, goes_on
from bot.domain.records import audit
from bot.domain.records.outbox import enqueue
from bot.domain.safety.risk import Flag, RuleCode, Severity
from bot.texts import catalogue

MAX_LABEL = 40
MAX_REMINDERS = 6
SNOOZE = dt.timedelta(minutes=30)


class Answer(enum.StrEnum):
    TAKEN = "taken"
    SKIPPED = "skipped"
    SNOOZE = "snooze"


@callback("med")
class MedAnswer(CallbackData):
    """Taken, Skip or Snooze under one day's reminder."""

    reminder: int
    day: str
    answer: Answer


@dataclass(frozen=True, slots=True)
class Reminder:
    id: int
    at_local: dt.time
    label: str | None
    on_date: dt.date | None = None  # a dated reminder: sent the day before this date
    weekdays: str = EVERY_DAY
    paused: bool = False


def dose_key(reminder_id: int, day: dt.date) -> str:
    return f"med:{reminder_id}:{day.isoformat()}"


def reminder_text(label: str | None, dated: bool = False) -> str:
    """What the lock screen shows: neutral, with the client's own label only if they typed one."""
    if dated:
        return texts.MED_DATE_REMINDER if not label else texts.MED_DATE_REMINDER_LABELLED.format(label=label)
    return texts.MED_REMINDER if not label else texts.MED_REMINDER_LABELLED.format(label=label)


async def listed(session: AsyncSession, person_id: int) -> list[Reminder]:
    """The client's reminders: every daily one, and the dated ones whose day has not passed (a day of
    grace covers every time zone). A passed date no longer counts towards MAX_REMINDERS."""
    passed = now().date() - dt.timedelta(days=1)
    rows = await session.scalars(
        select(MedReminder)
        .where(
            MedReminder.person_id == person_id,
            MedReminder.active.is_(True),
            or_(MedReminder.on_date.is_(None), MedReminder.on_date >= passed),
        )
        .order_by(MedReminder.on_date.is_not(None), MedReminder.on_date, MedReminder.at_local, MedReminder.id)
    )
    return [Reminder(r.id, r.at_local, r.label, r.on_date, r.weekdays, r.paused) for r in rows]


async def add(
    session: AsyncSession,
    person_id: int,
    at_local: dt.time,
    label: str | None,
    *,
    shared: bool = False,
    on_date: dt.date | None = None,
    weekdays: str = EVERY_DAY,
) -> int | None:
    """A new daily reminder (or, with `on_date`, one for the day before that date); None when the client
    has MAX_REMINDERS already. `shared`: the client agreed that their therapist sees whether they took it
    (daily reminders only: a dated one has nothing to take)."""
    if len(await listed(session, person_id)) >= MAX_REMINDERS:
        return None
    label = (label or "").strip()[:MAX_LABEL] or None
    shared = shared and on_date is None
    weekdays = EVERY_DAY if on_date is not None or "1" not in weekdays else weekdays
    row = MedReminder(
        person_id=person_id, at_local=at_local, label=label, shared=shared, on_date=on_date, weekdays=weekdays
    )
    session.add(row)
    await session.flush()
    audit.record(session, "meds.added", actor_person_id=person_id, client_person_id=person_id, reminder=row.id)
    return row.id


async def remove(session: AsyncSession, person_id: int, reminder_id: int) -> bool:
    row = await session.get(MedReminder, reminder_id)
    if row is None or row.person_id != person_id or not row.active:
        return False
    row.active = False
    audit.record(session, "meds.removed", actor_person_id=person_id, client_person_id=person_id, reminder=row.id)
    return True


async def set_paused(session: AsyncSession, person_id: int, reminder_id: int, paused: bool) -> bool:
    """Pause (its waiting rows withdrawn, nothing counted) or resume one of the client's daily reminders."""
    row = await session.get(MedReminder, reminder_id)
    if row is None or row.person_id != person_id or not row.active or row.on_date is not None:
        return False
    row.paused = paused
    if not paused:
        row.resumed_at = now()  # the paused days are not doses missed
    if paused:
        await session.execute(
            delete(OutboxMessage).where(
                OutboxMessage.person_id == person_id,
                OutboxMessage.status == OutboxStatus.PENDING,
                OutboxMessage.dedupe_key.like(f"med:{reminder_id}:%"),
            )
        )
    action = "meds.paused" if paused else "meds.resumed"
    audit.record(session, action, actor_person_id=person_id, client_person_id=person_id, reminder=row.id)
    return True


def due_days(
    at_local: dt.time, zone: ZoneInfo, now: dt.datetime, grace: dt.timedelta, horizon: dt.timedelta
) -> list[tuple[dt.date, dt.datetime]]:
    """The local days whose reminder instant falls in [now - grace, now + horizon], with that instant."""
    today = now.astimezone(zone).date()
    found = []
    for day in (today - dt.timedelta(days=1), today, today + dt.timedelta(days=1)):
        at = reminder_instant(day, at_local, zone)
        if now - grace <= at <= now + horizon:
            found.append((day, at))
    return found


def dated_due(
    on_date: dt.date, at_local: dt.time, zone: ZoneInfo, now: dt.datetime, grace: dt.timedelta, horizon: dt.timedelta
) -> list[tuple[dt.date, dt.datetime]]:
    """A dated reminder's one instant, the day before its date, if it falls in [now - grace, now + horizon]."""
    day = on_date - dt.timedelta(days=1)
    at = reminder_instant(day, at_local, zone)
    return [(day, at)] if now - grace <= at <= now + horizon else []


async def plan(session: AsyncSession, now: dt.datetime, grace: dt.timedelta, horizon: dt.timedelta) -> int:
    """Queue every reminder due in the window that is not queued yet; returns how many were written."""
    rows = await session.execute(
        select(MedReminder, Person)
        .join(Person, Person.id == MedReminder.person_id)
        .where(
            MedReminder.active.is_(True),
            MedReminder.paused.is_(False),
            Person.active.is_(True),
            Person.consent_version.is_not(None),
        )
    )
    planned = 0
    for reminder, person in rows.tuples():
        zone = ZoneInfo(person.timezone)
        dated = reminder.on_date is not None
        due = (
            dated_due(reminder.on_date, reminder.at_local, zone, now, grace, horizon)
            if reminder.on_date is not None
            else [d for d in due_days(reminder.at_local, zone, now, grace, horizon) if goes_on(reminder.weekdays, d[0])]
        )
        for day, at in due:
            # Rendered now in the client's language; a row already planned keeps its words (its key is
            # taken) until sent: the horizon is short. `bot.delivery.planner.withdraw_for_language` frees it.
            with catalogue.speaking(person.language):
                text = reminder_text(reminder.label, dated)
                buttons = None if dated else _buttons(reminder.id, day)
            planned += await enqueue(
                session,
                chat_id=person.telegram_id,
                person_id=person.id,
                kind=OutboxKind.REMINDER,
                text=text,
                due_at=at,
                dedupe_key=dose_key(reminder.id, day),
                buttons=buttons,
            )
    return planned


_PLANNED_KEY = re.compile(r"^med:\d+:\d{4}-\d{2}-\d{2}$")  # a dose_key: a snooze's (":snooze:…") is not planned


async def withdraw_planned(session: AsyncSession, person_id: int) -> int:
    """Delete the client's planned reminders still pending (a snooze stays: it is not planned again);
    the next `plan` writes them anew, in the client's language now. Returns how many went."""
    stmt = select(OutboxMessage.id, OutboxMessage.dedupe_key).where(
        OutboxMessage.person_id == person_id,
        OutboxMessage.kind == OutboxKind.REMINDER,
        OutboxMessage.status == OutboxStatus.PENDING,
    )
    ids = [i for i, key in (await session.execute(stmt)).tuples() if key and _PLANNED_KEY.match(key)]
    if not ids:
        return 0
    return affected(
        await session.execute(
            delete(OutboxMessage).where(OutboxMessage.id.in_(ids), OutboxMessage.status == OutboxStatus.PENDING)
        )
    )


def _buttons(reminder_id: int, day: dt.date) -> list[list[tuple[str, str]]]:
    d = day.isoformat()
    return [
        [
            (texts.MED_TAKEN, MedAnswer(reminder_id, d, Answer.TAKEN).pack()),
            (texts.MED_SKIP, MedAnswer(reminder_id, d, Answer.SKIPPED).pack()),
        ],
        [(texts.MED_SNOOZE, MedAnswer(reminder_id, d, Answer.SNOOZE).pack())],
    ]


async def answer(session: AsyncSession, person_id: int, data: MedAnswer) -> str:
    """Store Taken or Skip for that day: "ok", "already" (answered before: the first answer stays) or "gone"."""
    reminder = await session.get(MedReminder, data.reminder)
    try:
        day = dt.date.fromisoformat(data.day)
    except ValueError:
        return "gone"
    if reminder is None or reminder.person_id != person_id:
        return "gone"
    found = await session.scalar(select(MedDose).where(MedDose.reminder_id == reminder.id, MedDose.local_date == day))
    if found is not None:
        return "already:" + found.status
    if data.answer is Answer.SNOOZE:
        person = await session.get(Person, person_id)
        again = now() + SNOOZE
        if person is None:
            return "already:snoozed"
        with catalogue.speaking(person.language):  # their own tap; their stored language all the same
            text, buttons = reminder_text(reminder.label), _buttons(reminder.id, day)
        if not await enqueue(
            session,
            chat_id=person.telegram_id,
            person_id=person_id,
            kind=OutboxKind.REMINDER,
            text=text,
            due_at=again,
            dedupe_key=f"{dose_key(reminder.id, day)}:snooze:{again:%H%M}",
            buttons=buttons,
        ):
            return "already:snoozed"
        return "ok"
    session.add(MedDose(reminder_id=reminder.id, person_id=person_id, local_date=day, status=data.answer.value))
    return "ok"


@dataclass(frozen=True, slots=True)
class Adherence:
    """For the therapist, only for reminders the client agreed to share: days taken of days reminded."""

    at_local: dt.time
    taken: int
    days: int


async def shared_adherence(session: AsyncSession, person_id: int, today: dt.date, days: int) -> list[Adherence]:
    """Each active shared reminder over the last `days` local days (since it was set up): how many taken."""
    rows = await session.scalars(
        select(MedReminder).where(
            MedReminder.person_id == person_id,
            MedReminder.active.is_(True),
            MedReminder.shared.is_(True),
            MedReminder.on_date.is_(None),
            MedReminder.paused.is_(False),
        )
    )
    found = []
    for r in rows:
        started = max(r.created_at, r.resumed_at or r.created_at).date()  # since set up, or resumed
        first = max(today - dt.timedelta(days=days - 1), started)
        on = [first + dt.timedelta(days=n) for n in range((today - first).days + 1)]
        on = [d for d in on if goes_on(r.weekdays, d)]  # only the days it goes
        taken = await session.scalars(
            select(MedDose.local_date).where(
                MedDose.reminder_id == r.id, MedDose.status == Answer.TAKEN.value, MedDose.local_date >= first
            )
        )
        found.append(Adherence(r.at_local, len(set(taken) & set(on)), len(on)))
    return found


MISSED_IN_A_ROW = 2


async def flag_missed(session: AsyncSession, now: dt.datetime) -> int:
    """A medium flag (the therapist's digest) for each shared reminder not taken on the last two days.

    Only reminders the client agreed to share; days before the reminder existed do not count; one
    flag per run of missed days. The explanation names the time, never a medication."""
    rows = await session.execute(
        select(MedReminder, Person)
        .join(Person, Person.id == MedReminder.person_id)
        .where(
            MedReminder.active.is_(True),
            MedReminder.shared.is_(True),
            MedReminder.on_date.is_(None),  # a dated reminder has no daily dose to miss
            MedReminder.paused.is_(False),
            Person.active.is_(True),
        )
    )
    raised = 0
    for reminder, person in rows.tuples():
        zone = ZoneInfo(person.timezone)
        today = now.astimezone(zone).date()
        back = [today - dt.timedelta(days=n) for n in range(1, 15)]  # the last days it went, in a row
        days = [d for d in back if goes_on(reminder.weekdays, d)][:MISSED_IN_A_ROW]
        instants = [reminder_instant(d, reminder.at_local, zone) for d in days]
        started = max(reminder.created_at, reminder.resumed_at or reminder.created_at)
        if any(at < started for at in instants):
            continue  # not set up yet, or paused, on one of those days
        taken = await session.scalar(
            select(func.count()).where(
                MedDose.reminder_id == reminder.id, MedDose.status == Answer.TAKEN.value, MedDose.local_date.in_(days)
            )
        )
        if taken:
            continue
        since = min(instants)
        already = await session.scalar(
            select(func.count())
            .select_from(FlagRecord)
            .where(
                FlagRecord.person_id == person.id,
                FlagRecord.rule == RuleCode.MISSED_DOSES.value,
                FlagRecord.created_at >= since,
            )
        )
        if already:
            continue
        time, n = f"{reminder.at_local:%H:%M}", MISSED_IN_A_ROW
        why = f"reminder at {time} not marked taken {n} days in a row (shared by the client)"
        await alerts.raise_alert(
            session, person.id, [Flag(Severity.MEDIUM, RuleCode.MISSED_DOSES, why)], source="planner", at=now
        )
        raised += 1
    return raised
