"""/privacy shows the notice again; /stop withdraws consent and silences the bot, for every role."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler

from bot import texts
from bot.db.models import Role
from bot.domain.people import consent
from bot.domain.people.directory import PersonView
from bot.services.context import AppContext
from conversations.common import Handlers, current_person, notice, reply
from conversations.people.start import PENDING_INVITE


async def privacy(update: Update, context: AppContext) -> None:
    """Shows the notice of the person's role (clients' privacy, or the team's duties) to anyone."""
    person = await current_person(update, context)
    await reply(update, notice(context, person.role if person else None))


async def stop(update: Update, context: AppContext) -> None:
    """Withdraws consent: cancels pending messages and says how to come back (and, for the team, what pausing means)."""
    person = await current_person(update, context)
    if context.user_data is not None:
        context.user_data.pop(PENDING_INVITE, None)
    if person is None:
        await reply(update, texts.STOPPED_STRANGER)
        return
    if not person.paused:
        await consent.withdraw(context.session, person.id)
    await reply(update, _stopped(person))


def _stopped(person: PersonView) -> str:
    """Clients hear about their records; team members about their work for clients."""
    return texts.STOPPED if person.role is Role.CLIENT else texts.STOPPED_TEAM


def handlers() -> Handlers:
    """This module's handlers, built for one Application."""
    return [CommandHandler("privacy", privacy), CommandHandler("stop", stop)]
