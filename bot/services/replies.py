"""Replies that are not lost: retried on network errors and 5xx, then handed to the outbox.

Every reply a handler sends goes through `send` (conversations.common.reply and
edit_or_reply use it, and so does the crisis guard). Telegram's 5xx answers and timeouts
are retried with a short backoff; if the reply still cannot be sent, it becomes an outbox
row written in a session of its own, so it survives even when the update's own work rolls
back, and the delivery loop keeps trying. A 400 (the text itself is wrong) is not retried.
A 429 (RetryAfter, after the rate limiter's own retries) queues the reply for when Telegram
allows it. A crisis reply never raises: its alert is already recorded (record first, then
speak), and an apology from the error handler could only fail the same way.
A timeout may mean Telegram got the message after all: the person may see it twice, which
is better than not at all.

Confirm after commit: a reply that says something was saved, sent or changed
(bot.texts.after_commit) waits until the update's unit of work has committed, and every
reply after it in the same update waits behind it, so their order holds. If the update
rolls back, none of them is sent: the error handler's apology is the answer.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging

from telegram import Bot, InlineKeyboardMarkup, Message
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter

from bot.core.clock import now
from bot.db.models import OutboxKind
from bot.delivery.pacing import URGENT, as_seconds
from bot.domain.records.outbox import enqueue
from bot.services import uow
from bot.services.context import Services
from bot.texts.after_commit import confirms

log = logging.getLogger(__name__)

RETRY_PAUSES: tuple[float, ...] = (0.3, 1.0)  # seconds between tries before the outbox takes over


async def send(
    bot: Bot,
    services: Services,
    chat_id: int,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
    *,
    kind: OutboxKind = OutboxKind.REPLY,
) -> Message | None:
    """Send now, retrying network failures; None when the outbox took the reply over (or it waits for the commit)."""
    if (unit := _held_back(text, kind)) is not None:
        unit.on_commit.append(lambda: send(bot, services, chat_id, text, markup, kind=kind))
        return None
    token = URGENT.set(kind is OutboxKind.CRISIS_REPLY)  # a bot-wide pause does not hold a crisis reply
    try:
        return await _send(bot, services, chat_id, text, markup, kind)
    finally:
        URGENT.reset(token)


async def _send(
    bot: Bot, services: Services, chat_id: int, text: str, markup: InlineKeyboardMarkup | None, kind: OutboxKind
) -> Message | None:
    for pause in (*RETRY_PAUSES, None):
        try:
            return await bot.send_message(chat_id, text, reply_markup=markup)
        except RetryAfter as exc:  # before NetworkError: Telegram said when, so the outbox waits that long
            log.warning("reply to chat %s rate limited", chat_id)
            later = now() + dt.timedelta(seconds=as_seconds(exc.retry_after))
            await hand_over(services, chat_id, text, markup, kind=kind, due_at=later)
            return None
        except (BadRequest, Forbidden) as exc:
            if kind is not OutboxKind.CRISIS_REPLY:
                raise  # retrying cannot help, and the error handler logs it
            log.error("crisis reply to chat %s refused (%s)", chat_id, type(exc).__name__)
            return None
        except NetworkError as exc:  # timeouts and 5xx
            log.warning("reply to chat %s failed (%s)", chat_id, type(exc).__name__)
            if pause is not None:
                await asyncio.sleep(pause)
    await hand_over(services, chat_id, text, markup, kind=kind)
    return None


async def edit(
    bot: Bot,
    services: Services,
    chat_id: int,
    message_id: int,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
) -> None:
    """Replace a message's text, retrying network failures; if it still fails, the text comes as a new message."""
    if (unit := _held_back(text, OutboxKind.REPLY)) is not None:
        unit.on_commit.append(lambda: edit(bot, services, chat_id, message_id, text, markup))
        return
    for pause in (*RETRY_PAUSES, None):
        try:
            await bot.edit_message_text(text, chat_id=chat_id, message_id=message_id, reply_markup=markup)
            return
        except BadRequest:
            raise
        except NetworkError as exc:
            log.warning("edit in chat %s failed (%s)", chat_id, type(exc).__name__)
            if pause is not None:
                await asyncio.sleep(pause)
    await hand_over(services, chat_id, text, markup, kind=OutboxKind.REPLY)


def _held_back(text: str, kind: OutboxKind) -> uow.UnitOfWork | None:
    """The open unit of work this reply must wait for, if it confirms a change (or follows one that does)."""
    unit = uow.current()
    if unit is None or unit.committed or kind is OutboxKind.CRISIS_REPLY:
        return None
    if unit.deferring or confirms(text):
        unit.deferring = True
        return unit
    return None


async def hand_over(
    services: Services,
    chat_id: int,
    text: str,
    markup: InlineKeyboardMarkup | None,
    *,
    kind: OutboxKind,
    due_at: dt.datetime | None = None,
) -> None:
    """Queue the reply in a transaction of its own and wake the delivery loop."""
    buttons = [[(b.text, str(b.callback_data)) for b in row] for row in markup.inline_keyboard] if markup else None
    async with services.db.session() as s, s.begin():
        await enqueue(s, chat_id=chat_id, kind=kind, text=text, buttons=buttons, due_at=due_at)
    services.delivery.wake.set()
