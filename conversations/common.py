"""Shared handler plumbing: who is writing, role guards, replies."""

from __future__ import annotations

import functools
import html
from collections import OrderedDict
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from telegram import Document, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, ConversationHandler, filters

from bot import texts
from bot.core.callbacks import CallbackData, callback
from bot.db.models import Role
from bot.domain.people import language, roles
from bot.domain.people.directory import PersonView
from bot.domain.records import audit
from bot.services import replies
from bot.services.context import AppContext, current_services, menu_features, publish_menu
from bot.texts import catalogue, wording

END = ConversationHandler.END
Handlers = list[BaseHandler[Any, AppContext, Any]]  # what each conversation module's handlers() returns
R = TypeVar("R")
MemberHandler = Callable[[Update, AppContext, PersonView], Coroutine[Any, Any, R]]
Guarded = Callable[[Update, AppContext], Coroutine[Any, Any, R | int]]  # int: END when refused


_answered: OrderedDict[str, None] = OrderedDict()  # recent callback query ids already answered


async def download_within(document: Document, limit: int) -> bytes | None:
    """The document's bytes, or None when it is larger than `limit` or nobody says how large it is.

    PTB downloads a file whole, so the size Telegram states is checked before asking for it; a
    file whose size is stated nowhere is refused rather than read to find out.
    """
    if document.file_size is not None and document.file_size > limit:
        return None
    file = await document.get_file()
    size = document.file_size if document.file_size is not None else file.file_size
    if size is None or size > limit:
        return None
    data = bytes(await file.download_as_bytearray())
    return data if len(data) <= limit else None


async def answer_once(update: Update, text: str | None = None) -> None:
    """Stop the button's spinner. Telegram refuses a second answer, so remember who got one."""
    query = update.callback_query
    if query is None or query.id in _answered:
        return
    _answered[query.id] = None
    if len(_answered) > 1000:
        _answered.popitem(last=False)
    await query.answer(text)


