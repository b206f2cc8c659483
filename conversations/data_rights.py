"""/export sends the client all their data as files; /delete erases it after a confirmation."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot import texts
from bot.core.callbacks import CallbackData, callback
from bot.core.clock import now
from bot.domain.people.directory import PersonView
from bot.domain.records import data_rights
from bot.services.context import AppContext, publish_menu
from conversations.checkins.steps import DRAFT as CHECKIN_DRAFT
from conversations.common import Handlers, answer_once, edit_or_reply, keyboard, member, reply
from conversations.faq import answers
from conversations.questionnaires.steps import DRAFT as QUESTIONNAIRE_DRAFT

CONFIRM_MINUTES = 10  # an erase button older than this does nothing


@callback("del")
class DeleteConfirm(CallbackData):
    """The answer to "erase your data?"; `minute` (Unix minutes) is when the question was asked."""

    erase: bool
    minute: int


def _minute() -> int:
    return int(now().timestamp() // 60)


@member("export")
async def export_command(update: Update, context: AppContext, person: PersonView) -> None:
    """Sends the client's check-ins as CSV and everything else as JSON."""
    mine = context.user_data if context.user_data is not None else {}
    gaps = [g for g in mine.get(answers.MY_GAPS, []) if isinstance(g, int)]
    draft, started = mine.get(CHECKIN_DRAFT), mine.get(QUESTIONNAIRE_DRAFT)
    data = await data_rights.export(
        context.session,
        person.id,
        faq_gaps=gaps,
        checkin_draft=draft if isinstance(draft, dict) else None,
        questionnaire_draft=started if isinstance(started, dict) else None,
    )
    chat = update.effective_chat
    assert chat is not None
    await reply(update, texts.EXPORT_INTRO)
    await chat.send_document(
        data.checkins_csv,
        filename="checkins.csv",
        caption=texts.EXPORT_CSV_CAPTION.format(count=data.checkins),
    )
    await chat.send_document(data.other_json, filename="my-data.json", caption=texts.EXPORT_JSON_CAPTION)


@member("delete")
async def delete_command(update: Update, context: AppContext, person: PersonView) -> None:
    """Asks for confirmation before erasing anything."""
    asked = _minute()
    rows = [
        [(texts.DELETE_YES, DeleteConfirm(True, asked).pack())],
        [(texts.DELETE_NO, DeleteConfirm(False, asked).pack())],
    ]
    await reply(update, texts.DELETE_CONFIRM, keyboard(rows))


@member("delete")
async def delete_answer(update: Update, context: AppContext, person: PersonView) -> None:
    """Erases the client's data on "yes" (a fresh confirmation only), then says what went."""
    assert update.callback_query is not None and update.effective_chat is not None
    answer = DeleteConfirm.parse(update.callback_query.data)
    if not answer.erase:
        await edit_or_reply(update, texts.DELETE_KEPT)
        return
    if not 0 <= _minute() - answer.minute <= CONFIRM_MINUTES:
        await edit_or_reply(update, texts.DELETE_EXPIRED)
        return
    gaps = context.user_data.get(answers.MY_GAPS, []) if context.user_data is not None else []
    erased = await data_rights.erase(context.session, person.id, [g for g in gaps if isinstance(g, int)])
    # What PTB holds in memory for this user would be written back after the update: empty it too.
    if context.user_data is not None:
        context.user_data.clear()
    if context.chat_data is not None:
        context.chat_data.clear()
    await answer_once(update)
    await edit_or_reply(
        update,
        texts.DELETE_DONE.format(
            checkins=erased.checkins,
            notes=erased.notes,
            milestones=erased.milestones,
            plan=texts.DELETE_PLAN if erased.safety_plan else "",
            cancelled=erased.messages_cancelled,
            questions=erased.questions,
            flags=erased.flags,
            closed=erased.alerts_closed,
            meetings=erased.meetings,
            pseudonym=data_rights.pseudonym(person.id),
        ),
    )
    await publish_menu(context.bot, update.effective_chat.id, None)


def handlers() -> Handlers:
    """This module's handlers, built for one Application."""
    return [
        CommandHandler("export", export_command),
        CommandHandler("delete", delete_command),
        CallbackQueryHandler(delete_answer, pattern=DeleteConfirm.matches),
    ]
