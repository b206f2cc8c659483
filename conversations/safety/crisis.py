"""The crisis guard: every text a person sends in a private chat is screened before anything else.

Runs in group -1 for messages, edits and captions. Record first, then speak: a flagged
message is written (flag, alert, first escalation time) in a short transaction of its own
(bot.services.crisis_record), then the reply goes out (retried, and handed to the outbox if
Telegram still fails), so nothing Telegram or the rest of the update does can lose the
alert. The update is not stopped: the
conversation the person is in goes on (a check-in note with such words is still saved), and
handlers downstream see `crisis.answered(context)` and add no reply of their own.

For a while after that reply (CRISIS_EXCHANGE_MINUTES), the person's next plain messages
belong to that exchange: acknowledged and passed to the care team, not parsed as the answer
to a step they had open. Commands and buttons still work; "Back to what I was doing" ends it.
"""

from __future__ import annotations

import datetime as dt
import logging

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.ext import ApplicationHandlerStop, CallbackQueryHandler, TypeHandler

from bot import texts
from bot.core.clock import now
from bot.db.models import OutboxKind, Role
from bot.domain.care import message_flags
from bot.domain.people import roles
from bot.domain.people.directory import PersonView
from bot.domain.safety import plan as safety_plan
from bot.domain.safety.buttons import CrisisAnswer, CrisisResume
from bot.domain.safety.screen import Category, Level, Screening, screen
from bot.services import crisis_record, replies, uow
from bot.services.context import AppContext
from bot.services.crisis_record import Recorded
from conversations.common import Handlers, answer_once, fmt, keyboard
from conversations.safety.plan import render as render_plan

log = logging.getLogger(__name__)

EXCHANGE_UNTIL = "crisis_exchange_until"  # user_data: ISO time until which messages join the exchange
OFFERS_PLAN = frozenset(
    {Category.SUICIDE, Category.SELF_HARM, Category.MEANS_OR_PLAN, Category.USE_INTENT, Category.INTOXICATED_UNSAFE}
)


def answered(context: AppContext) -> bool:
    """True when the guard already replied to this update: add no reply of your own."""
    return context.crisis_answered


def _incoming(update: Update) -> Message | None:
    """The person's own message (new or edited) in a private chat; never the bot's."""
    msg = update.message or update.edited_message
    if msg is None or msg.chat.type != "private":
        return None
    return msg


def _reply_for(screening: Screening, context: AppContext) -> tuple[str, InlineKeyboardMarkup | None]:
    s = context.services.settings
    values = {"crisis_lines": s.crisis_lines, "emergency": s.emergency_number, "dv_hotline": s.dv_hotline}
    if message_flags.needs_question(screening):
        buttons = keyboard(
            [
                [
                    (texts.CRISIS_ANSWER_YES, CrisisAnswer(yes=True).pack()),
                    (texts.CRISIS_ANSWER_NO, CrisisAnswer(yes=False).pack()),
                ]
            ]
        )
        return fmt(texts.CRISIS_POSSIBLE, **values), buttons
    template = {
        Category.OVERDOSE: texts.CRISIS_OVERDOSE,
        Category.USE_INTENT: texts.CRISIS_USE_INTENT,
        Category.INTOXICATED_UNSAFE: texts.CRISIS_INTOXICATED,
        Category.VIOLENCE_AT_HOME: texts.CRISIS_VIOLENCE_AT_HOME,
        Category.HARM_TO_OTHERS: texts.CRISIS_HARM_TO_OTHERS,
        Category.UNREADABLE: texts.CRISIS_UNREADABLE,
    }.get(screening.category or Category.SUICIDE, texts.CRISIS_REPLY)
    return fmt(template, **values), None