async def reply(update: Update, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    """Answer in the chat the update came from (message or button press); retried, never lost."""
    await answer_once(update)
    chat = update.effective_chat
    if chat is None:
        return
    await replies.send(update.get_bot(), current_services(), chat.id, text, markup)


async def edit_or_reply(update: Update, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    """Replace the message a button sat on; fall back to a new message."""
    query = update.callback_query
    if query is not None and query.message is not None:
        await answer_once(update)
        message = query.message
        await replies.edit(update.get_bot(), current_services(), message.chat.id, message.message_id, text, markup)
    else:
        await reply(update, text, markup)


async def invalid_button(update: Update, context: AppContext) -> None:
    """Answers a button whose data is forged, stale, or names something that no longer fits."""
    await answer_once(update, texts.STALE_TOAST)
    await reply(update, texts.STALE_BUTTON)


STRAY = ~filters.TEXT & ~filters.COMMAND & ~filters.UpdateType.EDITED  # stickers, photos, voice...


async def nudge(update: Update, context: AppContext, text: str) -> None:
    """Say what the open step wants, unless the crisis guard answered this update: its reply stands alone.

    Every "choose a button" or "please type…" of a conversation goes through here, so a text or
    caption with crisis words gets the crisis reply and nothing after it.
    """
    if context.crisis_answered:
        return
    await reply(update, text)


async def use_buttons(update: Update, context: AppContext) -> None:
    """Reminds that this step wants a button press or typed text (stickers, photos, stray input)."""
    await nudge(update, context, texts.SETTINGS_USE_BUTTONS)


Step = Callable[[Update, AppContext], Coroutine[Any, Any, R]]


def not_crisis_words(fn: Step[R]) -> Step[R | None]:
    """For a step that takes typed text: words the crisis guard answered are not the step's answer.

    Nothing more is said and the step stays where it was (None keeps a conversation's state): the
    crisis reply stands alone, and "i want to kill myself" never becomes a broadcast, a name or a
    time. One exception: a team member's words that are not about themselves are taken after the note
    with the lines (bot.domain.safety.about_self). Staff write about crisis on purpose ("Suicide
    prevention month: call or text 988", "Self-harm skills group"), and their step must not swallow
    those each time they try.
    """

    @functools.wraps(fn)
    async def taken(update: Update, context: AppContext) -> R | None:
        if context.crisis_answered and not context.crisis_team_note:
            return None
        return await fn(update, context)

    return taken


def keyboard(rows: list[list[tuple[str, str]]]) -> InlineKeyboardMarkup:
    """Build an inline keyboard from (label, callback_data) pairs; data must fit 64 bytes."""
    for row in rows:
        for _, data in row:
            assert 1 <= len(data.encode()) <= 64, data
    return InlineKeyboardMarkup([[InlineKeyboardButton(t, callback_data=d) for t, d in row] for row in rows])


def fmt(template: str, **values: object) -> str:
    """Fill a text template, escaping every value for HTML."""
    return template.format(**{k: html.escape(str(v)) for k, v in values.items()})


def client_label(code: str, initials: str) -> str:
    """A client as the team sees them in lists and views: the code, with initials beside it when known."""
    return texts.CLIENT_WITH_INITIALS.format(code=code, initials=initials) if initials else code


def clinic_values(context: AppContext) -> dict[str, str]:
    """What texts may name, escaped: the clinic (never its placeholder), crisis lines, the bot's own name."""
    s = context.services.settings
    return {
        "clinic": html.escape(s.clinic_label(catalogue.current())),
        "crisis_lines": html.escape(s.crisis_lines_in(catalogue.current())),
        "bot_name": html.escape(s.bot_display_name),
        "phone": html.escape(s.known("clinic_phone")),
    }


def compose(template: str, context: AppContext, **values: object) -> str:
    """Fill a text with the clinic's values and `values` (escaped); a sentence needing an unset value is left out."""
    filled: dict[str, str | None] = dict(clinic_values(context))
    filled.update({k: html.escape(str(v)) for k, v in values.items()})
    return wording.fill(template, filled)


@callback("consent")
class ConsentButton(CallbackData):
    """Agree or Decline under the privacy notice (clients) or the team notice."""

    agreed: bool


AGREE, DECLINE = ConsentButton(agreed=True).pack(), ConsentButton(agreed=False).pack()


def notice(context: AppContext, role: Role | None = None) -> str:
    """The notice a person of `role` agrees to: clients' privacy, or the team's duties."""
    if role is not None and role is not Role.CLIENT:
        return texts.TEAM_NOTICE.format(**clinic_values(context))
    readers = [texts.READER_NAMES[r] for r in texts.READER_NAMES if r in roles.checkin_readers()]
    named = " and ".join([", ".join(readers[:-1]), readers[-1]] if len(readers) > 1 else readers)
    return texts.PRIVACY_NOTICE.format(**clinic_values(context), readers=named)


async def show_consent(update: Update, context: AppContext, role: Role, *, changed: bool = False) -> None:
    """Show the notice for `role` with Agree / Decline; `changed` says the notice is newer than their agreement."""
    if changed:
        await reply(update, texts.CONSENT_CHANGED)
    await reply(update, notice(context, role))
    question = texts.CONSENT_QUESTION if role is Role.CLIENT else texts.TEAM_CONSENT_QUESTION
    # The notice is read before anything is stored: whoever reads it better in another language switches here.
    await reply(
        update,
        question,
        keyboard(
            [
                [(texts.CONSENT_AGREE_BUTTON, AGREE), (texts.CONSENT_DECLINE_BUTTON, DECLINE)],
                language.choices(exclude=catalogue.current()),
            ]
        ),
    )


async def refuse_inactive(update: Update, context: AppContext, person: PersonView) -> bool:
    """Answer a deactivated or paused person, or ask for the current notice; True when answered."""
    if person.deactivated:
        await reply(update, compose(texts.DEACTIVATED, context))
        return True
    if person.paused:
        await reply(update, compose(texts.PAUSED_TEAM if person.is_team else texts.PAUSED, context))
        return True
    if person.needs_consent(context.services.settings.privacy_version):
        await show_consent(update, context, person.role, changed=True)
        return True
    await ensure_menu(context, person)
    return False


MENU_KEY = "menu"  # chat_data: the menu version published to this chat


async def ensure_menu(context: AppContext, person: PersonView) -> None:
    """Publish the person's menu when this chat is not known to have it (e.g. a crash before the welcome)."""
    if context.chat_data is None:
        return
    features = menu_features(context.services.settings)
    version = roles.menu_version(person.role, features)
    if context.chat_data.get(MENU_KEY) == version:
        return
    await publish_menu(context.bot, person.telegram_id, person.role, features)
    context.chat_data[MENU_KEY] = version


async def current_person(update: Update, context: AppContext) -> PersonView | None:
    user = update.effective_user
    return None if user is None else await context.services.people.by_telegram_id(context.session, user.id)


def member(command: str | None = None) -> Callable[[MemberHandler[R]], Guarded[R]]:
    """Run the handler only for an enrolled, consenting person whose role may use `command`.

    Unknown users get the guest message; paused clients are told how to come back; the
    wrong role gets a refusal and an audit row. The handler receives the PersonView.
    """

    def decorate(fn: MemberHandler[R]) -> Guarded[R]:
        @functools.wraps(fn)
        async def guarded(update: Update, context: AppContext) -> R | int:
            person = await current_person(update, context)
            if person is None:
                await reply(update, texts.UNKNOWN_USER.format(**clinic_values(context)))
                return END
            if await refuse_inactive(update, context, person):
                return END
            if command is not None and not roles.allowed(person.role, command):
                audit.record(
                    context.session,
                    "denied",
                    actor_telegram_id=person.telegram_id,
                    actor_person_id=person.id,
                    command=command,
                )
                await reply(update, fmt(texts.WRONG_ROLE, command=command, who=roles.who_may(command)))
                return END
            return await fn(update, context, person)

        return guarded

    return decorate


def draft(context: AppContext, key: str) -> dict[str, Any]:
    """A step-by-step flow's answers so far, kept in user_data under `key` (plain data: it is persisted)."""
    if context.user_data is None:  # PTB builds user_data for every update from a user; none comes without one
        raise RuntimeError("no user_data in this update")
    found: dict[str, Any] = context.user_data.setdefault(key, {})
    return found
