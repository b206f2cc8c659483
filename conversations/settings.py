"""/settings: a client's time zone, daily check-in reminder time, reminders on or off, recovery start date."""

from __future__ import annotations

import datetime as dt
import enum
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot import texts
from bot.core.callbacks import CallbackData, callback
from bot.core.clock import now
from bot.core.errors import ValidationFailed
from bot.delivery import planner
from bot.domain.people import directory, timezones, typed
from bot.domain.people.directory import PersonView
from bot.domain.settings import preferences
from bot.services.context import AppContext
from conversations import fallback
from conversations.common import (
    END,
    STRAY,
    Handlers,
    edit_or_reply,
    fmt,
    keyboard,
    member,
    not_crisis_words,
    nudge,
    reply,
    use_buttons,
)
from conversations.meetings.schedule import MeetingPrefsOpen
from conversations.safety import exchange

MENU, ZONE, TIME, START = "settings:menu", "settings:zone", "settings:time", "settings:start"


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


@callback("set.tz")
class PickZone(CallbackData):
    """A zone from the picker; confirmed before it is stored."""

    zone: str


@callback("set.tzok")
class ConfirmZone(CallbackData):
    """'Yes' under "it's 8:14 pm there now"."""

    zone: str


@callback("set.tzagain")
class PickZoneAgain(CallbackData):
    """'No, pick again'."""


@callback("set.back")
class BackToMenu(CallbackData):
    """'Cancel' on a settings question: back to the menu, nothing changed."""


@callback("set.start")
class EditStartDate(CallbackData):
    """'Start date' on the menu."""


@callback("set.startclear")
class ClearStartDate(CallbackData):
    """'Clear start date'."""


async def _view(context: AppContext, person: PersonView) -> tuple[str, InlineKeyboardMarkup]:
    prof = await directory.profile(context.session, person.id)
    fresh = await directory.by_id(context.session, person.id)
    assert prof is not None and fresh is not None
    reminder = prof.checkin_time.strftime("%H:%M") if prof.reminders_on else "off"
    start = await preferences.start_date(context.session, person.id)
    rows = [
        [
            (texts.SETTINGS_ZONE_BUTTON, SettingsButton(Choice.ZONE).pack()),
            (texts.SETTINGS_TIME_BUTTON, SettingsButton(Choice.TIME).pack()),
        ],
        [(texts.SETTINGS_OFF_BUTTON, SettingsButton(Choice.OFF).pack())]
        if prof.reminders_on
        else [(texts.SETTINGS_ON_BUTTON, SettingsButton(Choice.ON).pack())],
        [(texts.SETTINGS_START_BUTTON, EditStartDate().pack())],
        [(texts.MEETING_PREFS_BUTTON, MeetingPrefsOpen().pack())],  # handled in conversations.meetings.schedule
        [(texts.SETTINGS_DONE_BUTTON, SettingsButton(Choice.DONE).pack())],
    ]
    zone = timezones.label(fresh.timezone)
    start_text = _date_text(start) if start else texts.SETTINGS_START_NONE
    return fmt(texts.SETTINGS_MENU, zone=zone, reminder=reminder, start=start_text), keyboard(rows)


