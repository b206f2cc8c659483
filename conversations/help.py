"""/help: each role's own list of commands, and /people for the team."""

from __future__ import annotations

import html

from telegram import Update
from telegram.ext import CommandHandler

from bot import texts
from bot.db.models import Role
from bot.domain import people, roles
from bot.domain.people import PersonView
from bot.services.context import AppContext
from conversations.common import member, reply


@member("help")
async def help_command(update: Update, context: AppContext, person: PersonView) -> None:
    """Lists the commands this person's role may use."""
    lines = [texts.HELP_HEADER[person.role]]
    lines += [f"/{name} – {html.escape(desc)}" for name, desc in roles.menu(person.role)]
    text = "\n".join(lines)
    if person.role is Role.CLIENT:
        text += texts.HELP_FOOTER_CLIENT
    await reply(update, text)


@member("people")
async def people_command(update: Update, context: AppContext, person: PersonView) -> None:
    """Lists enrolled people by role, clients by code only."""
    everyone = await people.list_people(context.session)
    if not everyone:
        await reply(update, "Nobody is enrolled yet.")
        return
    lines = ["<b>Enrolled people</b>"]
    for p in everyone:
        status = "active" if p.active else "paused"
        if not p.reachable:
            status += ", unreachable"
        lines.append(f"{html.escape(p.label)} · {p.role} · {status}")
    await reply(update, "\n".join(lines))


HANDLERS = [CommandHandler("help", help_command), CommandHandler("people", people_command)]
