"""/settings' handlers: the menu's buttons and the typed zone, time and start date."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from telegram import Update

from bot import texts
from bot.core.clock import now
from bot.core.errors import ValidationFailed
from bot.domain.people import language, timezones, typed
from bot.domain.people.directory import PersonView
from bot.domain.people.language import PickLanguage
from bot.domain.settings import preferences
from bot.services.context import AppContext
from bot.texts import catalogue, dates
from conversations import fallback
from conversations.common import (
    END,
    edit_or_reply,
    ensure_menu,
    fmt,
    keyboard,
    member,
    not_crisis_words,
    nudge,
    reply,
)
from conversations.settings.views import (
    FIRST_TIME,
    LANGUAGE,
    START,
    TIME,
    ZONE,
    Choice,
    ConfirmZone,
    PickZone,
    PickZoneAgain,
    SettingsButton,
    date_text,
    first_time_view,
    language_view,
    menu_below,
    replan,
    show_menu,
    start_view,
    take_first_setup,
    to_exchange,
    zone_picker,
)


@member("settings")
async def open_settings(update: Update, context: AppContext, person: PersonView) -> str:
    """Shows current settings with a button for each change."""
    take_first_setup(context)
    return await show_menu(update, context, person)


@member("settings")
async def choose(update: Update, context: AppContext, person: PersonView) -> str | int:
    """Acts on a menu button."""
    assert update.callback_query is not None
    choice = SettingsButton.parse(update.callback_query.data).choice
    if choice is Choice.ZONE:
        return await zone_picker(update, context)
    if choice is Choice.TIME:
        await edit_or_reply(update, texts.SETTINGS_TIME_ASK)
        return TIME
    if choice is Choice.LANGUAGE:
        await edit_or_reply(update, *language_view())
        return LANGUAGE
    if choice in (Choice.OFF, Choice.ON):
        on = choice is Choice.ON
        await preferences.set_reminders(context.session, person.id, on)
        await replan(context, person)
        await reply(update, texts.SETTINGS_ON_OK if on else texts.SETTINGS_OFF_OK)
        return await show_menu(update, context, person)
    await edit_or_reply(update, texts.SETTINGS_DONE)
    return END


@member("settings")
async def language_picked(update: Update, context: AppContext, person: PersonView) -> str:
    """Stores the language picked under the menu's Language row; the menu again, in that language."""
    assert update.callback_query is not None
    code = catalogue.supported(PickLanguage.parse(update.callback_query.data).code) or catalogue.SOURCE
    person = await language.set_language(context.session, person.id, code)
    catalogue.set_reader(code)
    await edit_or_reply(update, fmt(texts.LANGUAGE_SET, language=catalogue.NAMES[code]))
    await ensure_menu(context, person)  # the command menu's descriptions are in the reader's language
    return await menu_below(update, context, person)


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


async def _confirm_zone(update: Update, text: str, context: AppContext | None = None) -> str:
    try:
        zones = timezones.find_zones(text)
    except ValidationFailed:
        if not await to_exchange(update, context, text):
            await reply(update, fmt(texts.SETTINGS_ZONE_BAD, text=text[:64]))
        return ZONE
    if len(zones) > 1:  # "texas": the time in each zone, and the client taps theirs
        at = now()
        rows = [
            [
                (
                    fmt(
                        texts.SETTINGS_ZONE_SEVERAL_ROW, time=timezones.local_time_text(z, at), zone=timezones.label(z)
                    ),
                    ConfirmZone(zone=z).pack(),
                )
            ]
            for z in zones
        ]
        rows.append([(texts.SETTINGS_ZONE_AGAIN, PickZoneAgain().pack())])
        await reply(update, fmt(texts.SETTINGS_ZONE_SEVERAL, place=text.strip()[:64]), keyboard(rows))
        return ZONE
    zone = zones[0]
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
    await replan(context, person)
    await edit_or_reply(update, fmt(texts.SETTINGS_ZONE_OK, zone=timezones.label(zone)))
    if take_first_setup(context):  # after enrolment: the reminder time next, not the menu
        await reply(update, *await first_time_view(context, person))
        return FIRST_TIME
    return await menu_below(update, context, person)


@member("settings")
async def zone_again(update: Update, context: AppContext, person: PersonView) -> str:
    """Shows the time zone picker again."""
    return await zone_picker(update, context)


@member("settings")
async def back_to_menu(update: Update, context: AppContext, person: PersonView) -> str:
    """Goes back to the menu without changing anything."""
    take_first_setup(context)
    return await show_menu(update, context, person)


@member("settings")
async def meeting_prefs_done(update: Update, context: AppContext, person: PersonView) -> str:
    """'Done' under the meeting reminders (conversations.meetings.schedule): back to the settings menu."""
    await edit_or_reply(update, texts.MEETING_PREFS_SAVED)  # each tap there was stored as it was made
    return await menu_below(update, context, person)


@member("settings")
async def start_ask(update: Update, context: AppContext, person: PersonView) -> str:
    """Asks for the date the client counts their recovery from."""
    await edit_or_reply(update, *await start_view(context, person))
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
        if not await to_exchange(update, context, text):
            await reply(update, fmt(texts.SETTINGS_START_BAD, text=text[:64]))
        return START
    await preferences.set_start_date(context.session, person.id, day)
    await reply(update, fmt(texts.SETTINGS_START_OK, date=date_text(day)))
    return await menu_below(update, context, person)


@member("settings")
async def start_clear(update: Update, context: AppContext, person: PersonView) -> str:
    """Clears the start date."""
    await preferences.set_start_date(context.session, person.id, None)
    await edit_or_reply(update, texts.SETTINGS_START_CLEARED)
    return await menu_below(update, context, person)


@not_crisis_words
@member("settings")
async def time_text(update: Update, context: AppContext, person: PersonView) -> str:
    """Stores the reminder time, or asks again with examples."""
    assert update.message is not None and update.message.text is not None
    text = update.message.text
    try:
        at = typed.parse_time(text)
    except ValidationFailed:
        if not await to_exchange(update, context, text):
            await reply(update, fmt(texts.SETTINGS_TIME_BAD, text=text[:64]))
        return TIME
    await preferences.set_checkin_time(context.session, person.id, at)
    await replan(context, person)
    await reply(update, fmt(texts.SETTINGS_TIME_OK, time=dates.clock(at)))
    return await menu_below(update, context, person)


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
    take_first_setup(context)
    await reply(update, texts.CANCELLED)
    return END


async def leave(update: Update, context: AppContext) -> int:
    """Text while the menu is open means the person moved on: close settings and answer it."""

    await fallback.text(update, context)
    return END
