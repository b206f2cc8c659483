"""Answers for everything no other handler took: unknown users, stray media, old buttons.

Registered last in group 0, so any feature handler gets the update first.
"""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import (
    ApplicationHandlerStop,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot import texts
from bot.core.callbacks import parse_any
from bot.db.models import Role
from bot.domain.people import enrollment
from bot.services.context import AppContext
from bot.services.crisis_record import FollowUp
from bot.texts import catalogue
from conversations.common import (
    Handlers,
    answer_once,
    clinic_values,
    current_person,
    invalid_button,
    refuse_inactive,
    reply,
)
from conversations.faq import answers
from conversations.people.start import PENDING_INVITE, try_code
from conversations.safety import crisis, exchange, short_replies
from conversations.safety.situation_replies import written_in


async def invalid_data(update: Update, context: AppContext) -> None:
    """Answers button data this bot never built (forged, garbled, an older release) before any handler sees it."""
    await invalid_button(update, context)
    raise ApplicationHandlerStop


def _not_ours(data: object) -> bool:
    # PTB hands a query without data to every CallbackQueryHandler; this one takes it first.
    return parse_any(data) is None


def _outside_private(update: object) -> bool:
    # Any update from a group, supergroup or channel: messages, edits, posts, button presses.
    if not isinstance(update, Update):
        return False
    chat = update.effective_chat
    return chat is not None and chat.type != ChatType.PRIVATE


class OutsidePrivateHandler(BaseHandler[Update, AppContext, None]):
    """Takes every update whose chat is not a private chat, whatever its type."""

    def check_update(self, update: object) -> bool:
        return _outside_private(update)


async def private_only(update: Update, context: AppContext) -> None:
    """Keeps the bot out of groups and channels: client data never goes to a shared chat."""
    if await crisis.in_group(update, context):
        raise ApplicationHandlerStop  # a client's crisis words: answered privately, nothing said in the group
    if update.callback_query is not None:
        await answer_once(update, texts.PRIVATE_ONLY)
    elif update.message is not None:
        # A new message gets one short note; edits and channel posts get nothing (no echo, no spam).
        await update.message.reply_text(texts.PRIVATE_ONLY)
    raise ApplicationHandlerStop


async def text(update: Update, context: AppContext) -> None:
    """Handles free text nothing else claimed: codes from guests, otherwise a pointer to /help."""
    if crisis.answered(context):
        return  # the crisis guard has answered this message; an article or small talk would hurt
    assert update.message is not None and update.message.text is not None and context.user_data is not None
    person = await current_person(update, context)
    if person is None and not context.user_data.get(PENDING_INVITE) and enrollment.looks_like_code(update.message.text):
        # A pasted code is letters at random: the detector may call it Spanish. The notice follows the
        # invite's language, else Telegram's (set by the writer lookup), never the code's "language".
        await try_code(update, context, update.message.text)
        return
    # Free text no step took is answered in the language it is written in ("hola, a que hora es el grupo?").
    catalogue.set_reader(written_in(update.message.text, catalogue.current()))
    if person is None:
        if context.user_data.get(PENDING_INVITE):
            await reply(update, texts.CONSENT_PENDING)
        else:
            await reply(update, texts.UNKNOWN_USER.format(**clinic_values(context)))
        return
    if (
        person.role is Role.CLIENT
        and person.paused
        and await exchange.follow_up(update, context, update.message.text, only_if_kept=True) is not FollowUp.NOT_KEPT
    ):
        return  # paused or left, but their crisis alert is open: on-call reads it (the paused wording after)
    if await refuse_inactive(update, context, person):
        return
    if exchange.active(context):  # free text no open step took: it belongs to the crisis exchange
        await exchange.follow_up(update, context, update.message.text)
        await answers.answer_if_known(update, context)  # "what time is group" still gets its answer
        return
    if await short_replies.answer_text(update, context, person):
        return  # reported use, crying emoji, thanks or ok: not a question for the FAQ
    await answers.answer_text(update, context, person)


async def not_text(update: Update, context: AppContext) -> None:
    """Answers stickers, photos, voice notes and other media."""
    if crisis.answered(context):
        return  # a caption the crisis guard answered
    person = await current_person(update, context)
    if person is None:
        await reply(update, texts.UNKNOWN_USER.format(**clinic_values(context)))
    elif person.deactivated:
        await reply(update, texts.DEACTIVATED.format(**clinic_values(context)))
    elif not await short_replies.answer_media(update, context, person):  # voice notes, stickers...: the lines
        await reply(update, texts.NOT_TEXT)


async def edited(update: Update, context: AppContext) -> None:
    """Edits are not read (the crisis guard has screened the text already); say so once."""
    if not crisis.answered(context):
        await reply(update, texts.EDIT_IGNORED)
    raise ApplicationHandlerStop


async def nothing_to_cancel(update: Update, context: AppContext) -> None:
    """/cancel when no conversation is open."""
    await reply(update, texts.NOTHING_TO_CANCEL)


async def unknown_command(update: Update, context: AppContext) -> None:
    """Answers a command nobody registered."""
    await reply(update, texts.UNKNOWN_COMMAND)


async def stale_button(update: Update, context: AppContext) -> None:
    """Answers any button nobody took: forged or unparseable data, a finished conversation, an older release."""
    await invalid_button(update, context)


async def ignore(update: Update, context: AppContext) -> None:
    """Service updates (chat member changes, polls...) need no reply."""


def guard() -> Handlers:
    """Group -2: before anything reads a word (the crisis screen is group -1)."""
    return [
        OutsidePrivateHandler(private_only),
        CallbackQueryHandler(invalid_data, pattern=_not_ours),
    ]


def edits() -> Handlers:
    """First in group 0, ahead of every conversation and command: an edit never runs a step or a command."""
    return [MessageHandler(filters.UpdateType.EDITED, edited)]


SPOKEN = (filters.VOICE | filters.AUDIO | filters.VIDEO | filters.VIDEO_NOTE) & ~filters.UpdateType.EDITED


def spoken() -> Handlers:
    """Early in group 0, ahead of every conversation: a voice note or video may be a cry for help,
    so no open step answers it with "type your answer"; the step stays open."""
    return [MessageHandler(SPOKEN, not_text)]


def handlers() -> Handlers:
    """The catch-alls, registered last in group 0."""
    return [
        CommandHandler("cancel", nothing_to_cancel),
        MessageHandler(filters.COMMAND, unknown_command),
        MessageHandler(filters.TEXT, text),
        MessageHandler(filters.ALL, not_text),
        CallbackQueryHandler(stale_button),
        TypeHandler(Update, ignore),
    ]
