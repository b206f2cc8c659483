"""/settings as a menu: every item comes back to it (meeting reminders too), a Language row, zones typed
as offsets or places with several zones, and "Back to what I was doing" asking the open step again."""

from __future__ import annotations

import datetime as dt

import time_machine

from bot import texts
from bot.db.models import Person
from bot.domain.people.language import PickLanguage
from bot.domain.safety.buttons import CrisisResume
from bot.texts import catalogue
from conversations.meetings.schedule import MeetingPrefsDone, MeetingPrefsOpen
from conversations.settings import BackToMenu, Choice, ConfirmZone, PickZone, PickZoneAgain, SettingsButton

CLIENT = 6401
# 20:14 in New York on 27 November 2026 (EST).
NOW = dt.datetime(2026, 11, 28, 1, 14, tzinfo=dt.UTC)


def _es(name: str) -> str:
    with catalogue.speaking("es"):
        return str(getattr(texts, name))


async def _language(harness, uid: int) -> str:
    async with harness.db.session() as s:
        person = await harness.person(uid)
        return (await s.get(Person, person.id)).language


async def test_meeting_reminders_done_returns_to_the_settings_menu(harness):
    await harness.enroll(CLIENT)
    await harness.send(CLIENT, "/settings")
    assert "Meeting reminders" in (await harness.press(CLIENT, MeetingPrefsOpen().pack()))[0]
    replies = await harness.press(CLIENT, MeetingPrefsDone().pack())
    assert replies[0] == "Meeting reminders saved."
    assert replies[1].startswith("<b>Your settings</b>")
    assert ("Done", SettingsButton(Choice.DONE).pack()) in harness.last(CLIENT).buttons
    # The menu under it works like any other.
    assert await harness.press(CLIENT, SettingsButton(Choice.TIME).pack()) == [texts.SETTINGS_TIME_ASK]
    assert (await harness.send(CLIENT, "8pm"))[0] == "Daily reminder set for 20:00."


async def test_language_row_switches_the_language_and_shows_the_menu_in_it(harness):
    await harness.enroll(CLIENT)
    replies = await harness.send(CLIENT, "/settings")
    assert "Language: English" in replies[0]
    assert ("Language", SettingsButton(Choice.LANGUAGE).pack()) in harness.last(CLIENT).buttons
    replies = await harness.press(CLIENT, SettingsButton(Choice.LANGUAGE).pack())
    assert replies == ["I write to you in English. Which language would you like?"]
    assert harness.last(CLIENT).buttons == [
        ("English", PickLanguage("en").pack()),
        ("Español", PickLanguage("es").pack()),
        ("Cancel", BackToMenu().pack()),
    ]
    replies = await harness.press(CLIENT, PickLanguage("es").pack())
    assert replies[0] == _es("LANGUAGE_SET").format(language="Español")
    assert replies[1].startswith("<b>Tu configuración</b>") and "Idioma: Español" in replies[1]
    assert await _language(harness, CLIENT) == "es"
    # Cancel under the languages goes back to the menu, nothing changed.
    await harness.press(CLIENT, SettingsButton(Choice.LANGUAGE).pack())
    assert "Idioma: Español" in (await harness.press(CLIENT, BackToMenu().pack()))[0]
    assert await _language(harness, CLIENT) == "es"


async def test_a_language_button_from_language_works_while_settings_is_open(harness):
    """/settings open: the buttons of /language are not swallowed by the settings conversation."""
    await harness.enroll(CLIENT)
    await harness.send(CLIENT, "/settings")
    await harness.send(CLIENT, "/language")
    replies = await harness.press(CLIENT, PickLanguage("es").pack())
    assert replies[0] == _es("LANGUAGE_SET").format(language="Español")
    assert await _language(harness, CLIENT) == "es"


async def test_back_to_what_i_was_doing_asks_the_open_question_again(harness):
    await harness.enroll(CLIENT)
    await harness.send(CLIENT, "/settings")
    await harness.press(CLIENT, SettingsButton(Choice.TIME).pack())
    await harness.send(CLIENT, "i want to kill myself")
    replies = await harness.press(CLIENT, CrisisResume().pack())
    assert replies == [texts.CRISIS_RESUMED, texts.SETTINGS_TIME_ASK]
    assert (await harness.send(CLIENT, "8pm"))[0] == "Daily reminder set for 20:00."
    # At the zone step: the picker again, with its buttons.
    await harness.press(CLIENT, SettingsButton(Choice.ZONE).pack())
    await harness.send(CLIENT, "i want to kill myself")
    replies = await harness.press(CLIENT, CrisisResume().pack())
    assert replies == [texts.CRISIS_RESUMED, texts.SETTINGS_ZONE_ASK]
    assert ("Cancel", BackToMenu().pack()) in harness.last(CLIENT).buttons


async def test_zones_typed_as_offsets_nicknames_and_spanish_are_confirmed_with_the_local_time(harness):
    await harness.enroll(CLIENT)
    await harness.send(CLIENT, "/settings")
    await harness.press(CLIENT, SettingsButton(Choice.ZONE).pack())
    with time_machine.travel(NOW, tick=False):
        assert await harness.send(CLIENT, "GMT+2") == ["<b>UTC+2</b>\nIt's 3:14 am there now — is that right?"]
        assert await harness.send(CLIENT, "UTC-5") == ["<b>UTC-5</b>\nIt's 8:14 pm there now — is that right?"]
        assert await harness.send(CLIENT, "nyc") == [
            "<b>Eastern (New York)</b>\nIt's 8:14 pm there now — is that right?"
        ]
        assert await harness.send(CLIENT, "cdmx") == ["<b>Mexico City</b>\nIt's 7:14 pm there now — is that right?"]
        replies = await harness.send(CLIENT, "hora del pacífico")
        assert replies == ["<b>Pacific (Los Angeles)</b>\nIt's 5:14 pm there now — is that right?"]
        replies = await harness.send(CLIENT, "Texas")
        assert replies == ["<b>Texas</b> has more than one time zone. What time is it where you are?"]
        assert harness.last(CLIENT).buttons == [
            ("7:14 pm: Central (Chicago)", ConfirmZone(zone="America/Chicago").pack()),
            ("6:14 pm: Mountain (Denver)", ConfirmZone(zone="America/Denver").pack()),
            ("No, pick again", PickZoneAgain().pack()),
        ]
        replies = await harness.press(CLIENT, ConfirmZone(zone="America/Chicago").pack())
    assert replies[0] == "Time zone set to Central (Chicago)." and "Time zone: Central (Chicago)" in replies[1]
    await harness.press(CLIENT, SettingsButton(Choice.ZONE).pack())
    await harness.press(CLIENT, PickZone(zone="America/Denver").pack())  # the picker still confirms as before
    assert (await harness.press(CLIENT, ConfirmZone(zone="Etc/GMT-2").pack()))[0] == "Time zone set to UTC+2."
