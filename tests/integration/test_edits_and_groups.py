"""One rule for edits (not read, a short note says so) and no word of client data in a group or channel."""

from __future__ import annotations

import pytest

from bot import texts
from bot.db.models import Role
from conversations.settings import Choice, SettingsButton
from tests.support import tg
from tests.support.harness import Harness

CLIENT, STAFF = 6301, 7301
GROUP = -100 - STAFF  # the group chat tg builds for STAFF's group messages


def _to_chat(harness: Harness, chat_id: int) -> list[str]:
    return [s.text for s in harness.req.sent if s.chat_id == chat_id]


@pytest.mark.parametrize("command", ["/people", "/settings", "/invite", "/help", "/stop"])
async def test_an_edit_to_a_command_in_a_group_sends_nothing_there(harness: Harness, command: str) -> None:
    """Staff editing a group message into a command gets no list, menu or note in that group."""
    await harness.enroll(CLIENT)
    await harness.enroll(STAFF, Role.STAFF, display_name="Ana")
    harness.req.clear()
    await harness.push(STAFF, tg.edited(harness.bot, STAFF, command, chat_type="group"))
    await harness.push(STAFF, tg.edited(harness.bot, STAFF, command, chat_type="supergroup"))
    assert _to_chat(harness, GROUP) == [] and harness.req.sent == []
    assert not harness.crashed()


async def test_a_new_command_in_a_group_only_gets_the_private_only_note(harness: Harness) -> None:
    await harness.enroll(STAFF, Role.STAFF, display_name="Ana")
    harness.req.clear()
    await harness.push(STAFF, tg.text(harness.bot, STAFF, "/people", chat_type="group"))
    assert _to_chat(harness, GROUP) == [texts.PRIVATE_ONLY]


@pytest.mark.parametrize("edited", [False, True])
async def test_channel_posts_are_ignored(harness: Harness, edited: bool) -> None:
    await harness.push(STAFF, tg.channel_post(harness.bot, "/people", edited=edited))
    assert harness.req.sent == [] and not harness.crashed()


async def test_a_button_on_a_group_message_does_nothing_there(harness: Harness) -> None:
    """A press on a group message's button (the bot's own, or a forwarded one) is refused quietly."""
    await harness.enroll(STAFF, Role.STAFF, display_name="Ana")
    harness.req.clear()
    await harness.push(STAFF, tg.press(harness.bot, STAFF, SettingsButton(Choice.ZONE).pack(), chat_type="group"))
    assert harness.req.sent == []
    assert [a.get("text") for a in harness.answered_callbacks()] == [texts.PRIVATE_ONLY]


async def test_an_edited_stop_does_not_stop(harness: Harness) -> None:
    await harness.enroll(CLIENT)
    replies = await harness.push(CLIENT, tg.edited(harness.bot, CLIENT, "/stop"))
    assert replies == [texts.EDIT_IGNORED]
    person = await harness.person(CLIENT)
    assert person is not None and person.active


async def test_an_edit_inside_a_conversation_gets_the_note_and_the_step_goes_on(harness: Harness) -> None:
    """In /settings' time-zone step an edit is not read as the answer, nothing crashes, the step still works."""
    await harness.enroll(CLIENT)
    await harness.send(CLIENT, "/settings")
    await harness.press(CLIENT, SettingsButton(Choice.ZONE).pack())
    replies = await harness.push(CLIENT, tg.edited(harness.bot, CLIENT, "Europe/Paris"))
    assert replies == [texts.EDIT_IGNORED] and not harness.crashed()
    person = await harness.person(CLIENT)
    assert person is not None and person.timezone != "Europe/Paris"
    replies = await harness.send(CLIENT, "Europe/Paris")
    assert "Paris" in replies[0] and not harness.crashed()  # the step read the new message


async def test_an_edit_inside_the_invite_conversation_does_not_crash(harness: Harness) -> None:
    await harness.enroll(STAFF, Role.STAFF, display_name="Ana")
    await harness.send(STAFF, "/invite")
    replies = await harness.push(STAFF, tg.edited(harness.bot, STAFF, "AB"))
    assert replies == [texts.EDIT_IGNORED] and not harness.crashed()
