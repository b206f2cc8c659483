"""A private thread between a client and their care team: ask, view (audited), answer, read.

States: WRITE (a client's question is awaited) and ANSWER (a team member's answer is awaited).
The thread stands first among the conversations, so whatever menu is left open, the message
after /ask is the question. Any other command or button press leaves the thread and goes where
it would have gone, so only the very next message is ever taken as the question.
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, ConversationHandler, MessageHandler, filters

from bot import texts
from bot.core.callbacks import CallbackData, callback
from bot.domain.care import questions
from bot.domain.care.buttons import AskCareTeam, QuestionAnswerShow, QuestionReply, QuestionView
from bot.domain.care.questions import Outcome, QuestionDetail
from bot.domain.people import timezones
from bot.domain.people.directory import PersonView
from bot.services.context import AppContext
from conversations.common import END, Handlers, answer_once, fmt, keyboard, member, nudge, reply


@callback("faqteam")
class AskTeamEarlier(CallbackData):
    """'Ask my care team' under an FAQ 'not sure' sent before the question went with it: asks for the question."""


@callback("q.askfaq")
class AskAboutUnanswered(CallbackData):
    """'Ask my care team' under an FAQ 'not sure': send that unanswered question (kept in user_data by `ref`)."""

    ref: int


NAME = "care_question"
WRITE, ANSWER = "question:write", "question:answer"
ANSWERING = "answering_question"  # user_data: the question id a team member is answering
# user_data: [{"ref": 1, "question": text}, ...] FAQ questions a client may send on. "question" is a key the
# log filter withholds (bot/entry/logs.py), so a logged state row never shows the words.
UNANSWERED = "faq_unanswered"
KEEP_UNANSWERED = 3


def _kept(context: AppContext) -> list[dict[str, Any]]:
    assert context.user_data is not None
    found = context.user_data.get(UNANSWERED, [])
    return [dict(q) for q in found if isinstance(q, dict) and {"ref", "question"} <= q.keys()]


def offer_to_send(context: AppContext, text: str) -> str:
    """Keeps an FAQ question nobody could answer; returns the button data that sends it to the care team."""
    assert context.user_data is not None
    kept = _kept(context)
    ref = max((int(q["ref"]) for q in kept), default=0) + 1
    context.user_data[UNANSWERED] = [
        *kept[-(KEEP_UNANSWERED - 1) :],
        {"ref": ref, "question": text[: questions.MAX_CHARS]},
    ]
    return AskAboutUnanswered(ref=ref).pack()


def detail_text(q: QuestionDetail, zone: str) -> str:
    """The question as the reader sees it, its time in the reader's zone."""
    at = timezones.shown(q.asked_at, zone)
    text = fmt(texts.QUESTION_DETAIL, qid=q.id, code=q.client_code, at=at, text=q.text)
    if q.answer is not None:
        text += fmt(texts.QUESTION_DETAIL_ANSWERED, who=q.answered_by_code or "?", answer=q.answer)
    return text


@member("ask")
async def start_question(update: Update, context: AppContext, person: PersonView) -> str | int:
    """Asks the client to write their question, with when to expect an answer; "/ask text" sends it at once."""
    if context.args:
        return await _send(update, context, person, " ".join(context.args))
    hours = context.services.settings.clinic_hours
    await answer_once(update)
    await reply(update, fmt(texts.QUESTION_ASK, hours=hours) if hours else texts.QUESTION_ASK_NO_HOURS)
    return WRITE


@member("ask")
async def send_unanswered(update: Update, context: AppContext, person: PersonView) -> str | int:
    """Sends the FAQ question under whose 'not sure' the button sat; asks for it when it is no longer kept."""
    assert update.callback_query is not None and context.user_data is not None
    ref = AskAboutUnanswered.parse(update.callback_query.data).ref
    kept = _kept(context)
    text = next((q["question"] for q in kept if q["ref"] == ref), None)
    if text == "":  # pressed again
        await reply(update, texts.QUESTION_SENT_BEFORE)
        return END
    if not isinstance(text, str):
        return await start_question(update, context)
    for q in kept:  # the words go with the question; "" remembers it was sent
        q["question"] = "" if q["ref"] == ref else q["question"]
    context.user_data[UNANSWERED] = kept
    return await _send(update, context, person, text)


@member("ask")
async def take_question(update: Update, context: AppContext, person: PersonView) -> int:
    """Stores the question and tells the care team (code only)."""
    assert update.message is not None and update.message.text is not None
    return await _send(update, context, person, update.message.text)


async def _send(update: Update, context: AppContext, person: PersonView, text: str) -> int:
    await questions.ask(context.session, person.id, text)
    context.after_commit(context.services.delivery.wake.set)
    await reply(update, texts.QUESTION_SENT)
    return END


async def leave(update: Update, context: AppContext) -> int:
    """Leaves the thread for another command or button, which then goes where it would have gone."""
    if context.user_data is not None:
        context.user_data.pop(ANSWERING, None)
    app: Application[Any, Any, Any, Any, Any, Any] = context.application
    group: Handlers = app.handlers.get(0, [])
    for handler in group:
        if isinstance(handler, ConversationHandler) and handler.name == NAME:
            continue
        check = handler.check_update(update)
        if check is not None and check is not False:
            await handler.handle_update(update, app, check, context)
            break
    return END


