"""/settings: a client's time zone, daily check-in reminder time, reminders on or off."""

from __future__ import annotations

import enum

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import (
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot import texts
from bot.core.callbacks import CallbackData, callback
from bot.core.errors import ValidationFailed
from bot.domain import client_settings, people
from bot.domain.people import PersonView
from bot.services.context import AppContext
from conversations import fallback
from conversations.common import (
    END,
    edit_or_reply,
    fmt,
    keyboard,
    member,
    reply,
    use_buttons,
)

MENU, ZONE, TIME = "settings:menu", "settings:zone", "settings:time"


class Choice(enum.StrEnum):
    ZONE = "zone"
    TIME = "time"
    OFF = "off"
    ON = "on"
    DONE = "done"


@callback("set")
class SettingsButton(CallbackData):
    """A button of the settings menu."""

    choice: Choice


@callback("set.zone")
class ZoneButton(CallbackData):
    """A time zone offered as a button (checked again when pressed)."""

    zone: str


async def _view(context: AppContext, person: PersonView) -> tuple[str, InlineKeyboardMarkup]:
    prof = await people.profile(context.session, person.id)
    fresh = await people.by_id(context.session, person.id)
    assert prof is not None and fresh is not None
    reminder = prof.checkin_time.strftime("%H:%M") if prof.reminders_on else "off"
    rows = [
        [
            (texts.SETTINGS_ZONE_BUTTON, SettingsButton(Choice.ZONE).pack()),
            (texts.SETTINGS_TIME_BUTTON, SettingsButton(Choice.TIME).pack()),
        ],
        [(texts.SETTINGS_OFF_BUTTON, SettingsButton(Choice.OFF).pack())]
        if prof.reminders_on
        else [(texts.SETTINGS_ON_BUTTON, SettingsButton(Choice.ON).pack())],
        [(texts.SETTINGS_DONE_BUTTON, SettingsButton(Choice.DONE).pack())],
    ]
    return fmt(texts.SETTINGS_MENU, zone=fresh.timezone, reminder=reminder), keyboard(rows)


async def _menu(update: Update, context: AppContext, person: PersonView) -> str:
    await edit_or_reply(update, *await _view(context, person))
    return MENU


async def _menu_new_message(update: Update, context: AppContext, person: PersonView) -> str:
    # After typed input the old menu is far up the chat: send a fresh one instead of editing.
    await reply(update, *await _view(context, person))
    return MENU


@member("settings")
async def open_settings(update: Update, context: AppContext, person: PersonView) -> str:
    """Shows current settings with a button for each change."""
    return await _menu(update, context, person)


@member("settings")
async def choose(update: Update, context: AppContext, person: PersonView) -> str | int:
    """Acts on a menu button."""
    assert update.callback_query is not None
    choice = SettingsButton.parse(update.callback_query.data).choice
    if choice is Choice.ZONE:
        zones = client_settings.zone_choices(context.services.settings.clinic_timezone)
        rows = [[(z, ZoneButton(z).pack())] for z in zones]
        await edit_or_reply(update, texts.SETTINGS_ZONE_ASK, keyboard(rows))
        return ZONE
    if choice is Choice.TIME:
        await edit_or_reply(update, texts.SETTINGS_TIME_ASK)
        return TIME
    if choice in (Choice.OFF, Choice.ON):
        on = choice is Choice.ON
        await client_settings.set_reminders(context.session, person.id, on)
        await reply(update, texts.SETTINGS_ON_OK if on else texts.SETTINGS_OFF_OK)
        return await _menu(update, context, person)
    await edit_or_reply(update, texts.SETTINGS_DONE)
    return END


@member("settings")
async def zone_button(update: Update, context: AppContext, person: PersonView) -> str:
    """Stores a time zone picked from the buttons."""
    assert update.callback_query is not None
    return await _store_zone(update, context, person, ZoneButton.parse(update.callback_query.data).zone)


@member("settings")
async def zone_text(update: Update, context: AppContext, person: PersonView) -> str:
    """Stores a typed time zone, or asks again with an example."""
    assert update.message is not None and update.message.text is not None
    return await _store_zone(update, context, person, update.message.text)


async def _store_zone(update: Update, context: AppContext, person: PersonView, text: str) -> str:
    try:
        zone = client_settings.parse_timezone(text)
    except ValidationFailed:
        await reply(update, fmt(texts.SETTINGS_ZONE_BAD, text=text[:64]))
        return ZONE
    await client_settings.set_timezone(context.session, person.id, zone)
    await reply(update, fmt(texts.SETTINGS_ZONE_OK, zone=zone))
    return await _menu_new_message(update, context, person)


@member("settings")
async def time_text(update: Update, context: AppContext, person: PersonView) -> str:
    """Stores the reminder time, or asks again with examples."""
    assert update.message is not None and update.message.text is not None
    text = update.message.text
    try:
        at = client_settings.parse_time(text)
    except ValidationFailed:
        await reply(update, fmt(texts.SETTINGS_TIME_BAD, text=text[:64]))
        return TIME
    await client_settings.set_checkin_time(context.session, person.id, at)
    await reply(update, fmt(texts.SETTINGS_TIME_OK, time=at.strftime("%H:%M")))
    return await _menu_new_message(update, context, person)


async def cancel(update: Update, context: AppContext) -> int:
    """Leaves settings without changing anything more."""
    await reply(update, texts.CANCELLED)
    return END


async def leave(update: Update, context: AppContext) -> int:
    """Text while the menu is open means the person moved on: close settings and answer it."""

    await fallback.text(update, context)
    return END


def handlers() -> list[BaseHandler]:  # type: ignore[type-arg]
    # Built per Application: a ConversationHandler keeps its states inside the instance.
    return [
        ConversationHandler(
            entry_points=[CommandHandler("settings", open_settings)],
            states={
                MENU: [
                    CallbackQueryHandler(choose, pattern=SettingsButton.matches),
                    MessageHandler(filters.TEXT & ~filters.COMMAND, leave),
                ],
                ZONE: [
                    CallbackQueryHandler(zone_button, pattern=ZoneButton.matches),
                    MessageHandler(filters.TEXT & ~filters.COMMAND, zone_text),
                ],
                TIME: [MessageHandler(filters.TEXT & ~filters.COMMAND, time_text)],
            },
            fallbacks=[
                CommandHandler("cancel", cancel),
                MessageHandler(~filters.COMMAND & ~filters.UpdateType.EDITED, use_buttons),
            ],
            name="settings",
            persistent=True,
            allow_reentry=True,
        )
    ]
