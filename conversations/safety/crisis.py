"""The crisis guard: every text a person sends in a private chat is screened before anything else.

Runs in group -1 for messages, edits and captions. Record first, then speak: a flagged
message is written (flag, alert, first escalation time) in a short transaction of its own
(bot.services.crisis_record), then the reply goes out (retried, and handed to the outbox if
Telegram still fails), so nothing Telegram or the rest of the update does can lose the
alert. The update is not stopped: the
conversation the person is in goes on (a check-in note with such words is still saved), and
handlers downstream see `crisis.answered(context)` and add no reply of their own.

After that reply the exchange (conversations.safety.exchange) runs for a while: the open
step still takes what fits it, and free text that fits no step is kept with the alert. The
plain safety question is answered by its buttons or in words ("yes", "si", "kind of", "no,
I'm safe"): a yes is a crisis at once, however it is given.
"""

from __future__ import annotations

import logging

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop, CallbackQueryHandler, TypeHandler

from bot import texts
from bot.db.models import OutboxKind, Role
from bot.domain.people import roles
from bot.domain.people.directory import PersonView
from bot.domain.safety import plan as safety_plan
from bot.domain.safety import typed_answer
from bot.domain.safety.about_self import speaks_of_self
from bot.domain.safety.buttons import CrisisAnswer, CrisisResume
from bot.domain.safety.screen import Category, Level, Screening, screen
from bot.services import crisis_record, replies, uow
from bot.services.context import AppContext
from bot.services.crisis_inbox import ScreeningQueue
from bot.services.crisis_record import FollowUp, Recorded
from bot.services.writer import writer
from bot.texts import catalogue
from conversations.common import Handlers, answer_once, fmt
from conversations.safety import exchange
from conversations.safety.plan import render as render_plan
from conversations.safety.situation_replies import reply_for, written_in

log = logging.getLogger(__name__)

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


async def send_reliably(
    context: AppContext, chat_id: int, text: str, markup: InlineKeyboardMarkup | None = None
) -> Message | None:
    """Send now; if Telegram keeps failing, the outbox takes the reply over (bot.services.replies)."""
    return await replies.send(context.bot, context.services, chat_id, text, markup, kind=OutboxKind.CRISIS_REPLY)


async def _client(update: Update, context: AppContext) -> PersonView | None:
    """The writer, if they are a consenting client (only clients' messages reach a care team)."""
    user = update.effective_user
    person = None if user is None else await context.services.people.by_telegram_id(context.session, user.id)
    if person is None or person.role is not Role.CLIENT or person.paused:
        return None
    return person


def _withdrawn_client(person: PersonView | None) -> bool:
    """A client who paused (/stop) or left: their words join only an open alert on-call holds."""
    return person is not None and person.role is Role.CLIENT and person.paused


def _model_reads(known: bool, person: PersonView | None) -> bool:
    """The learned layer reads clients' (and strangers') words only: team members type names and codes.

    It never waits on a broken database: without one, it reads everything (a false alarm costs a question).
    """
    return not known or person is None or person.role is Role.CLIENT


def _team_member(person: PersonView | None) -> bool:
    """An active therapist, staff member or admin: their crisis words are most often a question to a client."""
    return person is not None and person.active and person.role is not Role.CLIENT


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


def _inbox(context: AppContext) -> ScreeningQueue | None:
    queue = context.application.update_queue
    return queue if isinstance(queue, ScreeningQueue) else None


async def guard(update: Update, context: AppContext) -> None:
    """Screens the person's text; answers a crisis at once and tells the care team.

    Then strikes a message off the inbox (bot.services.crisis_inbox): recorded and answered. A tapped
    "Yes" is struck off by its own handler, once it has acted (`answer`).
    """
    inbox = _inbox(context)
    if inbox is not None and update.update_id in inbox.replayed:
        # The replay at start recorded and answered it; Telegram handed it out again after the stop.
        inbox.replayed.discard(update.update_id)
        raise ApplicationHandlerStop
    await _screen_and_answer(update, context, inbox)
    if inbox is not None and update.callback_query is None:
        inbox.settle(update.update_id)


async def _screen_and_answer(update: Update, context: AppContext, inbox: ScreeningQueue | None) -> None:
    msg = _incoming(update)
    text = None if msg is None else (msg.text or msg.caption)
    if msg is None or text is None:
        return
    known, person = await writer(update, context)
    model = _model_reads(known, person)
    early = inbox.take(update.update_id) if inbox is not None else None
    screening = early if early is not None and model else screen(text, model=model)
    if screening.flagged:  # the reply, and whatever follows it in this update, in the language written
        catalogue.set_reader(written_in(text, catalogue.current()))
    if screening.flagged and await _team_checking(update, context, msg):
        return  # a team member's /screen: the command shows the verdict instead
    if screening.flagged and await _joins_the_exchange(update, context, screening, text, person):
        return
    if screening.flagged and _team_member(person):
        context.crisis_answered = True  # no catch-all answers after the note...
        # ...but an open step of theirs takes words about help or about someone else (a broadcast about
        # 988, "Self-harm skills group"); words about the writer stay theirs (common.not_crisis_words).
        context.crisis_team_note = not speaks_of_self(text)
        await send_reliably(context, msg.chat.id, fmt(texts.CRISIS_TEAM_NOTE, crisis_lines=_lines(context)))
        return
    if screening.flagged:
        user_id = update.effective_user.id if update.effective_user else msg.chat.id
        await _answer_flagged(update, context, msg.chat.id, user_id, screening, text)
        return
    if update.message is not None and not _is_command(update.message) and exchange.question_open(context):
        said = typed_answer.read(text)
        if said is not None:  # the answer to our question, typed: it counts as the button would
            context.crisis_answered = True
            if _first_time("answer"):
                await _take_answer(update, context, msg.chat.id, yes=said)


