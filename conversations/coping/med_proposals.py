"""/medsfor CODE TIME (the care team): suggest a daily reminder to a client; the client's three buttons.

The domain side (bot/domain/coping/med_proposals.py) says why the client decides everything shown
and shared; here are the command and the tap, each answering every wrong input in words.
"""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot import texts
from bot.core.errors import ValidationFailed
from bot.domain.coping import med_proposals
from bot.domain.coping.med_days import split_days, when
from bot.domain.coping.med_proposals import Choice, MedProposal, Outcome
from bot.domain.people.directory import PersonView
from bot.domain.people.typed import parse_time
from bot.services.context import AppContext
from conversations.common import answer_once, edit_or_reply, fmt, member, reply


@member("medsfor")
async def suggest(update: Update, context: AppContext, person: PersonView) -> None:
    """Sends the suggestion to a client the sender may reach (a therapist: their own)."""
    args = list(context.args or [])
    if len(args) < 2:
        await reply(update, texts.MEDSFOR_USAGE)
        return
    code = args[0][:16]
    try:  # the days may follow the time: "8am mon wed fri"
        said, days = split_days(" ".join(args[1:])[:80])
        at = parse_time(said)
    except ValidationFailed:
        await reply(update, texts.MED_BAD_TIME)
        return
    client, allowed = await med_proposals.client_for(context.session, code, person.role, person.id)
    if client is None:
        await reply(update, fmt(texts.MEDSFOR_NOT_FOUND, code=code))
    elif not allowed:
        await reply(update, fmt(texts.MEDSFOR_NOT_YOURS, code=client.code))
    elif not client.active or client.consent_version is None:
        await reply(update, fmt(texts.MEDSFOR_PAUSED, code=client.code))
    elif await med_proposals.propose(context.session, client, person.id, at, days):
        context.after_commit(context.services.delivery.wake.set)
        await reply(update, fmt(texts.MEDSFOR_SENT, code=client.code, when=when(at, days)))
    else:
        await reply(update, fmt(texts.MEDSFOR_AGAIN, code=client.code))


@member("meds")
async def answered(update: Update, context: AppContext, person: PersonView) -> None:
    """The client's tap: the suggestion's message is replaced by what happened (its buttons go with it)."""
    assert update.callback_query is not None
    data = MedProposal.parse(update.callback_query.data)
    at, days = med_proposals.time_of(data.time), med_proposals.days_of(data.days)
    if at is None or days is None:
        await answer_once(update)
        return
    outcome = await med_proposals.answer(context.session, person.id, at, data.choice, days)
    time = f"{at:%H:%M}"
    shown = {
        Outcome.ADDED: texts.MED_PROPOSAL_ADDED_SHARED
        if data.choice is Choice.SHARE
        else texts.MED_PROPOSAL_ADDED_PRIVATE,
        Outcome.ALREADY: texts.MED_PROPOSAL_ALREADY,
        Outcome.FULL: texts.MED_TOO_MANY,
        Outcome.DECLINED: texts.MED_PROPOSAL_DECLINED,
    }[outcome]
    await edit_or_reply(update, shown.format(time=time, when=when(at, days)))


def handlers() -> list[BaseHandler[Any, Any, Any]]:
    return [CommandHandler("medsfor", suggest), CallbackQueryHandler(answered, pattern=MedProposal.matches)]
