"""/help: each role's own list of commands, and /people for the team."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler

from bot import texts
from bot.db.models import Role
from bot.domain import people, roles
from bot.domain.people import PersonView
from bot.services.context import AppContext
from conversations.common import Handlers, compose, fmt, member, reply


@member("help")
async def help_command(update: Update, context: AppContext, person: PersonView) -> None:
    """Lists the commands this person's role may use."""
    lines = [texts.HELP_HEADER[person.role]]
    lines += [fmt(texts.HELP_LINE, command=name, description=desc) for name, desc in roles.menu(person.role)]
    text = "\n".join(lines)
    if person.role is Role.CLIENT:
        text += compose(texts.HELP_FOOTER_CLIENT, context)
    await reply(update, text)


@member("people")
async def people_command(update: Update, context: AppContext, person: PersonView) -> None:
    """Lists enrolled people by role, clients by code only."""
    everyone = await people.list_people(context.session)
    if not everyone:
        await reply(update, texts.PEOPLE_NONE)
        return
    lines = [texts.PEOPLE_HEADER]
    for p in everyone:
        status = texts.PEOPLE_ACTIVE if p.active else texts.PEOPLE_PAUSED
        if not p.reachable:
            status += texts.PEOPLE_UNREACHABLE
        lines.append(fmt(texts.PEOPLE_LINE, label=p.label, role=p.role, status=status))
    await reply(update, "\n".join(lines))


def handlers() -> Handlers:
    """This module's handlers, built for one Application."""
    return [CommandHandler("help", help_command), CommandHandler("people", people_command)]
