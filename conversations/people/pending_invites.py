"""/invites: staff see pending enrollment codes and revoke one (its code stops, its client code is free)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot import texts
from bot.core.callbacks import CallbackData, callback
from bot.domain.people import invites, timezones
from bot.domain.people.directory import PersonView
from bot.domain.records import audit
from bot.services.context import AppContext
from conversations.common import Handlers, fmt, keyboard, member, reply


@callback("inv.rv")
class RevokeButton(CallbackData):
    """Revoke one pending invite (checked to be pending still when pressed)."""

    invite_id: int


@member("invites")
async def invites_command(update: Update, context: AppContext, person: PersonView) -> None:
    """Lists pending invites, each with a Revoke button."""
    rows = await invites.pending(context.session)
    # Pending codes name people about to join (initials, role, therapist): every look is audited.
    audit.record(context.session, "invites.view", actor_person_id=person.id, count=len(rows))
    if not rows:
        await reply(update, texts.INVITES_NONE)
        return
    lines = [texts.INVITES_HEADER.format(count=len(rows))]
    for inv in rows:
        lines.append(
            fmt(
                texts.INVITES_LINE,
                person_code=inv.person_code,
                name=f" ({inv.display_name})" if inv.display_name else "",
                role=inv.role,
                expires=timezones.shown(inv.expires_at, person.timezone),
                by=texts.INVITES_BY.format(code=inv.created_by) if inv.created_by else "",
            )
        )
    buttons = [[(texts.REVOKE_BUTTON.format(person_code=inv.person_code), RevokeButton(inv.id).pack())] for inv in rows]
    await reply(update, "\n".join(lines), keyboard(buttons))


@member("invites")
async def revoke(update: Update, context: AppContext, person: PersonView) -> None:
    """Revokes the invite the button names, if it is still pending."""
    assert update.callback_query is not None
    done = await invites.revoke(context.session, RevokeButton.parse(update.callback_query.data).invite_id, person.id)
    await reply(update, fmt(texts.INVITE_REVOKED, person_code=done.person_code) if done else texts.INVITE_NOT_PENDING)


def handlers() -> Handlers:
    """This module's handlers, built for one Application."""
    return [CommandHandler("invites", invites_command), CallbackQueryHandler(revoke, pattern=RevokeButton.matches)]
