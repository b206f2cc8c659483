"""Record first, then speak: a flagged message is written before any reply is attempted.

The flag, the alert and the escalation's first due time go into a short transaction of
their own, committed before the crisis reply is sent. Nothing after it — a Telegram 403,
400 or 429 on the reply, the update's own work failing, a crash — can take the alert back:
the escalation loop carries it from the row. The update's other work keeps its own unit of
work, as before.

The reply waits for the record at most `RECORD_SECONDS`: a database that does not answer must
not hold back the crisis lines. A slow record is not cancelled; it finishes on its own. The
caller is told what happened so the reply can say the truth ("I'm telling your care team
now" only when there is a care team to tell).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import enum
import logging
from collections.abc import Awaitable, Callable

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.clock import now
from bot.db.models import Person, Role
from bot.domain.care import alert_delivery, crisis_spool, message_flags
from bot.domain.care.alerts import EscalationPolicy
from bot.domain.safety.screen import Screening, screen
from bot.services.care_team_jobs import policy_from
from bot.services.context import AnyApplication, AppContext, Services

log = logging.getLogger(__name__)

RECORD_SECONDS = 3.0  # longest the crisis reply waits for the record before it goes out anyway


class Recorded(enum.Enum):
    NOT_A_CLIENT = "not_a_client"  # a stranger, a team member, a paused client: nobody to alert
    NO_PUSH = "no_push"  # recorded, but kept for the therapist's review (a "possible" message)
    TELLING = "telling"  # recorded; pushes to the care team are queued
    TELLING_ONCALL = "telling_oncall"  # a paused or former client's explicit crisis: on-call is being told
    LATE = "late"  # still being written when the reply had to go (it finishes on its own)
    FAILED = "failed"  # the database refused it twice (logged)


class FollowUp(enum.Enum):
    PUSHED = "pushed"  # kept with the open alert; its holders are pushed "C-1234 wrote again"
    KEPT = "kept"  # kept with the alert, read at the next review (a medium alert, or nobody reachable holds it)
    PUSHED_ONCALL = "pushed_oncall"  # a paused or former client's words, kept with their on-call alert; on-call pushed
    KEPT_ONCALL = "kept_oncall"  # the same, but nobody who holds it can be reached now
    NOT_KEPT = "not_kept"  # no alert of theirs within the exchange (or the database failed): nobody will see it


async def record_message(services: Services, telegram_id: int, screening: Screening, text: str) -> Recorded:
    """Write the flag, the alert and its first escalation time, committed, before any reply."""
    flag = message_flags.flag_for(screening, text)
    pushed = flag is not None and flag.severity != "medium"

    within = _episode(services)

    async def raise_it(s: AsyncSession, client_id: int, policy: EscalationPolicy, oncall_only: bool) -> int | None:
        return await message_flags.raise_for_message(
            s, client_id, screening, text, policy, within, oncall_only=oncall_only
        )

    entry = crisis_spool.Spooled(telegram_id, "message", text, now().isoformat())
    urgent = message_flags.urgent_when_paused(screening)
    return await _bounded(services, telegram_id, raise_it, pushed=pushed, spool=entry, urgent=urgent)


async def record_answer(services: Services, telegram_id: int, where: str = "message") -> Recorded:
    """They said yes when asked about hurting themselves: a crisis alert, committed before the reply.

    `where` the question was asked ("message" or "checkin"), so the alert says what prompted it.
    """
    entry = crisis_spool.Spooled(telegram_id, "answer", "", now().isoformat())
    within = _episode(services)

    async def raise_it(s: AsyncSession, client_id: int, policy: EscalationPolicy, oncall_only: bool) -> int | None:
        return await message_flags.raise_for_answer(s, client_id, policy, within, oncall_only=oncall_only, where=where)

    return await _bounded(services, telegram_id, raise_it, pushed=True, spool=entry, urgent=True)


def _episode(services: Services) -> dt.timedelta:
    """Flags this close to the last one join its alert (bot.domain.care.episodes)."""
    return dt.timedelta(minutes=services.settings.crisis_exchange_minutes)


async def record_follow_up(services: Services, telegram_id: int, text: str) -> FollowUp:
    """Keep what they wrote during the exchange with their alert, and push "C-1234 wrote again" to its holders."""
    within = _episode(services)
    try:
        async with asyncio.timeout(RECORD_SECONDS), services.db.session() as s, s.begin():
            person = await services.people.by_telegram_id(s, telegram_id)
            if person is None or person.role is not Role.CLIENT:
                return FollowUp.NOT_KEPT
            withdrawn = person.paused  # paused or left: only an open alert on-call holds keeps it
            kept = await message_flags.add_follow_up(s, person.id, text, within=within, oncall_only=withdrawn)
            if kept is None:
                return FollowUp.NOT_KEPT
            alert, flag_id = kept
            client = await s.get(Person, person.id)
            pushed = 0
            if client is not None and alert.severity != "medium":
                pushed = await alert_delivery.wrote_again(s, alert, client, flag_id)
            told = pushed > 0
    except (SQLAlchemyError, OSError, TimeoutError) as exc:
        log.error("could not keep a follow-up from user %s (%s)", telegram_id, type(exc).__name__)
        return FollowUp.NOT_KEPT
    services.delivery.wake.set()
    if withdrawn:
        return FollowUp.PUSHED_ONCALL if told else FollowUp.KEPT_ONCALL
    return FollowUp.PUSHED if told else FollowUp.KEPT


Raise = Callable[[AsyncSession, int, EscalationPolicy, bool], Awaitable[int | None]]  # bool: on-call only

# Records still being written after the reply went out: referenced here so they finish.
_late: set[asyncio.Task[Recorded]] = set()


async def _bounded(
    services: Services,
    telegram_id: int,
    raise_it: Raise,
    *,
    pushed: bool,
    spool: crisis_spool.Spooled,
    urgent: bool = False,
) -> Recorded:
    """Wait for the record up to RECORD_SECONDS; a slower one goes on by itself while the reply is sent."""
    task = asyncio.create_task(_write(services, telegram_id, raise_it, pushed=pushed, spool=spool, urgent=urgent))
    _late.add(task)
    task.add_done_callback(_late.discard)
    try:
        return await asyncio.wait_for(asyncio.shield(task), RECORD_SECONDS)
    except TimeoutError:
        log.warning("recording a flagged message from user %s is slow; replying first", telegram_id)
        return Recorded.LATE


async def drain() -> None:
    """Let every record still running finish (at shutdown, and in tests)."""
    while _late:
        await asyncio.gather(*_late, return_exceptions=True)


async def _write(
    services: Services,
    telegram_id: int,
    raise_it: Raise,
    *,
    pushed: bool,
    spool: crisis_spool.Spooled | None,
    urgent: bool = False,
) -> Recorded:
    """Record the flag. A client who paused (/stop) or left is alerted only for explicit crisis words, to on-call."""
    for attempt in (1, 2):  # a busy SQLite file ("database is locked") gets a second try
        try:
            async with services.db.session() as s, s.begin():
                person = await services.people.by_telegram_id(s, telegram_id)
                if person is None or person.role is not Role.CLIENT or (person.paused and not urgent):
                    return Recorded.NOT_A_CLIENT
                alert_id = await raise_it(s, person.id, policy_from(services.settings), person.paused)
        except (SQLAlchemyError, OSError) as exc:
            log.error("could not record a flagged message from user %s (%s)", telegram_id, type(exc).__name__)
            if attempt == 2:
                if spool is not None:  # the database is down: keep it locally until the next start
                    crisis_spool.keep(services.settings.crisis_spool_dir, spool)
                    log.error("kept the flag of user %s in the local spool", telegram_id)
                return Recorded.FAILED
            continue
        services.delivery.wake.set()  # committed: the pushes may go
        if alert_id is not None and person.paused:
            return Recorded.TELLING_ONCALL
        return Recorded.TELLING if alert_id is not None and pushed else Recorded.NO_PUSH
    return Recorded.FAILED


_replaying: set[str] = set()  # spool directories a replay is working on (one pass at a time each)


async def replay_spool(services: Services) -> int:
    """Record the flags the database could not take earlier; returns how many were recorded.

    Runs at start and then every `escalation_poll_seconds` (`schedule`), so a flag kept during an
    outage reaches the care team once the database is back, without waiting for a restart.
    """
    directory = services.settings.crisis_spool_dir
    if directory in _replaying:
        return 0
    _replaying.add(directory)
    try:
        entries = crisis_spool.read(directory)
        if not entries:
            return 0
        left = [e for e in entries if await record_spooled(services, e) is Recorded.FAILED]
        # The file is only appended to: lines kept while this pass awaited come after the ones it read.
        # Read and rewrite with no await between them, so none of those is lost.
        added = crisis_spool.read(directory)[len(entries) :]
        crisis_spool.replace(directory, left + added)
    finally:
        _replaying.discard(directory)
    log.warning("replayed %d of %d spooled flag(s)", len(entries) - len(left), len(entries))
    return len(entries) - len(left)


async def _replay_job(context: AppContext) -> None:
    await replay_spool(context.services)


def schedule(app: AnyApplication) -> None:
    """Replay the spool as often as the escalation clock looks (from post_init, after the replay at start)."""
    services: Services = app.bot_data["services"]
    assert app.job_queue is not None, "python-telegram-bot[job-queue] is a dependency"
    interval = services.settings.escalation_poll_seconds
    app.job_queue.run_repeating(_replay_job, interval=interval, first=interval, name="crisis-spool")


async def record_spooled(services: Services, entry: crisis_spool.Spooled) -> Recorded:
    """Record one kept entry (the spool's or the inbox's), joining the client's open episode."""
    within = _episode(services)
    if entry.kind == "answer":

        async def said_yes(s: AsyncSession, client_id: int, policy: EscalationPolicy, oncall_only: bool) -> int | None:
            return await message_flags.raise_for_answer(s, client_id, policy, within, oncall_only=oncall_only)

        return await _write(services, entry.telegram_id, said_yes, pushed=True, spool=None, urgent=True)
    screening = screen(entry.text)
    if not screening.flagged:
        return Recorded.NOT_A_CLIENT  # the screen has changed its mind since; nothing to raise

    async def raise_it(s: AsyncSession, client_id: int, policy: EscalationPolicy, oncall_only: bool) -> int | None:
        return await message_flags.raise_for_message(
            s, client_id, screening, entry.text, policy, within, oncall_only=oncall_only
        )

    urgent = message_flags.urgent_when_paused(screening)
    return await _write(services, entry.telegram_id, raise_it, pushed=True, spool=None, urgent=urgent)