def _date_text(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


async def _replan(context: AppContext, person: PersonView) -> None:
    """Move, cancel or bring back pending reminders after a change of time, zone or on/off."""
    s = context.services.settings
    await planner.replan_client(context.session, person.id, now(), s.reminder_grace, s.reminder_horizon)


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
        return await _zone_picker(update, context)
    if choice is Choice.TIME:
        await edit_or_reply(update, texts.SETTINGS_TIME_ASK)
        return TIME
    if choice in (Choice.OFF, Choice.ON):
        on = choice is Choice.ON
        await preferences.set_reminders(context.session, person.id, on)
        await _replan(context, person)
        await reply(update, texts.SETTINGS_ON_OK if on else texts.SETTINGS_OFF_OK)
        return await _menu(update, context, person)
    await edit_or_reply(update, texts.SETTINGS_DONE)
    return END


async def _zone_picker(update: Update, context: AppContext) -> str:
    zones = timezones.zone_choices(context.services.settings.clinic_timezone)
    buttons = [(label, PickZone(zone=zone).pack()) for label, zone in zones]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append([(texts.SETTINGS_CANCEL_BUTTON, BackToMenu().pack())])
    await edit_or_reply(update, texts.SETTINGS_ZONE_ASK, keyboard(rows))
    return ZONE


@member("settings")
async def zone_button(update: Update, context: AppContext, person: PersonView) -> str:
    """Asks to confirm a time zone picked from the buttons."""
    assert update.callback_query is not None
    return await _confirm_zone(update, PickZone.parse(update.callback_query.data).zone)


@not_crisis_words  # the crisis guard answered: no "couldn't read that" on top of it
@member("settings")
async def zone_text(update: Update, context: AppContext, person: PersonView) -> str:
    """Asks to confirm a typed time zone, or asks again with examples."""
    assert update.message is not None and update.message.text is not None
    return await _confirm_zone(update, update.message.text, context)


async def _to_exchange(update: Update, context: AppContext | None, text: str) -> bool:
    """Typed text that is no answer to this step, during a crisis exchange: it goes to the care team."""
    if context is None or update.message is None or not exchange.active(context):
        return False
    await exchange.follow_up(update, context, text)
    return True


async def _confirm_zone(update: Update, text: str, context: AppContext | None = None) -> str:
    try:
        zone = timezones.parse_timezone(text)
    except ValidationFailed:
        if not await _to_exchange(update, context, text):
            await reply(update, fmt(texts.SETTINGS_ZONE_BAD, text=text[:64]))
        return ZONE
    question = fmt(
        texts.SETTINGS_ZONE_CONFIRM, label=timezones.label(zone), time=timezones.local_time_text(zone, now())
    )
    rows = [
        [(texts.SETTINGS_ZONE_YES, ConfirmZone(zone=zone).pack()), (texts.SETTINGS_ZONE_AGAIN, PickZoneAgain().pack())]
    ]
    await reply(update, question, keyboard(rows))
    return ZONE


@member("settings")
async def zone_confirmed(update: Update, context: AppContext, person: PersonView) -> str:
    """Stores the confirmed time zone and replans the reminders."""
    assert update.callback_query is not None
    zone = timezones.parse_timezone(ConfirmZone.parse(update.callback_query.data).zone)
    await preferences.set_timezone(context.session, person.id, zone)
    await _replan(context, person)
    await edit_or_reply(update, fmt(texts.SETTINGS_ZONE_OK, zone=timezones.label(zone)))
    return await _menu_new_message(update, context, person)


@member("settings")
async def zone_again(update: Update, context: AppContext, person: PersonView) -> str:
    """Shows the time zone picker again."""
    return await _zone_picker(update, context)


@member("settings")
async def back_to_menu(update: Update, context: AppContext, person: PersonView) -> str:
    """Goes back to the menu without changing anything."""
    return await _menu(update, context, person)


@member("settings")
async def start_ask(update: Update, context: AppContext, person: PersonView) -> str:
    """Asks for the date the client counts their recovery from."""
    rows = [[(texts.SETTINGS_CANCEL_BUTTON, BackToMenu().pack())]]
    if await preferences.start_date(context.session, person.id) is not None:
        rows.insert(0, [(texts.SETTINGS_START_CLEAR, ClearStartDate().pack())])
    await edit_or_reply(update, texts.SETTINGS_START_ASK, keyboard(rows))
    return START


@not_crisis_words
@member("settings")
async def start_text(update: Update, context: AppContext, person: PersonView) -> str:
    """Stores a typed start date, or asks again with examples."""
    assert update.message is not None and update.message.text is not None
    text = update.message.text
    try:
        day = typed.parse_start_date(text, now().astimezone(ZoneInfo(person.timezone)).date())
    except ValidationFailed:
        if not await _to_exchange(update, context, text):
            await reply(update, fmt(texts.SETTINGS_START_BAD, text=text[:64]))
        return START
    await preferences.set_start_date(context.session, person.id, day)
    await reply(update, fmt(texts.SETTINGS_START_OK, date=_date_text(day)))
    return await _menu_new_message(update, context, person)


@member("settings")
async def start_clear(update: Update, context: AppContext, person: PersonView) -> str:
    """Clears the start date."""
    await preferences.set_start_date(context.session, person.id, None)
    await edit_or_reply(update, texts.SETTINGS_START_CLEARED)
    return await _menu_new_message(update, context, person)


@not_crisis_words
@member("settings")
async def time_text(update: Update, context: AppContext, person: PersonView) -> str:
    """Stores the reminder time, or asks again with examples."""
    assert update.message is not None and update.message.text is not None
    text = update.message.text
    try:
        at = typed.parse_time(text)
    except ValidationFailed:
        if not await _to_exchange(update, context, text):
            await reply(update, fmt(texts.SETTINGS_TIME_BAD, text=text[:64]))
        return TIME
    await preferences.set_checkin_time(context.session, person.id, at)
    await _replan(context, person)
    await reply(update, fmt(texts.SETTINGS_TIME_OK, time=at.strftime("%H:%M")))
    return await _menu_new_message(update, context, person)


async def stray_zone(update: Update, context: AppContext) -> None:
    """Says the time zone step wants a typed zone or a button."""
    await nudge(update, context, texts.SETTINGS_STRAY_ZONE)


async def stray_time(update: Update, context: AppContext) -> None:
    """Says the reminder time step wants a typed time."""
    await nudge(update, context, texts.SETTINGS_STRAY_TIME)


async def stray_start(update: Update, context: AppContext) -> None:
    """Says the start date step wants a typed date."""
    await nudge(update, context, texts.SETTINGS_STRAY_START)


async def cancel(update: Update, context: AppContext) -> int:
    """Leaves settings without changing anything more."""
    await reply(update, texts.CANCELLED)
    return END


async def leave(update: Update, context: AppContext) -> int:
    """Text while the menu is open means the person moved on: close settings and answer it."""

    await fallback.text(update, context)
    return END


def handlers() -> Handlers:
    # Built per Application: a ConversationHandler keeps its states inside the instance.
    return [
        ConversationHandler(
            entry_points=[CommandHandler("settings", open_settings)],
            states={
                MENU: [
                    CallbackQueryHandler(choose, pattern=SettingsButton.matches),
                    CallbackQueryHandler(start_ask, pattern=EditStartDate.matches),
                    MessageHandler(filters.TEXT & ~filters.COMMAND, leave),
                ],
                ZONE: [
                    CallbackQueryHandler(zone_button, pattern=PickZone.matches),
                    CallbackQueryHandler(zone_confirmed, pattern=ConfirmZone.matches),
                    CallbackQueryHandler(zone_again, pattern=PickZoneAgain.matches),
                    CallbackQueryHandler(back_to_menu, pattern=BackToMenu.matches),
                    MessageHandler(filters.TEXT & ~filters.COMMAND, zone_text),
                    MessageHandler(STRAY, stray_zone),
                ],
                START: [
                    CallbackQueryHandler(start_clear, pattern=ClearStartDate.matches),
                    CallbackQueryHandler(back_to_menu, pattern=BackToMenu.matches),
                    MessageHandler(filters.TEXT & ~filters.COMMAND, start_text),
                    MessageHandler(STRAY, stray_start),
                ],
                TIME: [
                    MessageHandler(filters.TEXT & ~filters.COMMAND, time_text),
                    MessageHandler(STRAY, stray_time),
                ],
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
