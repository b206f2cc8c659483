"""/oncall: who is on call, by name; take it over, or, for the holder, hand it over or go off call."""

from __future__ import annotations

import datetime as dt

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot import texts
from bot.db.models import Person
from bot.domain.care import oncall, oncall_handover
from bot.domain.care.buttons import OnCallHandOver, OnCallHandTo, OnCallOff, OnCallTake
from bot.domain.care.oncall_handover import HandOutcome
from bot.domain.people import timezones
from bot.domain.people.directory import PersonView
from bot.services.context import AppContext
from conversations.common import Handlers, fmt, keyboard, member, reply

Rows = list[list[tuple[str, str]]]


def _when(at: dt.datetime, zone: str) -> str:
    return timezones.shown(at, zone)


async def _view(context: AppContext, person: PersonView) -> tuple[str, Rows]:
    shift = await oncall.current_shift(context.session)
    take = [[(texts.ONCALL_TAKE, OnCallTake(shift=shift.id if shift else 0).pack())]]
    if shift is None:
        return texts.ONCALL_NOBODY, take
    holder = await context.session.get(Person, shift.person_id)
    who = oncall_handover.label(shift.code, holder.display_name if holder is not None else "")
    text = fmt(texts.ONCALL_NOW, who=who, since=_when(shift.since, person.timezone))
    if shift.person_id != person.id:
        return text, take
    mine = [
        [
            (texts.ONCALL_HAND_OVER, OnCallHandOver(shift=shift.id).pack()),
            (texts.ONCALL_GO_OFF, OnCallOff(shift=shift.id).pack()),
        ]
    ]
    return text, mine


async def _stale(update: Update, context: AppContext, person: PersonView) -> None:
    text, rows = await _view(context, person)
    await reply(update, texts.ONCALL_STALE + "\n" + text, keyboard(rows))


@member("oncall")
async def oncall_command(update: Update, context: AppContext, person: PersonView) -> None:
    """Says who is on call (by name), with Take on-call, or Hand over / Go off call for the holder."""
    text, rows = await _view(context, person)
    await reply(update, text, keyboard(rows))


@member("oncall")
async def take_button(update: Update, context: AppContext, person: PersonView) -> None:
    """Takes over on-call, unless it changed since the button was shown; tells the previous person."""
    assert update.callback_query is not None
    data = OnCallTake.parse(update.callback_query.data)
    shift = await oncall.current_shift(context.session)
    if (shift.id if shift else 0) != data.shift:
        await _stale(update, context, person)
        return
    if shift is not None and shift.person_id == person.id:
        await reply(update, texts.ONCALL_ALREADY)
        return
    await oncall.take_oncall(context.session, person.id)
    context.after_commit(context.services.delivery.wake.set)
    await reply(update, texts.ONCALL_TAKEN)


@member("oncall")
async def hand_over_button(update: Update, context: AppContext, person: PersonView) -> None:
    """Shows the colleagues the holder can hand on-call to."""
    assert update.callback_query is not None
    data = OnCallHandOver.parse(update.callback_query.data)
    shift = await oncall.current_shift(context.session)
    if shift is None or shift.id != data.shift:
        await _stale(update, context, person)
        return
    if shift.person_id != person.id:
        await reply(update, texts.ONCALL_NOT_HOLDER)
        return
    people = await oncall_handover.colleagues(context.session, person.id)
    if not people:
        await reply(update, texts.ONCALL_NOBODY_TO_PICK)
        return
    rows: Rows = [
        [(oncall_handover.label(c.code, c.name), OnCallHandTo(shift=shift.id, person_id=c.id).pack())] for c in people
    ]
    await reply(update, texts.ONCALL_PICK, keyboard(rows[:30]))


@member("oncall")
async def hand_to_button(update: Update, context: AppContext, person: PersonView) -> None:
    """Passes on-call to the colleague picked; they are told at once (audited)."""
    assert update.callback_query is not None
    data = OnCallHandTo.parse(update.callback_query.data)
    outcome = await oncall_handover.hand_over(context.session, person.id, data.shift, data.person_id)
    if outcome is HandOutcome.DONE:
        taker = await context.session.get(Person, data.person_id)
        who = oncall_handover.label(taker.code, taker.display_name) if taker is not None else "?"
        context.after_commit(context.services.delivery.wake.set)
        await reply(update, fmt(texts.ONCALL_HANDOVER_DONE, who=who))
    elif outcome is HandOutcome.STALE:
        await _stale(update, context, person)
    elif outcome is HandOutcome.NOT_HOLDER:
        await reply(update, texts.ONCALL_NOT_HOLDER)
    else:
        await reply(update, texts.ONCALL_PICK_GONE)


@member("oncall")
async def off_button(update: Update, context: AppContext, person: PersonView) -> None:
    """Ends the holder's shift: nobody is on call until someone takes it (audited)."""
    assert update.callback_query is not None
    data = OnCallOff.parse(update.callback_query.data)
    outcome = await oncall_handover.go_off(context.session, person.id, data.shift)
    if outcome is HandOutcome.DONE:
        await reply(update, texts.ONCALL_OFF_DONE)
    elif outcome is HandOutcome.STALE:
        await _stale(update, context, person)
    else:
        await reply(update, texts.ONCALL_NOT_HOLDER)


def handlers() -> Handlers:
    return [
        CommandHandler("oncall", oncall_command),
        CallbackQueryHandler(take_button, pattern=OnCallTake.matches),
        CallbackQueryHandler(hand_over_button, pattern=OnCallHandOver.matches),
        CallbackQueryHandler(hand_to_button, pattern=OnCallHandTo.matches),
        CallbackQueryHandler(off_button, pattern=OnCallOff.matches),
    ]