async def _joins_the_exchange(
    update: Update, context: AppContext, screening: Screening, text: str, person: PersonView | None
) -> bool:
    """A "possible" message while the exchange runs is kept with the open alert, not asked about again.

    The plain question is already out and its lines are in every follow-up reply; asking again at each
    uneasy message reads like a machine. Explicit words, and a message no alert can keep, get the full reply.
    """
    msg = update.message
    if screening.level is not Level.POSSIBLE or msg is None or _is_command(msg):
        return False
    if not exchange.active(context) and not _withdrawn_client(person):
        return False  # a paused or former client's open on-call alert keeps their words beyond the window
    return await exchange.follow_up(update, context, text, only_if_kept=True) is not FollowUp.NOT_KEPT


async def _answer_flagged(
    update: Update, context: AppContext, chat_id: int, user_id: int, screening: Screening, text: str
) -> None:
    """Record first, then the reply fit for the situation, then the client's own plan."""
    context.crisis_answered = True
    if _first_time("crisis"):  # not again when a locked database runs the update a second time
        recorded = await crisis_record.record_message(context.services, user_id, screening, text)
        reply, markup = reply_for(screening, text, context.services.settings)
        sent = await send_reliably(context, chat_id, _telling(reply, recorded), markup)
        if markup is not None:
            exchange.ask(context, sent.message_id if sent is not None else None)
    exchange.begin(context)
    if screening.level is Level.EXPLICIT and screening.category in OFFERS_PLAN:
        person = await _client(update, context)
        if person is not None:
            await _send_plan(context, chat_id, person)


async def in_group(update: Update, context: AppContext) -> bool:
    """A client's crisis words in a group: the lines in a private message and an alert; nothing in the group.

    True when it was answered (privately). Anyone else's words, and words that are no crisis, are
    left to the group refusal (fallback.private_only)."""
    msg, user = update.message, update.effective_user
    text = None if msg is None else (msg.text or msg.caption)
    if text is None or user is None:
        return False
    screening = screen(text)
    if not screening.flagged:
        return False
    person = await context.services.people.by_telegram_id(context.session, user.id)
    if person is None or person.role is not Role.CLIENT:
        return False
    await _answer_flagged(update, context, user.id, user.id, screening, text)  # a user's id is their private chat
    return True


def _lines(context: AppContext) -> str:
    return context.services.settings.crisis_lines_in(catalogue.current())


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
    """Say who is being told only when pushes are queued ("has been told" waits for a delivery)."""
    if recorded is Recorded.TELLING_ONCALL:
        return f"{reply}\n\n{texts.CRISIS_TELLING_ONCALL}"
    return f"{reply}\n\n{texts.CRISIS_TELLING_TEAM}" if recorded is Recorded.TELLING else reply


def _is_command(msg: Message) -> bool:
    return bool(msg.text and msg.text.startswith("/"))


async def answer(update: Update, context: AppContext) -> None:
    """Takes the answer to 'are you thinking of hurting yourself?'; 'No' never hides the lines."""
    assert update.callback_query is not None and update.effective_chat is not None
    yes = CrisisAnswer.parse(update.callback_query.data).yes
    await answer_once(update)
    await _take_answer(update, context, update.effective_chat.id, yes=yes)
    inbox = _inbox(context)
    if inbox is not None:
        inbox.settle(update.update_id)  # kept as it arrived (a "Yes"): recorded and answered now


async def _take_answer(update: Update, context: AppContext, chat_id: int, *, yes: bool) -> None:
    """Yes: a crisis alert, committed before the reply, then the lines and the plan. No: the lines stay."""
    question = exchange.close_question(context)
    lines = _lines(context)
    if not yes:
        await _settle_question(context, update, chat_id, question)
        await send_reliably(context, chat_id, fmt(texts.CRISIS_AFTER_NO, crisis_lines=lines))
        return
    await _settle_question(context, update, chat_id, question)
    await say_yes(update, context, chat_id)


async def say_yes(update: Update, context: AppContext, chat_id: int, where: str = "message") -> Recorded:
    """They said yes to thoughts of hurting themselves (here, or at the check-in's safety step): act at once."""
    user = update.effective_user
    recorded = await crisis_record.record_answer(context.services, user.id if user else chat_id, where)
    lines = _lines(context)
    await send_reliably(context, chat_id, _telling(fmt(texts.CRISIS_AFTER_YES, crisis_lines=lines), recorded))
    exchange.begin(context)
    person = await _client(update, context)
    if person is not None and recorded is not Recorded.NOT_A_CLIENT:
        await _send_plan(context, chat_id, person)
    return recorded


async def _settle_question(context: AppContext, update: Update, chat_id: int, message_id: int | None) -> None:
    """The question's buttons are done (tapped or typed): take them away, so nobody answers twice."""
    query = update.callback_query
    if query is not None and query.message is not None:
        message_id = query.message.message_id
    if message_id is None:
        return
    try:
        await context.bot.edit_message_reply_markup(chat_id, message_id, reply_markup=None)
    except TelegramError as exc:  # too old to edit, or already edited: the answer is taken all the same
        log.info("could not mark the safety question answered (%s)", type(exc).__name__)


async def resume(update: Update, context: AppContext) -> None:
    """Ends the crisis exchange: plain messages answer the open step again."""
    exchange.end(context)
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
