"""Live progress of running broadcasts: a repeating job edits each staff member's progress message.

The counts are read from the outbox; the message is edited only when they changed (the last
shown counts are stored on the broadcast row), and ends with the final report once no copy is
pending. The job only looks: a restart picks up where it left off.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, TelegramError
from telegram.ext import Application

from bot.core.clock import now
from bot.domain.meetings import broadcasts
from bot.services.context import AppContext, Services

log = logging.getLogger(__name__)
JOB = "broadcast-progress"


def markup(rows: list[list[tuple[str, str]]]) -> InlineKeyboardMarkup | None:
    if not rows:
        return None
    return InlineKeyboardMarkup([[InlineKeyboardButton(t, callback_data=d) for t, d in row] for row in rows])


async def show(bot: Any, p: broadcasts.Progress) -> bool:
    """Edit the progress message to the current counts; False if Telegram refused."""
    if p.chat_id is None or p.message_id is None:
        return False
    text, rows = broadcasts.render(p)
    try:
        await bot.edit_message_text(text, chat_id=p.chat_id, message_id=p.message_id, reply_markup=markup(rows))
    except BadRequest as exc:
        if "not modified" not in exc.message.lower():
            log.warning("broadcast B-%d: progress message not edited: %s", p.id, exc.message)
            return False
    except TelegramError as exc:  # a network hiccup: the next run tries again
        log.warning("broadcast B-%d: progress message not edited: %s", p.id, exc)
        return False
    return True


async def update_all(services: Services, bot: Any) -> int:
    """One pass over unfinished broadcasts; returns how many messages were edited."""
    edited = 0
    async with services.db.session() as s, s.begin():
        ids = await broadcasts.unfinished(s)
    for broadcast_id in ids:
        async with services.db.session() as s, s.begin():
            p = await broadcasts.settle(s, broadcast_id, now())
            if p is None or p.signature == p.shown:
                continue
            if await show(bot, p):
                await broadcasts.set_shown(s, broadcast_id, signature=p.signature)
                edited += 1
    return edited


async def _job(context: AppContext) -> None:
    await update_all(context.services, context.bot)


def schedule(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    services: Services = app.bot_data["services"]
    assert app.job_queue is not None, "python-telegram-bot[job-queue] is a dependency"
    app.job_queue.run_repeating(_job, interval=services.settings.broadcast_progress_seconds, first=2, name=JOB)