async def text_only(update: Update, context: AppContext) -> None:
    """Stickers, photos and the like while a question or answer is awaited."""
    await nudge(update, context, texts.QUESTION_TEXT_ONLY)


@member("alerts")
async def view_question(update: Update, context: AppContext, person: PersonView) -> None:
    """Shows a question to its care team (audited), with Answer while it is open."""
    assert update.callback_query is not None
    qid = QuestionView.parse(update.callback_query.data).question_id
    outcome, q = await questions.view(context.session, qid, person.id)
    if q is None:
        await reply(update, texts.QUESTION_NOT_YOURS if outcome is Outcome.NOT_ALLOWED else texts.QUESTION_GONE)
        return
    rows = [] if q.answer is not None else [[(texts.QUESTION_REPLY_BUTTON, QuestionReply(question_id=q.id).pack())]]
    await reply(update, detail_text(q, person.timezone), keyboard(rows) if rows else None)


@member("alerts")
async def start_answer(update: Update, context: AppContext, person: PersonView) -> str | int:
    """Asks the team member for their answer."""
    assert update.callback_query is not None and context.user_data is not None
    qid = QuestionReply.parse(update.callback_query.data).question_id
    outcome, q = await questions.view(context.session, qid, person.id)
    if q is None:
        await reply(update, texts.QUESTION_NOT_YOURS if outcome is Outcome.NOT_ALLOWED else texts.QUESTION_GONE)
        return END
    if q.answer is not None:
        await reply(update, fmt(texts.QUESTION_ALREADY, qid=qid))
        return END
    context.user_data[ANSWERING] = qid
    await reply(update, fmt(texts.QUESTION_WRITE_ANSWER, qid=qid))
    return ANSWER


@member("alerts")
async def take_answer(update: Update, context: AppContext, person: PersonView) -> int:
    """Records the answer; the client gets a neutral notice with a button to read it."""
    assert update.message is not None and update.message.text is not None and context.user_data is not None
    qid = context.user_data.pop(ANSWERING, None)
    if not isinstance(qid, int):
        await reply(update, texts.QUESTION_GONE)
        return END
    outcome = await questions.answer(context.session, qid, person.id, update.message.text)
    if outcome is Outcome.OK:
        _, q = await questions.view(context.session, qid, person.id)
        context.after_commit(context.services.delivery.wake.set)
        await reply(update, fmt(texts.QUESTION_ANSWER_SENT, code=q.client_code if q else "?"))
    elif outcome is Outcome.ALREADY_ANSWERED:
        await reply(update, fmt(texts.QUESTION_ALREADY, qid=qid))
    else:
        await reply(update, texts.QUESTION_NOT_YOURS if outcome is Outcome.NOT_ALLOWED else texts.QUESTION_GONE)
    return END


@member("ask")
async def show_answer(update: Update, context: AppContext, person: PersonView) -> None:
    """Shows the client their question and the care team's answer."""
    assert update.callback_query is not None
    qid = QuestionAnswerShow.parse(update.callback_query.data).question_id
    q = await questions.answer_for_client(context.session, qid, person.id)
    if q is None or q.answer is None:
        await reply(update, texts.QUESTION_GONE)
        return
    # The thread goes on: Reply starts the next private question to the same care team.
    again = keyboard([[(texts.QUESTION_REPLY_BUTTON, AskCareTeam().pack())]])
    await reply(update, fmt(texts.QUESTION_ANSWER_FOR_CLIENT, text=q.text, answer=q.answer), again)


async def cancel(update: Update, context: AppContext) -> int:
    """Leaves without sending anything."""
    if context.user_data is not None:
        context.user_data.pop(ANSWERING, None)
    await reply(update, texts.CANCELLED)
    return END


def handlers() -> Handlers:
    # Built per Application: a ConversationHandler keeps its states inside the instance.
    typed = filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND
    other = filters.UpdateType.MESSAGE & ~filters.TEXT & ~filters.COMMAND
    elsewhere: Handlers = [
        MessageHandler(filters.UpdateType.MESSAGE & filters.COMMAND, leave),
        CallbackQueryHandler(leave),
    ]
    return [
        ConversationHandler(
            entry_points=[
                CommandHandler("ask", start_question),
                CallbackQueryHandler(start_question, pattern=AskCareTeam.matches),
                CallbackQueryHandler(start_question, pattern=AskTeamEarlier.matches),
                CallbackQueryHandler(send_unanswered, pattern=AskAboutUnanswered.matches),
                CallbackQueryHandler(start_answer, pattern=QuestionReply.matches),
            ],
            states={
                WRITE: [MessageHandler(typed, take_question), MessageHandler(other, text_only)],
                ANSWER: [MessageHandler(typed, take_answer), MessageHandler(other, text_only)],
            },
            fallbacks=[CommandHandler("cancel", cancel), *elsewhere],
            name=NAME,
            persistent=True,
            allow_reentry=True,
        ),
        CallbackQueryHandler(view_question, pattern=QuestionView.matches),
        CallbackQueryHandler(show_answer, pattern=QuestionAnswerShow.matches),
    ]
