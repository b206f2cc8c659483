"""/tools: the coping tools on offer, any time, with a button to start the craving flow."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler

from bot import texts
from bot.domain.coping import tools
from bot.domain.people.directory import PersonView
from bot.services.context import AppContext
from conversations.common import member, reply
from conversations.coping.steps import start_button


@member("tools")
async def list_tools(update: Update, context: AppContext, person: PersonView) -> None:
    """Lists each tool by name with how long it runs (paced) or how many steps it has, and offers to start."""
    lines = [texts.TOOLS_HEAD]
    lines += [
        texts.TOOLS_LINE_PACED.format(name=t.name, minutes=max(1, t.minutes))
        if t.pace is not None
        else texts.TOOLS_LINE.format(name=t.name, steps=len(t.steps))
        for t in tools.offered().values()
    ]
    await reply(update, "\n".join([*lines, "", texts.TOOLS_HOW]), start_button())


def handlers() -> list[BaseHandler[Any, Any, Any]]:
    return [CommandHandler("tools", list_tools)]
