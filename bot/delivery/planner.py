"""Plans daily check-in reminders into the outbox, and replans one client's after a settings change.

The database is the source of truth: each reminder is an outbox row keyed by client and
local date, so planning twice, from two processes or after a restart adds nothing. The
job queue only decides when `plan_checkin_reminders` runs (bot.services.jobs).
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot import texts
from bot.db.models import OutboxMessage, OutboxStatus
from bot.db.session import affected
from bot.domain.checkins import reminders
from bot.domain.checkins.reminders import Due, ReminderPrefs, StartCheckin
from bot.domain.coping import meds
from bot.domain.meetings import reminders as meeting_reminders
from bot.domain.people import directory
from bot.domain.questionnaires import due as questionnaires_due
from bot.domain.records import bulk
from bot.texts import catalogue

PENDING, CANCELLED = OutboxStatus.PENDING, OutboxStatus.CANCELLED


@dataclass
class PlanReport:
    clients: int = 0  # clients who want reminders
    due: int = 0  # their reminders in the window
    planned: int = 0  # rows written by this run
    already: int = 0  # due, but already planned (or settled) by an earlier run or another process
    checked_in: int = 0  # due, not planned: they have checked in that day already
    expired: int = 0  # pending rows cancelled: missed by more than the grace period (downtime)
    withdrawn: int = 0  # pending rows cancelled: checked in since, or no longer wanted


@functools.lru_cache(maxsize=64)
def _button(day: dt.date) -> str:
    return StartCheckin(day=day.isoformat()).pack()


@functools.lru_cache(maxsize=256)
def _buttons(day: dt.date, language: str) -> list[list[tuple[str, str]]]:
    """One buttons list per day and language, shared by its rows (bulk seals each distinct one once)."""
    with catalogue.speaking(language):
        return [[(texts.CHECKIN_REMINDER_BUTTON, _button(day))]]


def reminder_message(prefs: ReminderPrefs, due: Due, language: str = catalogue.SOURCE) -> bulk.NewMessage:
    """The neutral reminder with its 'Check in now' button, in the client's language.

    Made when it is planned: a row already planned keeps its words until it is sent (the horizon is
    short); `withdraw_for_language` frees a client's pending rows so the next pass makes them anew."""
    with catalogue.speaking(language):
        text = texts.CHECKIN_REMINDER
    return bulk.NewMessage(
        chat_id=prefs.chat_id,
        kind=reminders.KIND,
        text=text,
        person_id=prefs.person_id,
        due_at=due.at,
        dedupe_key=reminders.checkin_reminder_key(prefs.person_id, due.local_date),
        buttons=_buttons(due.local_date, language),
    )


async def plan_checkin_reminders(
    session: AsyncSession, now: dt.datetime, grace: dt.timedelta, horizon: dt.timedelta
) -> PlanReport:
    """Write every reminder due in [now - grace, now + horizon] that is not planned yet; tidy pending ones.

    A reminder missed by less than `grace` (the bot was down) still goes, at once; older ones
    are never planned, and pending ones that old are cancelled rather than sent in a flood.
    """
    report = PlanReport()
    wanting = await reminders.reminder_prefs(session, wanting_only=True)
    report.clients = len(wanting)
    by_id = {p.person_id: p for p in wanting}
    # Clients sharing a zone and a time share their due times: compute each pair once.
    times: dict[tuple[str, dt.time], list[Due]] = {}
    due: list[tuple[ReminderPrefs, Due]] = []
    for p in wanting:
        pair = (p.timezone, p.at)
        if pair not in times:
            times[pair] = reminders.due_reminders(p, now, grace, horizon)
        due.extend((p, d) for d in times[pair])
    report.due = len(due)

    pending = await _pending_reminders(session, now + horizon)
    days = {d.local_date for _, d in due} | {day for _, _, day, _ in pending}
    done = await reminders.checked_in(session, days)
    await _tidy(session, pending, by_id, done, now, grace, report)

    fresh = [(p, d) for p, d in due if (p.person_id, d.local_date) not in done]
    report.checked_in = len(due) - len(fresh)
    keys = [reminders.checkin_reminder_key(p.person_id, d.local_date) for p, d in fresh]
    existing = await reminders.existing_keys(session, keys)
    todo = [(p, d) for (p, d), key in zip(fresh, keys, strict=True) if key not in existing]
    languages = await directory.languages_of(session, {p.person_id for p, _ in todo})  # one query per 900
    new = [reminder_message(p, d, languages[p.person_id]) for p, d in todo]
    report.planned = await bulk.enqueue_many(session, new)
    report.already = len(fresh) - report.planned
    return report


async def _pending_reminders(session: AsyncSession, until: dt.datetime) -> list[tuple[int, int, dt.date, dt.datetime]]:
    """Pending reminder rows about to go out: (row id, person id, local date, due at)."""
    stmt = select(OutboxMessage.id, OutboxMessage.dedupe_key, OutboxMessage.due_at).where(
        OutboxMessage.status == PENDING, OutboxMessage.next_try_at <= until, OutboxMessage.kind == reminders.KIND
    )
    found = []
    for row_id, key, due_at in (await session.execute(stmt)).tuples():
        parsed = reminders.parse_reminder_key(key)
        if parsed is not None:
            found.append((row_id, parsed[0], parsed[1], due_at))
    return found


