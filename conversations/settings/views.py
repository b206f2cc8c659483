"""/settings' states, its buttons, and what each step shows (menu, zone picker, questions)."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Awaitable, Callable

from telegram import InlineKeyboardMarkup, Update

from bot import texts
from bot.core.callbacks import CallbackData, callback
from bot.core.clock import now
from bot.delivery import planner
from bot.domain.people import directory, language, timezones
from bot.domain.people.directory import PersonView
from bot.domain.settings import preferences
from bot.domain.settings.buttons import KeepTime
from bot.services.context import AppContext
from bot.texts import catalogue, dates
from conversations.common import edit_or_reply, fmt, keyboard, reply
from conversations.meetings.schedule import MeetingPrefsOpen
from conversations.safety import exchange

MENU, ZONE, TIME, START = "settings:menu", "settings:zone", "settings:time", "settings:start"
LANGUAGE = "settings:language"
FIRST_TIME = "settings:first_time"  # the reminder time asked after enrolment: "keep 19:00" or type one
FIRST = "settings_first"  # user_data: the zone step was opened from the question after enrolment


class Choice(enum.StrEnum):
    ZONE = "zone"
    TIME = "time"
    OFF = "off"
    ON = "on"
    LANGUAGE = "language"
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


async def menu_view(context: AppContext, person: PersonView) -> tuple[str, InlineKeyboardMarkup]:
    prof = await directory.profile(context.session, person.id)
    fresh = await directory.by_id(context.session, person.id)
    assert prof is not None and fresh is not None
    reminder = dates.clock(prof.checkin_time) if prof.reminders_on else texts.SETTINGS_REMINDER_OFF
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
        [(texts.MEETING_PREFS_BUTTON, MeetingPrefsOpen().pack())],  # its Done comes back here (meeting_prefs_done)
        [(texts.SETTINGS_LANGUAGE_BUTTON, SettingsButton(Choice.LANGUAGE).pack())],
        [(texts.SETTINGS_DONE_BUTTON, SettingsButton(Choice.DONE).pack())],
    ]
    zone = timezones.label(fresh.timezone)
    start_text = date_text(start) if start else texts.SETTINGS_START_NONE
    lang = catalogue.NAMES.get(fresh.language or catalogue.SOURCE, fresh.language)
    text = fmt(texts.SETTINGS_MENU, zone=zone, reminder=reminder, start=start_text, language=lang)
    return text, keyboard(rows)


def date_text(day: dt.date) -> str:
    return dates.full_date(day)


async def replan(context: AppContext, person: PersonView) -> None:
    """Move, cancel or bring back pending reminders after a change of time, zone or on/off."""
    s = context.services.settings
    await planner.replan_client(context.session, person.id, now(), s.reminder_grace, s.reminder_horizon)


async def show_menu(update: Update, context: AppContext, person: PersonView) -> str:
    await edit_or_reply(update, *await menu_view(context, person))
    return MENU


async def menu_below(update: Update, context: AppContext, person: PersonView) -> str:
    # After typed input the old menu is far up the chat: send a fresh one instead of editing.
    await reply(update, *await menu_view(context, person))
    return MENU


def mark_first_setup(context: AppContext) -> None:
    """The zone step was opened from the question after enrolment: once the zone is set, the time comes next."""
    if context.user_data is not None:
        context.user_data[FIRST] = True


def take_first_setup(context: AppContext) -> bool:
    """Whether the zone step was opened after enrolment; forgotten once asked (any way out of the step)."""
    return bool(context.user_data.pop(FIRST, False)) if context.user_data is not None else False


def zone_view(context: AppContext) -> tuple[str, InlineKeyboardMarkup]:
    zones = timezones.zone_choices(context.services.settings.clinic_timezone)
    buttons = [(label, PickZone(zone=zone).pack()) for label, zone in zones]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append([(texts.SETTINGS_CANCEL_BUTTON, BackToMenu().pack())])
    return texts.SETTINGS_ZONE_ASK, keyboard(rows)


async def zone_picker(update: Update, context: AppContext) -> str:
    await edit_or_reply(update, *zone_view(context))
    return ZONE


def language_view() -> tuple[str, InlineKeyboardMarkup]:
    question = fmt(texts.LANGUAGE_ASK, language=catalogue.NAMES[catalogue.current()])
    rows = [language.choices(), [(texts.SETTINGS_CANCEL_BUTTON, BackToMenu().pack())]]
    return question, keyboard(rows)


async def to_exchange(update: Update, context: AppContext | None, text: str) -> bool:
    """Typed text that is no answer to this step, during a crisis exchange: it goes to the care team."""
    if context is None or update.message is None or not exchange.active(context):
        return False
    await exchange.follow_up(update, context, text)
    return True


async def start_view(context: AppContext, person: PersonView) -> tuple[str, InlineKeyboardMarkup]:
    rows = [[(texts.SETTINGS_CANCEL_BUTTON, BackToMenu().pack())]]
    if await preferences.start_date(context.session, person.id) is not None:
        rows.insert(0, [(texts.SETTINGS_START_CLEAR, ClearStartDate().pack())])
    return texts.SETTINGS_START_ASK, keyboard(rows)


async def first_time_view(context: AppContext, person: PersonView) -> tuple[str, InlineKeyboardMarkup]:
    prof = await directory.profile(context.session, person.id)
    assert prof is not None
    at = dates.clock(prof.checkin_time)
    rows = [[(fmt(texts.SETTINGS_FIRST_TIME_KEEP, time=at), KeepTime().pack())]]
    return fmt(texts.SETTINGS_FIRST_TIME_ASK, time=at), keyboard(rows)


# Each step's question, asked again after "Back to what I was doing" (the crisis exchange).
View = Callable[[AppContext, PersonView], Awaitable[tuple[str, InlineKeyboardMarkup | None]]]


async def time_view(context: AppContext, person: PersonView) -> tuple[str, InlineKeyboardMarkup | None]:
    return texts.SETTINGS_TIME_ASK, None


async def zone_question(context: AppContext, person: PersonView) -> tuple[str, InlineKeyboardMarkup | None]:
    return zone_view(context)


async def language_question(context: AppContext, person: PersonView) -> tuple[str, InlineKeyboardMarkup | None]:
    return language_view()


QUESTIONS: dict[str, View] = {
    MENU: menu_view,
    ZONE: zone_question,
    TIME: time_view,
    START: start_view,
    LANGUAGE: language_question,
    FIRST_TIME: first_time_view,
}
