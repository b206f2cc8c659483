"""/closures for staff: the days the clinic is closed, and closing one ("/closures 12/25/2026 Christmas").

Closing asks first, with how many meetings that day it cancels; then every meeting that day is
cancelled and each client in one is told once, through the outbox.
"""

from __future__ import annotations

import datetime as dt

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot import texts
from bot.core.callbacks import CallbackData, callback
from bot.core.clock import now
from bot.core.errors import ValidationFailed
from bot.domain.meetings import closures, schedule, when_typed
from bot.domain.people.directory import PersonView
from bot.services.context import AppContext
from bot.texts import dates, wording
from conversations.common import Handlers, draft, edit_or_reply, fmt, keyboard, member, reply

REASONS = "closure_reasons"  # day (ISO) -> the reason typed with it, until the confirm button is tapped


@callback("cl.close")
class CloseDay(CallbackData):
    day: str
    ok: bool


def _shown(day: dt.date) -> str:
    return dates.short_day_year(day)


@member("closures")
async def closures_command(update: Update, context: AppContext, person: PersonView) -> None:
    """Lists the closed days ahead; with a date (and a reason), asks to close the clinic that day."""
    assert update.message is not None
    settings = context.services.settings
    today = now().astimezone(settings.zone).date()
    args = context.args or []
    if not args:
        ahead = await closures.upcoming(context.session, today)
        lines = [fmt(texts.CLOSURES_LINE, day=_shown(c.day), reason=c.reason or "—") for c in ahead]
        await reply(update, texts.CLOSURES_LIST.format(days="\n".join(lines) or texts.CLOSURES_NONE))
        return
    try:
        day = when_typed.parse_day(args[0], today, settings.date_order)
    except ValidationFailed:
        await reply(update, texts.CLOSURES_BAD_DATE)
        return
    if day < today:
        await reply(update, texts.CLOSURES_PAST)
        return
    reason = " ".join(args[1:])[: closures.REASON_MAX]
    draft(context, REASONS)[day.isoformat()] = reason
    gone = closures.on_day(await schedule.load(context.session), day, settings.zone)
    why = f" ({reason})" if reason else ""
    text = fmt(texts.CLOSURES_CONFIRM, day=_shown(day), why=why, meetings=wording.count(len(gone), "meeting"))
    rows = [
        [
            (texts.CLOSURES_YES, CloseDay(day=day.isoformat(), ok=True).pack()),
            (texts.CLOSURES_NO, CloseDay(day=day.isoformat(), ok=False).pack()),
        ]
    ]
    await reply(update, text, keyboard(rows))


@member("closures")
async def close_button(update: Update, context: AppContext, person: PersonView) -> None:
    """Closes the clinic on the day asked about (or leaves it open)."""
    assert update.callback_query is not None
    data = CloseDay.parse(update.callback_query.data)
    reason = draft(context, REASONS).pop(data.day, "")
    if not data.ok:
        await edit_or_reply(update, texts.CLOSURES_KEPT)
        return
    try:
        day = closures.parse_day(data.day)
        report = await closures.close_day(
            context.session, day, reason, context.services.settings.zone, person.id, now()
        )
    except ValidationFailed as exc:
        await edit_or_reply(update, fmt(texts.MEETINGS_REFUSED, reason=str(exc)))
        return
    context.after_commit(context.services.delivery.wake.set)
    await edit_or_reply(
        update,
        fmt(
            texts.CLOSURES_DONE,
            day=_shown(report.day),
            meetings=wording.count(report.cancelled, "meeting"),
            told=wording.count(report.notices, "client"),
        ),
    )


def handlers() -> Handlers:
    return [CommandHandler("closures", closures_command), CallbackQueryHandler(close_button, pattern=CloseDay.matches)]
