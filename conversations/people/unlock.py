"""/unlock: staff lift a lockout after wrong enrollment codes (the client would otherwise wait an hour)."""

from __future__ import annotations

import datetime as dt

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot import texts
from bot.core.callbacks import CallbackData, callback
from bot.core.clock import now
from bot.domain.people import enrollment, lockouts, timezones
from bot.domain.people.directory import PersonView
from bot.domain.records import audit
from bot.services.context import AppContext
from conversations.common import Handlers, client_label, edit_or_reply, fmt, keyboard, member, reply


@callback("unl")
class UnlockButton(CallbackData):
    """Lift one Telegram user's lockout (checked to be locked still when pressed)."""

    telegram_id: int


def _window(context: AppContext) -> dt.timedelta:
    return enrollment.policy_from(context.services.settings).lockout


@member("unlock")
async def unlock_command(update: Update, context: AppContext, person: PersonView) -> None:
    """Lists current lockouts, newest first, each with an Unlock button."""
    found = await lockouts.current(context.session, now(), _window(context))
    audit.record(context.session, "lockouts.view", actor_person_id=person.id, count=len(found))
    if not found:
        await reply(update, texts.UNLOCK_NONE)
        return
    found = found[:20]
    lines = [texts.UNLOCK_HEADER] + [
        fmt(texts.UNLOCK_LINE, telegram_id=x.telegram_id, at=timezones.shown(x.at, person.timezone))
        + (fmt(texts.UNLOCK_TRIED, client=client_label(x.code, x.initials)) if x.code else "")
        for x in found
    ]
    rows = [[(_button(x, person.timezone), UnlockButton(x.telegram_id).pack())] for x in found]
    await reply(update, "\n".join(lines), keyboard(rows))


def _button(x: lockouts.Lockout, zone: str) -> str:
    """Who it unlocks, by the client's code and initials where known, and when, in the zone of the list above
    (a button's text is plain: nothing escaped)."""
    at = timezones.shown(x.at, zone).split(" ", 2)[2]  # "05 Dec 07:52 EST" -> "07:52 EST"
    if x.code:
        return texts.UNLOCK_BUTTON_FOR.format(client=client_label(x.code, x.initials), at=at)
    return texts.UNLOCK_BUTTON.format(telegram_id=x.telegram_id, at=at)


@member("unlock")
async def unlock_pressed(update: Update, context: AppContext, person: PersonView) -> None:
    """Lifts the lockout the button names, if it still holds (audited)."""
    assert update.callback_query is not None
    telegram_id = UnlockButton.parse(update.callback_query.data).telegram_id
    locked = {x.telegram_id: x for x in await lockouts.current(context.session, now(), _window(context))}
    if telegram_id not in locked:
        await edit_or_reply(update, texts.UNLOCK_NOT_LOCKED)
        return
    lockouts.unlock(context.session, telegram_id, person.id)
    x = locked[telegram_id]
    if x.code:
        done = fmt(texts.UNLOCK_DONE_FOR, telegram_id=telegram_id, client=client_label(x.code, x.initials))
    else:
        done = fmt(texts.UNLOCK_DONE, telegram_id=telegram_id)
    await edit_or_reply(update, done)


def handlers() -> Handlers:
    """This module's handlers, built for one Application."""
    return [
        CommandHandler("unlock", unlock_command),
        CallbackQueryHandler(unlock_pressed, pattern=UnlockButton.matches),
    ]
