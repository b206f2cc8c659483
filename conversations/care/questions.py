"""A private thread between a client and their care team: ask, view (audited), answer, read.

States: WRITE (a client's question is awaited) and ANSWER (a team member's answer is awaited).
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, ConversationHandler, MessageHandler, filters

from bot import texts
from bot.domain.care import questions
from bot.domain.care.buttons import AskCareTeam, QuestionAnswerShow, QuestionReply, QuestionView
from bot.domain.care.questions import Outcome, QuestionDetail
from bot.domain.people import timezones
from bot.domain.people.directory import PersonView
from bot.services.context import AppContext
from conversations.common import END, Handlers, answer_once, fmt, keyboard, member, reply
from conversations.safety import crisis

WRITE, ANSWER = "question:write", "question:answer"
ANSWERING = "answering_question"  # user_data: the question id a team member is answering


def detail_text(q: QuestionDetail, zone: str) -> str:
    """The question as the reader sees it, its time in the reader's zone."""
    at = timezones.shown(q.asked_at, zone)
    text = fmt(texts.QUESTION_DETAIL, qid=q.id, code=q.client_code, at=at, text=q.text)
    if q.answer is not None:
        text += fmt(texts.QUESTION_DETAIL_ANSWERED, who=q.answered_by_code or "?", answer=q.answer)
    return text


@member("ask")
async def start_question(update: Update, context: AppContext, person: PersonView) -> str:
    """Asks the client to write their question, with when to expect an answer."""
    hours = context.services.settings.clinic_hours
    await answer_once(update)
    await reply(update, fmt(texts.QUESTION_ASK, hours=hours) if hours else texts.QUESTION_ASK_NO_HOURS)
    return WRITE


@member("ask")
async def take_question(update: Update, context: AppContext, person: PersonView) -> int:
    """Stores the question and tells the care team (code only)."""
    assert update.message is not None and update.message.text is not None
    await questions.ask(context.session, person.id, update.message.text)
    context.after_commit(context.services.delivery.wake.set)
    await reply(update, texts.QUESTION_SENT)
    return END


async def text_only(update: Update, context: AppContext) -> None:
    """Stickers, photos and the like while a question or answer is awaited."""
    if not crisis.answered(context):
        await reply(update, texts.QUESTION_TEXT_ONLY)


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
    await reply(update, fmt(texts.QUESTION_ANSWER_FOR_CLIENT, text=q.text, answer=q.answer))


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
    return [
        ConversationHandler(
            entry_points=[
                CommandHandler("ask", start_question),
                CallbackQueryHandler(start_question, pattern=AskCareTeam.matches),
                CallbackQueryHandler(start_answer, pattern=QuestionReply.matches),
            ],
            states={
                WRITE: [MessageHandler(typed, take_question), MessageHandler(other, text_only)],
                ANSWER: [MessageHandler(typed, take_answer), MessageHandler(other, text_only)],
            },
            fallbacks=[CommandHandler("cancel", cancel)],
            name="care_question",
            persistent=True,
            allow_reentry=True,
        ),
        CallbackQueryHandler(view_question, pattern=QuestionView.matches),
        CallbackQueryHandler(show_answer, pattern=QuestionAnswerShow.matches),
    ]
