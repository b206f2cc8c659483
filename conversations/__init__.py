"""Telegram handlers, one module per conversation or role. `register` wires them in order."""

from __future__ import annotations

from telegram.ext import Application

from conversations import (
    alerts,
    attendance,
    broadcast,
    care_questions,
    checkin,
    crisis,
    data_rights,
    errors,
    fallback,
    faq,
    faq_admin,
    help,
    invite,
    meetings,
    membership,
    outbox_admin,
    privacy,
    progress,
    safety_plan,
    schedule,
    settings,
    start,
)


def register(app: Application) -> None:  # type: ignore[type-arg]
    # Group -2: keep the bot out of group chats before anything reads a word.
    app.add_handlers(fallback.GUARD, group=-2)
    # Group -1: the crisis screen sees every private text, caption and edit first, answers at
    # once, and lets the update go on to the conversation the person is in.
    app.add_handlers(crisis.guard_handlers(), group=-1)
    # Group 0: conversations first (they claim updates in their states), then plain
    # commands, then the catch-alls that answer whatever nobody else took.
    app.add_handlers(
        checkin.handlers()
        + settings.handlers()
        + invite.handlers()
        + faq.handlers()
        + safety_plan.handlers()
        + care_questions.handlers()
        + meetings.handlers()
        + broadcast.handlers()
    )
    app.add_handlers(
        alerts.handlers()
        + crisis.handlers()
        + start.HANDLERS
        + privacy.HANDLERS
        + help.HANDLERS
        + outbox_admin.HANDLERS
        + membership.HANDLERS
        + faq_admin.HANDLERS
        + progress.HANDLERS
        + data_rights.HANDLERS
        + schedule.handlers()
        + attendance.handlers()
    )
    app.add_handlers(fallback.HANDLERS)
    app.add_error_handler(errors.on_error)
