"""/deactivate and /reactivate: staff close or reopen someone's access, after a confirm."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot import texts
from bot.core.callbacks import CallbackData, callback
from bot.db.models import Person, Role
from bot.domain.people import offboarding
from bot.domain.people.directory import PersonView
from bot.domain.people.offboarding import Change, Outcome
from bot.services.context import AppContext
from bot.texts import wording
from conversations.common import Handlers, edit_or_reply, fmt, keyboard, member, reply


@callback("off")
class OffboardButton(CallbackData):
    """Confirm (or keep) deactivating / reactivating one person; checked again when pressed."""

    person_id: int
    deactivate: bool
    confirm: bool


def _refusal(change: Change) -> str | None:
    """The sentence for an outcome that is not DONE."""
    code = change.code
    return {
        Outcome.NOT_FOUND: None,  # the caller names the code asked for
        Outcome.SELF: texts.OFFBOARD_SELF,
        Outcome.NOT_ALLOWED: texts.OFFBOARD_NOT_ALLOWED,
        Outcome.LAST_ADMIN: fmt(texts.OFFBOARD_LAST_ADMIN, code=code),
        Outcome.ALREADY: fmt(texts.OFFBOARD_ALREADY_OFF, code=code),
    }.get(change.outcome)


async def _ask(update: Update, context: AppContext, person: PersonView, *, deactivate: bool) -> None:
    if not context.args:
        await reply(update, texts.OFFBOARD_USAGE)
        return
    asked = context.args[0][:16]
    actor = await context.session.get(Person, person.id)
    assert actor is not None
    target = await offboarding.find(context.session, asked)
    change = await offboarding.check(context.session, target, actor, deactivate=deactivate)
    if change.outcome is Outcome.NOT_FOUND:
        await reply(update, fmt(texts.OFFBOARD_NOT_FOUND, code=asked))
        return
    if change.outcome is Outcome.ALREADY and not deactivate:
        await reply(update, fmt(texts.OFFBOARD_ALREADY_ON, code=change.code))
        return
    refusal = _refusal(change)
    if refusal is not None:
        await reply(update, refusal)
        return
    if deactivate:
        extra = (
            texts.DEACTIVATE_CONFIRM_THERAPIST.format(clients=wording.count(change.clients, "client"))
            if change.role is Role.THERAPIST
            else ""
        )
        text = fmt(texts.DEACTIVATE_CONFIRM, code=change.code, role=change.role) + extra
    else:
        text = fmt(texts.REACTIVATE_CONFIRM, code=change.code, role=change.role)
    yes = OffboardButton(change.person_id, deactivate, True).pack()
    no = OffboardButton(change.person_id, deactivate, False).pack()
    await reply(update, text, keyboard([[(texts.CONFIRM_BUTTON, yes), (texts.KEEP_BUTTON, no)]]))


@member("deactivate")
async def deactivate_command(update: Update, context: AppContext, person: PersonView) -> None:
    """Asks to confirm closing one person's access."""
    await _ask(update, context, person, deactivate=True)


@member("reactivate")
async def reactivate_command(update: Update, context: AppContext, person: PersonView) -> None:
    """Asks to confirm reopening one person's access."""
    await _ask(update, context, person, deactivate=False)


@member("deactivate")
async def confirmed(update: Update, context: AppContext, person: PersonView) -> None:
    """Carries out (or drops) the change the confirm was for, checking it again."""
    assert update.callback_query is not None
    button = OffboardButton.parse(update.callback_query.data)
    if not button.confirm:
        await edit_or_reply(update, texts.OFFBOARD_KEPT)
        return
    if button.deactivate:
        change = await offboarding.deactivate(context.session, button.person_id, person.id)
    else:
        change = await offboarding.reactivate(context.session, button.person_id, person.id)
    if change.outcome is not Outcome.DONE:
        await edit_or_reply(update, _refusal(change) or texts.STALE_BUTTON)
        return
    context.after_commit(context.services.delivery.wake.set)  # alerts of a deactivated therapist move on
    if button.deactivate:
        text = fmt(
            texts.DEACTIVATED_DONE, code=change.code, cancelled=wording.count(change.cancelled, "queued message")
        )
        if change.role is Role.THERAPIST and change.clients:
            text += texts.DEACTIVATED_DONE_THERAPIST.format(clients=wording.count(change.clients, "client"))
    else:
        text = fmt(texts.REACTIVATED_DONE, code=change.code)
    await edit_or_reply(update, text)


def handlers() -> Handlers:
    """This module's handlers, built for one Application."""
    return [
        CommandHandler("deactivate", deactivate_command),
        CommandHandler("reactivate", reactivate_command),
        CallbackQueryHandler(confirmed, pattern=OffboardButton.matches),
    ]
