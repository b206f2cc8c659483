"""The crisis exchange: the minutes after a flagged message, and the plain question still open.

After a crisis reply the person may write more. The rules (docs/architecture.md, "The crisis
exchange"):
- an answer that fits the step they have open (a number in the check-in, a time in /settings,
  a line of the safety plan, an /ask question) is the step's: the step takes it;
- free text that fits no open step is kept with their open alert, and whoever holds the alert
  is pushed "C-1234 wrote again" (`follow_up`, called by the step that could not use it, or by
  the catch-all text handler);
- the reply never claims a hand-over that did not happen: it says who will see the words, or
  that nobody reads them now, with the lines.
The plain question ("are you having thoughts of hurting yourself?") stays open until it is
answered, by its buttons or in words (bot.domain.safety.typed_answer).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from telegram import Update

from bot import texts
from bot.core.clock import now
from bot.db.models import OutboxKind
from bot.domain.safety.buttons import CrisisResume
from bot.services import crisis_record, replies
from bot.services.context import AppContext
from bot.services.crisis_record import FollowUp
from bot.texts import catalogue
from conversations.common import fmt, keyboard

EXCHANGE_UNTIL = "crisis_exchange_until"  # user_data: ISO time until which free text joins the exchange
QUESTION = "crisis_question"  # user_data: {"until": ISO time, "message_id": the question's message}


def _data(context: AppContext) -> dict[Any, Any]:
    return context.user_data if context.user_data is not None else {}


def _window(context: AppContext) -> dt.timedelta:
    return dt.timedelta(minutes=context.services.settings.crisis_exchange_minutes)


def _before(raw: object) -> bool:
    if not isinstance(raw, str):
        return False
    try:
        return now() < dt.datetime.fromisoformat(raw)
    except ValueError:
        return False


def begin(context: AppContext) -> None:
    """A flagged message was answered: the exchange runs for CRISIS_EXCHANGE_MINUTES from now."""
    if context.user_data is not None:
        context.user_data[EXCHANGE_UNTIL] = (now() + _window(context)).isoformat()


def end(context: AppContext) -> None:
    """ "Back to what I was doing": free text is the person's own again (the question stays asked)."""
    _data(context).pop(EXCHANGE_UNTIL, None)


def active(context: AppContext) -> bool:
    """True while free text that fits no open step belongs to the crisis exchange."""
    return _before(_data(context).get(EXCHANGE_UNTIL)) or question_open(context)


def ask(context: AppContext, message_id: int | None) -> None:
    """The plain question was sent: a typed yes or no is read as its answer while it stays open."""
    if context.user_data is not None:
        until = (now() + _window(context)).isoformat()
        context.user_data[QUESTION] = {"until": until, "message_id": message_id}


def question_open(context: AppContext) -> bool:
    entry = _data(context).get(QUESTION)
    return isinstance(entry, dict) and _before(entry.get("until"))


def close_question(context: AppContext) -> int | None:
    """The question was answered: forget it; returns its message (to take its buttons away)."""
    entry = _data(context).pop(QUESTION, None)
    message_id = entry.get("message_id") if isinstance(entry, dict) else None
    return message_id if isinstance(message_id, int) else None


async def follow_up(update: Update, context: AppContext, text: str, *, only_if_kept: bool = False) -> FollowUp:
    """Keep free text that fits no open step with the open alert, and say truly who will see it.

    With `only_if_kept`, nothing is said when no alert of theirs could keep it (the caller answers instead).
    """
    chat = update.effective_chat
    if chat is None:
        return FollowUp.NOT_KEPT
    user = update.effective_user
    kept = await crisis_record.record_follow_up(context.services, user.id if user else chat.id, text)
    if only_if_kept and kept is FollowUp.NOT_KEPT:
        return kept
    context.crisis_answered = True
    lines = context.services.settings.crisis_lines_in(catalogue.current())
    message = {
        FollowUp.PUSHED: texts.CRISIS_FOLLOW_UP,
        FollowUp.KEPT: fmt(texts.CRISIS_FOLLOW_UP_KEPT, crisis_lines=lines),
        FollowUp.PUSHED_ONCALL: fmt(texts.CRISIS_FOLLOW_UP_ONCALL, crisis_lines=lines),
        FollowUp.KEPT_ONCALL: fmt(texts.CRISIS_FOLLOW_UP_ONCALL_KEPT, crisis_lines=lines),
        FollowUp.NOT_KEPT: fmt(texts.CRISIS_FOLLOW_UP_NOT_KEPT, crisis_lines=lines),
    }[kept]
    in_window = _before(_data(context).get(EXCHANGE_UNTIL))
    resume = keyboard([[(texts.CRISIS_RESUME_BUTTON, CrisisResume().pack())]]) if in_window else None
    await replies.send(context.bot, context.services, chat.id, message, resume, kind=OutboxKind.CRISIS_REPLY)
    return kept
