"""/help: each role's own list of commands."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler

from bot import texts
from bot.db.models import Role
from bot.domain.people import roles
from bot.domain.people.directory import PersonView
from bot.services.context import AppContext, menu_features
from conversations.common import Handlers, compose, fmt, member, reply


@member("help")
async def help_command(update: Update, context: AppContext, person: PersonView) -> None:
    """Lists the commands this person's role may use."""
    lines = [texts.HELP_HEADER[person.role]]
    lines += [
        fmt(texts.HELP_LINE, command=name, description=desc)
        for name, desc in roles.menu(person.role, menu_features(context.services.settings))
    ]
    text = "\n".join(lines)
    if person.role is Role.CLIENT:
        text += compose(texts.HELP_FOOTER_CLIENT, context)
    await reply(update, text)


def handlers() -> Handlers:
    """This module's handlers, built for one Application."""
    return [CommandHandler("help", help_command)]
