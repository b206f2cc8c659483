"""/settings, bad input in it, and a restart in the middle of the conversation."""

from __future__ import annotations

import datetime as dt

from bot import texts
from bot.db.models import ClientProfile, Person
from conversations.settings import Choice, SettingsButton

CLIENT = 6201


async def _profile(harness, person_id):
    async with harness.db.session() as s:
        return await s.get(ClientProfile, person_id)


async def test_change_reminder_time_with_bad_input_first(harness):
    """A time that can't be read is asked again with examples; a good one is stored."""
    person = await harness.enroll(CLIENT)
    replies = await harness.send(CLIENT, "/settings")
    assert "Daily check-in reminder: 19:00" in replies[0]
    assert ("Reminder time", SettingsButton(Choice.TIME).pack()) in harness.last(CLIENT).buttons
    await harness.press(CLIENT, SettingsButton(Choice.TIME).pack())
    replies = await harness.send(CLIENT, "whenever")
    assert replies == [
        "I couldn't read “whenever” as a time. Please send something like "
        "<code>19:00</code>, <code>7pm</code> or <code>7:30 am</code>."
    ]
    replies = await harness.send(CLIENT, "25:00")
    assert "couldn't read" in replies[0]
    replies = await harness.send(CLIENT, "7:30 pm")
    assert replies[0] == "Daily reminder set for 19:30."
    assert (await _profile(harness, person.id)).checkin_time == dt.time(19, 30)


async def test_bad_timezone_is_asked_again_with_an_example(harness):
    person = await harness.enroll(CLIENT)
    await harness.send(CLIENT, "/settings")
    await harness.press(CLIENT, SettingsButton(Choice.ZONE).pack())
    replies = await harness.send(CLIENT, "Mars/Olympus")
    assert "I don't know the time zone “Mars/Olympus”" in replies[0] and "Denver" in replies[0]
    replies = await harness.send(CLIENT, "europe/london")
    assert "It's " in replies[0] and "there now — is that right?" in replies[0]
    await harness.press(CLIENT, harness.last(CLIENT).buttons[0][1])
    async with harness.db.session() as s:
        assert (await s.get(Person, person.id)).timezone == "Europe/London"


async def test_huge_and_sticker_input_in_settings(harness):
    """A sticker where text is expected is answered; a 4000-character text is refused, not stored."""
    from tests.support import tg

    person = await harness.enroll(CLIENT)
    await harness.send(CLIENT, "/settings")
    replies = await harness.push(CLIENT, tg.sticker(harness.bot, CLIENT))  # the menu: buttons to choose
    assert replies == ["Please choose one of the buttons above, or send /cancel."]
    await harness.press(CLIENT, SettingsButton(Choice.TIME).pack())
    replies = await harness.push(CLIENT, tg.sticker(harness.bot, CLIENT))  # no buttons here: a time is wanted
    assert replies == [texts.SETTINGS_STRAY_TIME] and "buttons" not in replies[0]
    replies = await harness.send(CLIENT, "9" * 4000)
    assert "couldn't read" in replies[0] and len(replies[0]) < 300
    assert (await _profile(harness, person.id)).checkin_time == dt.time(19, 0)


async def test_reminders_off_and_on(harness):
    person = await harness.enroll(CLIENT)
    await harness.send(CLIENT, "/settings")
    replies = await harness.press(CLIENT, SettingsButton(Choice.OFF).pack())
    assert "Daily reminders are off" in replies[0]
    assert (await _profile(harness, person.id)).reminders_on is False
    await harness.press(CLIENT, SettingsButton(Choice.ON).pack())
    assert (await _profile(harness, person.id)).reminders_on is True


async def test_restart_mid_conversation_continues(harness):
    """After a restart the client's half-finished settings step continues where it was."""
    person = await harness.enroll(CLIENT)
    await harness.send(CLIENT, "/settings")
    await harness.press(CLIENT, SettingsButton(Choice.TIME).pack())
    await harness.restart()
    replies = await harness.send(CLIENT, "8am")
    assert replies[0] == "Daily reminder set for 08:00."
    assert (await _profile(harness, person.id)).checkin_time == dt.time(8, 0)


async def test_old_button_after_restart_gets_an_answer(harness):
    """A button from a finished conversation, pressed after a restart, is answered, not ignored."""
    await harness.enroll(CLIENT)
    await harness.send(CLIENT, "/settings")
    await harness.press(CLIENT, SettingsButton(Choice.DONE).pack())
    await harness.restart()
    replies = await harness.press(CLIENT, SettingsButton(Choice.TIME).pack())
    assert "older message" in replies[0]
    assert harness.answered_callbacks(), "the button's spinner must be stopped"


async def test_cancel_leaves_settings(harness):
    await harness.enroll(CLIENT)
    await harness.send(CLIENT, "/settings")
    await harness.press(CLIENT, SettingsButton(Choice.TIME).pack())
    assert await harness.send(CLIENT, "/cancel") == ["Okay, stopped. Send /help if you need anything."]
    # Text now is no longer read as a time, and a second /cancel has nothing to cancel.
    replies = await harness.send(CLIENT, "8am")
    assert "Daily reminder set" not in " ".join(replies)
    assert await harness.send(CLIENT, "/cancel") == ["There's nothing to cancel. Send /help to see what I can do."]


async def test_text_after_settings_is_not_swallowed(harness):
    """With the settings menu still open, a typed question leaves settings and gets answered."""
    await harness.enroll(CLIENT)
    await harness.send(CLIENT, "/settings")
    await harness.press(CLIENT, SettingsButton(Choice.TIME).pack())
    await harness.send(CLIENT, "9pm")  # back at the menu
    replies = await harness.send(CLIENT, "hello")
    assert replies == ["Hi! I'm here whenever you need me. Ask me anything about the program, or browse the topics."]
    # And the old menu buttons no longer act.
    assert "older message" in (await harness.press(CLIENT, SettingsButton(Choice.OFF).pack()))[0]


async def test_each_settings_step_answers_stray_input_with_what_it_wants(harness):
    from conversations.settings import BackToMenu, EditStartDate
    from tests.support import tg

    await harness.enroll(CLIENT)
    await harness.send(CLIENT, "/settings")
    steps = [
        (SettingsButton(Choice.ZONE).pack(), texts.SETTINGS_STRAY_ZONE),
        (EditStartDate().pack(), texts.SETTINGS_STRAY_START),
        (SettingsButton(Choice.TIME).pack(), texts.SETTINGS_STRAY_TIME),
    ]
    for button, wanted in steps:
        await harness.press(CLIENT, button)
        assert await harness.push(CLIENT, tg.photo(harness.bot, CLIENT)) == [wanted]
        await harness.push(CLIENT, tg.sticker(harness.bot, CLIENT))  # still the same step
        assert harness.last(CLIENT).text == wanted
        if button != steps[-1][0]:
            await harness.press(CLIENT, BackToMenu().pack())


async def test_invite_name_step_answers_stray_input(harness):
    from bot.db.models import Role
    from conversations.people.invite import RoleButton
    from tests.support import tg

    await harness.enroll(7801, Role.STAFF)
    await harness.send(7801, "/invite")
    await harness.press(7801, RoleButton(Role.CLIENT).pack())
    assert await harness.push(7801, tg.sticker(harness.bot, 7801)) == [texts.INVITE_STRAY_NAME]
