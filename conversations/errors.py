"""The application error handler: log with context, apologise in plain words, leak nothing."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import NetworkError

from bot import texts
from bot.services import uow
from bot.services.context import AppContext

log = logging.getLogger("iop.errors")


async def on_error(update: object, context: AppContext) -> None:
    """Logs the failure (ids only, no message text) and tells the user something went wrong."""
    unit = uow.current()
    if unit is not None:
        unit.fail()  # nothing this update changed is kept
        if unit.may_retry and uow.is_locked(context.error):
            unit.retry = True  # BotApplication runs the update once more before anyone hears "sorry"
            log.warning("database locked; the update will be handled again")
            return
    user_id = chat_id = None
    if isinstance(update, Update):
        user_id = update.effective_user.id if update.effective_user else None
        chat_id = update.effective_chat.id if update.effective_chat else None
    log.error("error handling update (user=%s chat=%s)", user_id, chat_id, exc_info=context.error)
    if chat_id is None or isinstance(context.error, NetworkError):
        return  # nothing to tell, or telling would fail the same way
    try:
        await context.bot.send_message(chat_id, texts.ERROR)
    except Exception:  # the apology itself failed; the log has the original error
        log.warning("could not send the error notice to chat %s", chat_id)
