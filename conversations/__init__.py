"""Telegram handlers, one module per conversation or role. `register` wires them in order."""

from __future__ import annotations

from bot.services.context import AnyApplication
from conversations import (
    errors,
    fallback,
    faq,
    faq_admin,
    help,
    invite,
    membership,
    outbox_admin,
    privacy,
    settings,
    start,
)


def register(app: AnyApplication) -> None:
    # Group -1: keep the bot out of group chats, and answer crisis language, before any
    # conversation or feature sees the update.
    app.add_handlers(fallback.guard(), group=-1)
    # Group 0: conversations first (they claim updates in their states), then plain
    # commands, then the catch-alls that answer whatever nobody else took.
    app.add_handlers(settings.handlers() + invite.handlers() + faq.handlers())
    app.add_handlers(
        start.handlers()
        + privacy.handlers()
        + help.handlers()
        + outbox_admin.handlers()
        + membership.handlers()
        + faq_admin.handlers()
    )
    app.add_handlers(fallback.handlers())
    app.add_error_handler(errors.on_error)
