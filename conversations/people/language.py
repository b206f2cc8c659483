"""The language each person reads: set for every update, offered at /start, changed with /language.

Group -3 (`reader`) learns who wrote (the same bounded lookup the crisis guard uses, once per
update) and speaks their language for the rest of the update. Someone not yet enrolled reads the
language they picked on the notice, or their Telegram app's if the bot speaks it.
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler, TypeHandler

from bot import texts
from bot.delivery import planner
from bot.domain.people import language
from bot.domain.people.directory import PersonView
from bot.domain.people.language import PickLanguage
from bot.services.context import AppContext
from bot.services.writer import writer
from bot.texts import catalogue
from conversations.common import Handlers, edit_or_reply, ensure_menu, keyboard, member, reply, show_consent
from conversations.people.start import PENDING_LANGUAGE, pending_role


async def reader(update: Update, context: AppContext) -> None:
    """Speak the writer's language for the rest of this update (private chats only)."""
    catalogue.set_reader(None)  # nothing carries over from the update this task handled before
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None or chat.type != "private":
        return
    _, person = await writer(update, context)
    if person is not None:
        catalogue.set_reader(person.language)
        return
    picked = context.user_data.get(PENDING_LANGUAGE) if context.user_data is not None else None
    catalogue.set_reader(picked if isinstance(picked, str) else user.language_code)


def _menu() -> tuple[str, InlineKeyboardMarkup]:
    return texts.LANGUAGE_ASK.format(language=catalogue.NAMES[catalogue.current()]), keyboard([language.choices()])


@member("language")
async def show(update: Update, context: AppContext, person: PersonView) -> None:
    """/language: the languages, one button each."""
    await reply(update, *_menu())


async def picked(update: Update, context: AppContext) -> None:
    """A language button: stored on the person (or kept for a newcomer), and every reply from now in it."""
    query = update.callback_query
    assert query is not None and update.effective_user is not None
    code = catalogue.supported(PickLanguage.parse(query.data).code) or catalogue.SOURCE
    _, person = await writer(update, context)
    if person is None:  # before enrolment: the notice shown again in the language picked
        if context.user_data is not None:
            context.user_data[PENDING_LANGUAGE] = code
        catalogue.set_reader(code)
        await show_notice_again(update, context)
        return
    if code != person.language:  # reminders already planned in the old language are planned again
        await planner.withdraw_for_language(context.session, person.id)
    person = await language.set_language(context.session, person.id, code)
    catalogue.set_reader(code)
    await edit_or_reply(update, texts.LANGUAGE_SET.format(language=catalogue.NAMES[code]))
    await ensure_menu(context, person)


async def show_notice_again(update: Update, context: AppContext) -> None:
    """The notice and its question again, now in the language picked; nothing is stored yet."""
    role = pending_role(context)
    if role is None:
        await reply(update, texts.STALE_BUTTON)
        return
    await show_consent(update, context, role)


def reader_handlers() -> Handlers:
    """Group -3: before the guards, so even the crisis reply is in the reader's language."""
    return [TypeHandler(Update, reader)]


def handlers() -> Handlers:
    return [
        CommandHandler("language", show),
        CallbackQueryHandler(picked, pattern=PickLanguage.matches),
    ]
