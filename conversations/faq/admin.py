"""Staff FAQ tools: /faqdownload sends the FAQ content in force, to edit and upload again with /faqupload."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler

from bot import texts
from bot.domain.faq import store
from bot.domain.people.directory import PersonView
from bot.services.context import AppContext
from conversations.common import Handlers, answer_once, member

FILE_NAME = "faq.yaml"


@member("faqdownload")
async def download(update: Update, context: AppContext, person: PersonView) -> None:
    """Sends the FAQ file in force as a YAML document."""
    text = await store.current_text(context.session)
    await answer_once(update)
    chat = update.effective_chat
    if chat is not None:
        await chat.send_document(text.encode("utf-8"), filename=FILE_NAME, caption=texts.FAQ_DOWNLOAD_CAPTION)


def handlers() -> Handlers:
    """This module's handlers, built for one Application."""
    return [CommandHandler("faqdownload", download)]
