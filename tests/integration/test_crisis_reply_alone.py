"""Crisis words inside a conversation, through the real Application: the crisis reply is the only answer.

The crisis guard (group -1) answers the words; the step the person is at neither takes them as its
answer (a broadcast, a name, a time) nor adds "Please choose one of the buttons" after the reply.
"""

from __future__ import annotations

from sqlalchemy import select

from bot import texts
from bot.db.meeting_models import Broadcast
from bot.db.models import Invite, OutboxMessage, Role
from conversations.meetings import broadcast
from conversations.people.invite import RoleButton
from conversations.settings import Choice, SettingsButton
from tests.support import tg
from tests.support.harness import Harness

STAFF, CLIENT = 8301, 8302
CRISIS = "i want to kill myself"
OPENING = texts.CRISIS_REPLY.split("\n")[0]
TEAM_OPENING = texts.CRISIS_TEAM_NOTE.split("\n")[0]  # a team member gets the lines in a note of their own


def alone(replies: list[str], opening: str = OPENING) -> None:
    """The crisis reply (or a team member's note), and nothing after it."""
    assert len(replies) == 1 and replies[0].startswith(opening), replies


def team_alone(replies: list[str]) -> None:
    alone(replies, TEAM_OPENING)


async def test_crisis_words_never_become_a_broadcast_and_get_only_the_crisis_reply(harness: Harness) -> None:
    await harness.enroll(STAFF, Role.STAFF)
    await harness.enroll(CLIENT)
    await harness.send(STAFF, "/broadcast")
    team_alone(await harness.send(STAFF, CRISIS))  # the audience step wants a button
    await harness.press(STAFF, broadcast.PickAudience(audience="clients").pack())
    team_alone(await harness.send(STAFF, CRISIS))  # the text step: not the draft, no preview
    team_alone(await harness.push(STAFF, tg.photo(harness.bot, STAFF, caption=CRISIS)))
    [preview] = await harness.send(STAFF, "Group is in Room 5 tonight.")  # the step is still open
    assert preview.startswith("<b>Preview</b>") and "Group is in Room 5 tonight." in preview
    assert "kill" not in preview
    team_alone(await harness.send(STAFF, CRISIS))  # the confirm step wants a button
    await harness.press(STAFF, broadcast.Confirm(ok=True).pack())
    await harness.delivery.run_once()
    assert harness.req.texts(CLIENT)[-1] == "Group is in Room 5 tonight."
    async with harness.db.session() as s:
        [sent] = (await s.execute(select(Broadcast.text))).scalars().all()
        payloads = (await s.execute(select(OutboxMessage.payload))).scalars().all()
    assert sent == "Group is in Room 5 tonight." and not any("kill" in str(p) for p in payloads)


async def test_settings_steps_add_nothing_to_the_crisis_reply(harness: Harness) -> None:
    await harness.enroll(CLIENT)
    await harness.send(CLIENT, "/settings")
    alone(await harness.push(CLIENT, tg.photo(harness.bot, CLIENT, caption=CRISIS)))  # the menu wants a button
    await harness.press(CLIENT, SettingsButton(Choice.TIME).pack())
    alone(await harness.send(CLIENT, CRISIS))  # no "couldn't read that time"
    alone(await harness.push(CLIENT, tg.photo(harness.bot, CLIENT, caption=CRISIS)))
    replies = await harness.send(CLIENT, "8:30")  # the time step is still open and takes its answer
    assert any("08:30" in r for r in replies), replies


async def test_invite_steps_never_take_crisis_words_as_a_name(harness: Harness) -> None:
    await harness.enroll(STAFF, Role.STAFF)
    async with harness.db.session() as s:
        before = len((await s.execute(select(Invite.id))).scalars().all())
    await harness.send(STAFF, "/invite")
    team_alone(await harness.send(STAFF, CRISIS))  # the role step wants a button
    await harness.press(STAFF, RoleButton(Role.CLIENT).pack())
    team_alone(await harness.send(STAFF, CRISIS))  # not a client's initials, no "use initials" on top
    team_alone(await harness.push(STAFF, tg.photo(harness.bot, STAFF, caption=CRISIS)))
    [asked] = await harness.send(STAFF, "AB")  # the name step is still open
    assert asked == texts.INVITE_THERAPIST_ASK
    async with harness.db.session() as s:
        assert len((await s.execute(select(Invite.id))).scalars().all()) == before


async def test_the_meetings_menu_adds_nothing_to_the_crisis_reply(harness: Harness) -> None:
    await harness.enroll(STAFF, Role.STAFF)
    await harness.send(STAFF, "/meetings")
    team_alone(await harness.send(STAFF, CRISIS))
    team_alone(await harness.push(STAFF, tg.photo(harness.bot, STAFF, caption=CRISIS)))
