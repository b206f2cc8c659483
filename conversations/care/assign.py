"""/assign: staff give a client a therapist, or a new one; open alerts and questions move along."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler

from bot import texts
from bot.db.models import ClientProfile, Person
from bot.domain.care import assignment
from bot.domain.care.assignment import Assignment, Outcome
from bot.domain.care.buttons import AssignPick
from bot.domain.people.directory import PersonView
from bot.services.context import AppContext
from bot.texts import wording
from conversations.common import fmt, keyboard, member, reply


def _result(done: Assignment, asked_client: str, asked_therapist: str) -> str:
    if done.outcome is Outcome.NO_CLIENT:
        return fmt(texts.ASSIGN_NO_CLIENT, code=asked_client)
    if done.outcome is Outcome.NO_THERAPIST:
        return fmt(texts.ASSIGN_NO_THERAPIST, code=asked_therapist)
    if done.outcome is Outcome.UNCHANGED:
        return fmt(texts.ASSIGN_UNCHANGED, client=done.client_code, therapist=done.therapist_code)
    text = fmt(texts.ASSIGN_DONE, client=done.client_code, therapist=done.therapist_code)
    return text + (
        texts.ASSIGN_DONE_MOVED.format(count=wording.count(done.alerts_moved, "open alert"))
        if done.alerts_moved
        else ""
    )


@member("assign")
async def assign_command(update: Update, context: AppContext, person: PersonView) -> None:
    """Assigns at once with two codes; with one, offers the therapists as buttons."""
    args = context.args or []
    if not args:
        await reply(update, texts.ASSIGN_USAGE)
        return
    client_code = args[0][:16]
    if len(args) > 1:
        done = await assignment.assign(context.session, client_code, args[1][:16], by_person_id=person.id)
        if done.outcome is Outcome.ASSIGNED:
            context.after_commit(context.services.delivery.wake.set)
        await reply(update, _result(done, client_code, args[1][:16]))
        return
    client = await assignment.find_client(context.session, client_code)
    if client is None:
        await reply(update, fmt(texts.ASSIGN_NO_CLIENT, code=client_code))
        return
    choices = await assignment.therapists(context.session)
    if not choices:
        await reply(update, texts.ASSIGN_NO_THERAPISTS)
        return
    profile = await context.session.get(ClientProfile, client.id)
    current = await context.session.get(Person, profile.therapist_id) if profile and profile.therapist_id else None
    rows = [
        [(f"{code} {name}".strip()[:60], AssignPick(client_id=client.id, therapist_id=tid).pack())]
        for tid, code, name in choices
    ]
    await reply(
        update, fmt(texts.ASSIGN_PICK, code=client.code, current=current.code if current else "none"), keyboard(rows)
    )


@member("assign")
async def pick(update: Update, context: AppContext, person: PersonView) -> None:
    """Assigns the therapist picked from the buttons (checked again: the list may be stale)."""
    assert update.callback_query is not None
    data = AssignPick.parse(update.callback_query.data)
    client = await context.session.get(Person, data.client_id)
    therapist = await context.session.get(Person, data.therapist_id)
    if client is None or therapist is None:
        await reply(update, texts.ASSIGN_STALE)
        return
    done = await assignment.assign(context.session, client.code, therapist.code, by_person_id=person.id)
    if done.outcome is Outcome.ASSIGNED:
        context.after_commit(context.services.delivery.wake.set)
    await reply(update, _result(done, client.code, therapist.code))


def handlers() -> list[BaseHandler[Any, Any, Any]]:
    return [CommandHandler("assign", assign_command), CallbackQueryHandler(pick, pattern=AssignPick.matches)]