async def _tidy(
    session: AsyncSession,
    pending: list[tuple[int, int, dt.date, dt.datetime]],
    wanting: dict[int, ReminderPrefs],
    done: set[tuple[int, dt.date]],
    now: dt.datetime,
    grace: dt.timedelta,
    report: PlanReport,
) -> None:
    """Cancel pending reminders that are stale, no longer wanted, or answered by a check-in."""
    stale, unwanted, answered = [], [], []
    for row_id, person_id, day, due_at in pending:
        if due_at < now - grace:
            stale.append(row_id)
        elif person_id not in wanting:
            unwanted.append(row_id)
        elif (person_id, day) in done:
            answered.append(row_id)
    report.expired = await reminders.cancel_rows(session, stale, reminders.TOO_LATE, now)
    report.withdrawn = await reminders.cancel_rows(session, unwanted, reminders.SETTINGS_CHANGED, now)
    report.withdrawn += await reminders.cancel_rows(session, answered, reminders.CHECKED_IN, now)


async def replan_client(
    session: AsyncSession, person_id: int, now: dt.datetime, grace: dt.timedelta, horizon: dt.timedelta
) -> int:
    """Bring one client's reminders in line with their settings now; returns how many rows changed.

    Call after reminders are turned off or on, or the time or time zone changes. For each
    local date near now: a pending reminder moves to the new time, or is cancelled if
    reminders are off or its new time has passed (the client is in the chat right now,
    so no late reminder follows); one cancelled by an earlier change comes back if the
    new time is still ahead. A reminder already sent, or answered by a check-in, stays
    as it is: one reminder per day.
    """
    found = await reminders.reminder_prefs(session, person_ids=[person_id])
    if not found:
        return 0
    prefs, zone = found[0], found[0].zone
    # Every local date that "near now" can be in any zone (offsets are within ±14 h).
    first, last = (now - grace).date() - dt.timedelta(days=2), (now + horizon).date() + dt.timedelta(days=2)
    days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    keys = {reminders.checkin_reminder_key(person_id, day): day for day in days}
    rows = {
        r.dedupe_key: r
        for r in (
            await session.execute(select(OutboxMessage).where(OutboxMessage.dedupe_key.in_(list(keys))))
        ).scalars()
    }
    done = await reminders.checked_in(session, days, [person_id])
    changed = 0
    for key, day in keys.items():
        wanted = prefs.wants_reminders and zone is not None and (person_id, day) not in done
        at = reminders.reminder_instant(day, prefs.at, zone) if wanted and zone is not None else None
        row = rows.get(key)
        if row is None:
            if at is not None and now - grace <= at <= now + horizon:
                message = reminder_message(prefs, Due(day, at), await directory.language_of(session, person_id))
                changed += await bulk.enqueue_many(session, [message])
                if at <= now:  # already past under the new settings: keep the key, send nothing late
                    changed += await reminders.cancel_rows(
                        session, await _ids(session, key), reminders.SETTINGS_CHANGED, now
                    )
            continue
        revivable = row.status == PENDING or (row.status == CANCELLED and row.last_error == reminders.SETTINGS_CHANGED)
        if not revivable:
            continue  # sent, being sent, dead, or cancelled by a check-in or /stop: the day is settled
        if at is not None and at > now:
            changed += await _reschedule(session, row.id, at)
        elif row.status == PENDING:
            changed += await reminders.cancel_rows(session, [row.id], reminders.SETTINGS_CHANGED, now)
    return changed


async def _ids(session: AsyncSession, key: str) -> list[int]:
    return list((await session.execute(select(OutboxMessage.id).where(OutboxMessage.dedupe_key == key))).scalars())


async def _reschedule(session: AsyncSession, row_id: int, at: dt.datetime) -> int:
    result = await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == row_id, OutboxMessage.status.in_([PENDING, CANCELLED]))
        .values(status=PENDING, due_at=at, next_try_at=at, attempts=0, last_error=None, finished_at=None)
    )
    return affected(result)


async def withdraw_for_language(session: AsyncSession, person_id: int) -> int:
    """A client changed language: delete their planned reminders still pending (check-in, medication,
    meeting, questionnaires due), each made in the old one. The planners write them again at their next pass, in the new
    language, as they would have been written (same keys, same times). Returns how many rows went.

    Call it beside the change of `Person.language`. A snoozed medication reminder, a craving check back
    and rows already being sent keep their words: nothing plans them again.
    """
    result = await session.execute(
        delete(OutboxMessage).where(
            OutboxMessage.person_id == person_id,
            OutboxMessage.kind == reminders.KIND,
            OutboxMessage.status == PENDING,
        )
    )
    gone = affected(result)
    gone += await meds.withdraw_planned(session, person_id)
    gone += await meeting_reminders.withdraw_for(session, person_id)
    gone += await questionnaires_due.withdraw(session, person_id)
    return gone
