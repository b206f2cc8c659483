"""Who wrote this update: one bounded lookup per update, shared by the reader's language and the crisis guard.

A session of its own, never cancelled: timing out on the update's session would leave it broken.
It waits at most LOOKUP_SECONDS; a hanging database must not hold the crisis lines, so after that
the guard screens as for anyone and the reply goes out in the language the message was written in.
"""

from __future__ import annotations

import asyncio
import logging

from telegram import Update

from bot.domain.people.directory import PersonView
from bot.services.context import AppContext

log = logging.getLogger(__name__)

LOOKUP_SECONDS = 1.0  # longest an update waits to learn who wrote


async def writer(update: Update, context: AppContext) -> tuple[bool, PersonView | None]:
    """(known, person): who wrote, if the database says so in time; (False, None) when it can't.

    Looked up once per update: a later call returns what the first one found (or didn't).
    """
    if context.writer is not None:
        return context.writer
    context.writer = await _look_up(update, context)
    return context.writer


async def _look_up(update: Update, context: AppContext) -> tuple[bool, PersonView | None]:
    user = update.effective_user
    if user is None:
        return True, None
    services = context.services

    async def look_up() -> PersonView | None:
        async with services.db.session() as s:
            return await services.people.by_telegram_id(s, user.id)

    task = asyncio.ensure_future(look_up())
    task.add_done_callback(_quietly)
    done, _ = await asyncio.wait({task}, timeout=LOOKUP_SECONDS)
    if task not in done or task.exception() is not None:  # hanging, or down: as for anyone, err towards asking
        log.warning("could not look the writer up in time; screening as for anyone")
        return False, None
    return True, task.result()


def _quietly(task: asyncio.Future[PersonView | None]) -> None:
    """A lookup that finished after the update stopped waiting: its error is already logged as a warning."""
    if not task.cancelled():
        task.exception()