async def send_reliably(
    context: AppContext, chat_id: int, text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    """Send now; if Telegram keeps failing, the outbox takes the reply over (bot.services.replies)."""
    await replies.send(context.bot, context.services, chat_id, text, markup, kind=OutboxKind.CRISIS_REPLY)


async def _client(update: Update, context: AppContext) -> PersonView | None:
    """The writer, if they are a consenting client (only clients' messages reach a care team)."""
    user = update.effective_user
    person = None if user is None else await context.services.people.by_telegram_id(context.session, user.id)
    if person is None or person.role is not Role.CLIENT or person.paused:
        return None
    return person


async def _send_plan(context: AppContext, chat_id: int, person: PersonView) -> None:
    plan = await safety_plan.get(context.session, person.id)
    if plan:
        await send_reliably(
            context,
            chat_id,
            texts.SAFETY_PLAN_IN_CRISIS
            + "\n\n"
            + render_plan(plan, blanks=False).removeprefix(texts.SAFETY_PLAN_HEADER).strip(),
        )


async def guard(update: Update, context: AppContext) -> None:
    """Screens the person's text; answers a crisis at once and tells the care team."""
    msg = _incoming(update)
    text = None if msg is None else (msg.text or msg.caption)
    if msg is None or text is None:
        return
    screening = screen(text)
    if screening.flagged and await _team_checking(update, context, msg):
        return  # a team member's /screen: the command shows the verdict instead
    if screening.flagged:
        context.crisis_answered = True
        if _first_time("crisis"):  # not again when a locked database runs the update a second time
            user_id = update.effective_user.id if update.effective_user else msg.chat.id
            recorded = await crisis_record.record_message(context.services, user_id, screening, text)
            reply, markup = _reply_for(screening, context)
            await send_reliably(context, msg.chat.id, _telling(reply, recorded), markup)
        if context.user_data is not None:
            until = now() + dt.timedelta(minutes=context.services.settings.crisis_exchange_minutes)
            context.user_data[EXCHANGE_UNTIL] = until.isoformat()
        if screening.level is Level.EXPLICIT and screening.category in OFFERS_PLAN:
            person = await _client(update, context)
            if person is not None:
                await _send_plan(context, msg.chat.id, person)
        return
    if _in_exchange(context) and update.message is not None and not _is_command(update.message):
        await _follow_up(update, context, msg, text)
        raise ApplicationHandlerStop  # not the answer to a step they had open before


async def _team_checking(update: Update, context: AppContext, msg: Message) -> bool:
    """True for `/screen <text>` from a team member (a client's /screen is screened like any text)."""
    if not (msg.text and msg.text.startswith("/screen")) or update.message is None:
        return False
    user = update.effective_user
    person = None if user is None else await context.services.people.by_telegram_id(context.session, user.id)
    return person is not None and person.active and roles.allowed(person.role, "screen")


def _first_time(what: str) -> bool:
    """True unless an earlier try of this same update already did `what` (it stays done)."""
    unit = uow.current()
    if unit is None:
        return True
    first = what not in unit.done
    unit.done.add(what)
    return first


def _telling(reply: str, recorded: Recorded) -> str:
    """Say the care team is being told only when pushes are queued ("has been told" waits for a delivery)."""
    return f"{reply}\n\n{texts.CRISIS_TELLING_TEAM}" if recorded is Recorded.TELLING else reply


def _is_command(msg: Message) -> bool:
    return bool(msg.text and msg.text.startswith("/"))


def _in_exchange(context: AppContext) -> bool:
    raw = context.user_data.get(EXCHANGE_UNTIL) if context.user_data is not None else None
    if not isinstance(raw, str):
        return False
    try:
        return now() < dt.datetime.fromisoformat(raw)
    except ValueError:
        return False


async def _follow_up(update: Update, context: AppContext, msg: Message, text: str) -> None:
    context.crisis_answered = True
    if not _first_time("follow-up"):
        return
    user_id = update.effective_user.id if update.effective_user else msg.chat.id
    await crisis_record.record_follow_up(context.services, user_id, text)  # kept before "I've passed this on"
    resume = keyboard([[(texts.CRISIS_RESUME_BUTTON, CrisisResume().pack())]])
    await send_reliably(context, msg.chat.id, texts.CRISIS_FOLLOW_UP, resume)


async def answer(update: Update, context: AppContext) -> None:
    """Takes the answer to 'are you thinking of hurting yourself?'; 'No' never hides the lines."""
    assert update.callback_query is not None and update.effective_chat is not None
    yes = CrisisAnswer.parse(update.callback_query.data).yes
    await answer_once(update)
    lines = context.services.settings.crisis_lines
    chat_id = update.effective_chat.id
    if not yes:
        await send_reliably(context, chat_id, fmt(texts.CRISIS_AFTER_NO, crisis_lines=lines))
        return
    user = update.effective_user
    recorded = await crisis_record.record_answer(context.services, user.id if user else chat_id)
    await send_reliably(context, chat_id, fmt(texts.CRISIS_AFTER_YES, crisis_lines=lines))
    person = await _client(update, context)
    if person is not None and recorded is not Recorded.NOT_A_CLIENT:
        await _send_plan(context, chat_id, person)


async def resume(update: Update, context: AppContext) -> None:
    """Ends the crisis exchange: plain messages answer the open step again."""
    if context.user_data is not None:
        context.user_data.pop(EXCHANGE_UNTIL, None)
    await answer_once(update)
    if update.effective_chat is not None:
        await send_reliably(context, update.effective_chat.id, texts.CRISIS_RESUMED)


def guard_handlers() -> Handlers:
    """Group -1: the screen sees every update first (it returns at once for anything without text)."""
    return [TypeHandler(Update, guard)]


def handlers() -> Handlers:
    return [
        CallbackQueryHandler(answer, pattern=CrisisAnswer.matches),
        CallbackQueryHandler(resume, pattern=CrisisResume.matches),
    ]
