"""One conversation at a time: starting one closes any other still open, with a word.

Two open conversations fight over every typed word: with /checkin open, /safetyplan's section was
answered "I didn't catch that" by the check-in, and with /meetings left open, /broadcast's /cancel
stopped /meetings. So the first handler of group 0 looks at what the update would start; when a
conversation begins (its entry point, not a step or re-entry of one already open), every other open
conversation of this person is closed as its own /cancel closes it (its draft dropped, and its own
words: "Okay, I've stopped this check-in and saved nothing"), and the update goes on to the new
conversation. /cancel then ends the one they are in. A command that starts nothing (/help, /schedule)
leaves the open conversation where it was, and so does one whose words the crisis guard answered
("/ask i want to die" during a check-in): nothing is said after the crisis reply but what the new
conversation says, as before.
"""

from __future__ import annotations

from typing import Any, cast

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import BaseHandler, CommandHandler, ConversationHandler

from bot import texts
from bot.services.context import AnyApplication, AppContext
from conversations.common import reply

Conversation = ConversationHandler[AppContext]
# What ConversationHandler.check_update finds: the state, the person's key, the handler and its check.
Checked = tuple[object, tuple[int | str, ...], BaseHandler[Update, AppContext, object], object]
Found = tuple[list[Conversation], Conversation, Checked]  # the ones to close, the one starting, its check


Kind = tuple[bool, bool, bool]  # how a conversation keys its people: per chat, per user, per message


def _open_ones(conversations: list[tuple[Conversation, Kind]], update: Update) -> list[Conversation]:
    """The conversations this person is in. Every update pays for this, so a key is made once per
    kind of key (they are all per chat and user today), not once per conversation."""
    keys: dict[Kind, tuple[int | str, ...]] = {}
    found: list[Conversation] = []
    for conversation, kind in conversations:
        key = keys.get(kind)
        if key is None:
            key = keys[kind] = conversation._get_key(update)
        if conversation._conversations.get(key) is not None:
            found.append(conversation)
    return found


def cancel_of(conversation: Conversation) -> CommandHandler[AppContext, object] | None:
    """The conversation's own /cancel: it drops the draft and says what stopped."""
    for handler in conversation.fallbacks:
        if isinstance(handler, CommandHandler) and "cancel" in handler.commands:
            return handler
    return None


class OneAtATime(BaseHandler[Update, AppContext, None]):
    """First in group 0: closes the open conversations a starting one would otherwise run beside."""

    def __init__(self, app: AnyApplication) -> None:
        super().__init__(self._unused)
        self._app = app
        self._seen: tuple[int, int] | None = None  # the group list (identity, length) the cache was made from
        self._conversations: list[tuple[Conversation, Kind]] = []

    @staticmethod
    async def _unused(update: Update, context: AppContext) -> None:  # handle_update is overridden
        return None

    def _group(self) -> list[BaseHandler[Any, Any, Any]]:
        return [h for h in self._app.handlers.get(0, []) if h is not self]

    def _all_conversations(self) -> list[tuple[Conversation, Kind]]:
        """Group 0's conversations, found again only when the group changes (never after start, in use)."""
        group = self._app.handlers.get(0, [])
        if self._seen != (id(group), len(group)):
            self._seen = (id(group), len(group))
            self._conversations = [
                (h, (h.per_chat, h.per_user, h.per_message)) for h in group if isinstance(h, ConversationHandler)
            ]
        return self._conversations

    def check_update(self, update: object) -> Found | None:
        if not isinstance(update, Update) or update.effective_chat is None or update.effective_user is None:
            return None
        if update.effective_chat.type != ChatType.PRIVATE:
            return None
        opened = _open_ones(self._all_conversations(), update)
        if not opened:
            return None  # the usual case, and a cheap one: nothing to close
        for handler in self._group():  # the handler the Application would pick, in the same order
            if isinstance(handler, ConversationHandler):
                found: Checked | None = handler.check_update(update)
                if found is None:
                    continue
                if handler in opened:
                    return None  # a step of the open one, or its re-entry
                return [h for h in opened if h is not handler], handler, found
            check = handler.check_update(update)
            if check is not None and check is not False:
                return None  # a command or catch-all that starts nothing: the open one stays
        return None

    async def handle_update(
        self, update: Update, application: AnyApplication, check_result: object, context: AppContext
    ) -> None:
        closing, starting, check = cast(Found, check_result)  # what check_update above returned
        if context.crisis_answered:
            closing = []  # the crisis reply stands alone: no "I've stopped your check-in" after it
        for conversation in closing:
            cancel = cancel_of(conversation)
            if cancel is not None:
                await cancel.callback(update, context)
            else:  # every conversation has one today (test_one_at_a_time.py checks it)
                await reply(update, texts.CLOSED_OPEN)
            conversation._update_state(ConversationHandler.END, conversation._get_key(update))
        await starting.handle_update(update, application, check, context)


def handlers(app: AnyApplication) -> list[BaseHandler[Update, AppContext, None]]:
    return [OneAtATime(app)]
