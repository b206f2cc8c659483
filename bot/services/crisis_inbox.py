"""The inbox: a flagged update is written down before Telegram is told it arrived.

python-telegram-bot confirms updates by asking for the next ones (getUpdates with a higher
offset) right after it has put a batch on the Application's queue, before any handler has run;
a webhook answers 200 as soon as the update is queued. A crash between that moment and the
crisis guard's record lost the message for good: no alert, no reply (bench/crash_bench.py).

So the queue screens each update as it is put (`ScreeningQueue.put` is awaited before the
confirmation and before the 200). A flagged one is appended, with the reply it needs, to a local
file (bot.domain.care.crisis_spool: mode 0600, each line encrypted with the clinic key, fsync'd)
and struck off once the guard has recorded and answered it. At the next start whatever is still
there is replayed (`replay`): the alert recorded unless it already was, and the reply queued in
the outbox. At least once: a kill after the reply and before the strike-off sends it again.

The screening made here is handed to the guard (`take`), so a message is screened once.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.models import FlagRecord, OutboxKind
from bot.domain.care import crisis_spool, message_flags
from bot.domain.records.outbox import enqueue
from bot.domain.safety.screen import Screening
from bot.services import crisis_record
from bot.services.context import Services

log = logging.getLogger(__name__)

# Reads an update as it is queued: (the entry to keep if it is flagged, else None; the screening), or None
# for an update with nothing to screen.
Standby = Callable[[object], tuple[crisis_spool.Spooled | None, Screening | None] | None]

MAX_SCREENED = 10_000  # screenings waiting for the guard; a queue that is never read must not grow forever
SAME_MESSAGE = dt.timedelta(seconds=5)  # a flag this close before the entry's time may be its own record


class ScreeningQueue(asyncio.Queue[object]):
    """The Application's update queue: flagged updates are kept on disk before they are confirmed."""

    def __init__(self, directory: str, standby: Standby) -> None:
        super().__init__()
        self.directory = directory
        self._standby = standby
        self._screened: dict[int, Screening] = {}
        self._held: set[int] = set()
        self.replayed: set[int] = set()  # updates the replay at start already answered

    async def put(self, item: object) -> None:
        try:
            read = self._standby(item)
        except Exception:  # the inbox must never hold an update back
            log.exception("could not screen an update as it arrived")
            read = None
        if read is not None:
            entry, screening = read
            update_id = getattr(item, "update_id", None)
            if isinstance(update_id, int) and screening is not None:
                if len(self._screened) >= MAX_SCREENED:
                    self._screened.clear()
                self._screened[update_id] = screening
            if entry is not None:
                self._keep(entry)
        await super().put(item)

    def _keep(self, entry: crisis_spool.Spooled) -> None:
        try:
            crisis_spool.keep(self.directory, entry, crisis_spool.INBOX_NAME)
        except OSError as exc:  # a full or read-only disk: the update still goes on to the guard
            log.error("could not keep a flagged update in the inbox (%s)", type(exc).__name__)
            return
        if entry.update_id is not None:
            self._held.add(entry.update_id)

    def take(self, update_id: int) -> Screening | None:
        """The screening made when the update was queued (once), or None."""
        return self._screened.pop(update_id, None)

    def settle(self, update_id: int) -> None:
        """The guard has recorded and answered this update: strike it off the inbox."""
        if update_id not in self._held:
            return
        self._held.discard(update_id)
        entries = crisis_spool.read(self.directory, crisis_spool.INBOX_NAME)
        left = [e for e in entries if e.update_id != update_id]
        crisis_spool.replace(self.directory, left, crisis_spool.INBOX_NAME)


async def replay(services: Services, queue: ScreeningQueue | None = None) -> int:
    """At start: record and answer what a crash left in the inbox; returns how many entries were replayed."""
    directory = services.settings.crisis_spool_dir
    entries = crisis_spool.read(directory, crisis_spool.INBOX_NAME)
    left: list[crisis_spool.Spooled] = []
    for entry in entries:
        async with services.db.session() as s:
            recorded = await _already_recorded(s, services, entry)
        if not recorded and await crisis_record.record_spooled(services, entry) is crisis_record.Recorded.FAILED:
            left.append(entry)
            continue
        if entry.chat_id is not None and entry.reply:
            async with services.db.session() as s, s.begin():
                await enqueue(
                    s, chat_id=entry.chat_id, kind=OutboxKind.CRISIS_REPLY, text=entry.reply, buttons=entry.buttons
                )
        if queue is not None and entry.update_id is not None:
            queue.replayed.add(entry.update_id)  # if Telegram hands it out again, it is answered already
    crisis_spool.replace(directory, left, crisis_spool.INBOX_NAME)
    if entries:
        services.delivery.wake.set()
        done = len(entries) - len(left)
        log.warning("replayed %d of %d flagged update(s) a stop left unanswered", done, len(entries))
    return len(entries) - len(left)


async def _already_recorded(s: AsyncSession, services: Services, entry: crisis_spool.Spooled) -> bool:
    """True when the guard recorded this entry before the stop (its flag is there): only the reply is owed."""
    person = await services.people.by_telegram_id(s, entry.telegram_id)
    if person is None:
        return False
    since = dt.datetime.fromisoformat(entry.at) - SAME_MESSAGE
    flags = await s.execute(
        select(FlagRecord.rule, FlagRecord.explanation).where(
            FlagRecord.person_id == person.id, FlagRecord.source == "message", FlagRecord.created_at >= since
        )
    )
    quote = message_flags.quote(entry.text)
    for rule, explanation in flags:
        if entry.kind == "answer" and rule == "asked_said_yes":
            return True
        if entry.kind == "message" and quote and quote in explanation:
            return True
    return False
