"""Starting a conversation closes the one still open, in that one's own /cancel words; /cancel ends the one you are in.

Before, two could be open at once: /cancel stopped /meetings when the person was in /broadcast, and
a safety-plan part typed with a check-in still open was answered "I didn't catch that".
"""

from __future__ import annotations

from sqlalchemy import select

from bot import texts
from bot.db.meeting_models import Broadcast
from bot.db.models import Role
from bot.domain.checkins.reminders import StartCheckin
from bot.domain.safety import plan
from bot.domain.safety.buttons import SafetyPlanEdit
from bot.domain.safety.plan import Section
from bot.texts import catalogue
from conversations.meetings import broadcast
from conversations.one_at_a_time import cancel_of
from tests.support.harness import Harness

STAFF, CLIENT = 8801, 8802
FIRST_CHECKIN_QUESTION = "<i>1 of 6</i>"


async def test_broadcast_after_meetings_closes_meetings_and_cancel_ends_the_broadcast(harness: Harness) -> None:
    await harness.enroll(STAFF, Role.STAFF)
    await harness.send(STAFF, "/meetings")
    stopped, asked = await harness.send(STAFF, "/broadcast")
    assert stopped == texts.CANCELLED and asked.startswith("<b>Broadcast</b>")
    assert await harness.send(STAFF, "/cancel") == [texts.BROADCAST_DISCARDED]  # the one they are in
    assert await harness.send(STAFF, "/cancel") == [texts.NOTHING_TO_CANCEL]  # /meetings was closed


async def test_a_safety_plan_part_goes_to_the_plan_not_to_the_checkin_left_open(harness: Harness) -> None:
    person = await harness.enroll(CLIENT)
    await harness.send(CLIENT, "/checkin")
    stopped, shown = await harness.send(CLIENT, "/safetyplan")
    assert stopped == texts.CHECKIN_CANCELLED and shown == texts.SAFETY_PLAN_EMPTY
    await harness.press(CLIENT, SafetyPlanEdit(section=Section.PEOPLE).pack())
    saved = await harness.send(CLIENT, "my sponsor Sam")
    assert saved[0] == texts.SAFETY_PLAN_SAVED, saved  # before: the check-in's "I didn't catch that"
    async with harness.db.session() as s:
        assert await plan.get(s, person.id) == {Section.PEOPLE: "my sponsor Sam"}


async def test_a_command_that_starts_nothing_leaves_the_open_one_open(harness: Harness) -> None:
    await harness.enroll(CLIENT)
    await harness.send(CLIENT, "/checkin")
    helped = await harness.send(CLIENT, "/help")
    assert texts.CHECKIN_CANCELLED not in helped
    replies = await harness.send(CLIENT, "3")  # the check-in still takes its answer
    assert replies[0].startswith("<i>2 of 6</i>"), replies


async def test_starting_the_same_one_again_is_not_a_switch(harness: Harness) -> None:
    await harness.enroll(CLIENT)
    await harness.send(CLIENT, "/checkin")
    [again] = await harness.send(CLIENT, "/checkin")
    assert again.startswith("You're in the middle of a check-in already.")


async def test_a_button_that_starts_a_checkin_closes_the_safety_plan(harness: Harness) -> None:
    """The reminder's button: the plan is closed in a message of its own, the reminder is not edited."""
    await harness.enroll(CLIENT)
    await harness.send(CLIENT, "/safetyplan")
    await harness.press(CLIENT, SafetyPlanEdit(section=Section.PEOPLE).pack())
    edits = len(harness.req.methods("editMessageText"))
    stopped, *rest = await harness.press(CLIENT, StartCheckin("2027-01-11").pack(), message_id=77)
    assert stopped == texts.SAFETY_PLAN_CLOSED and rest and FIRST_CHECKIN_QUESTION in rest[0], rest
    assert len(harness.req.methods("editMessageText")) == edits  # the reminder's message is left as it was
    assert (await harness.send(CLIENT, "4"))[0].startswith("<i>2 of 6</i>")  # a check-in answer, not a plan part


async def test_the_open_one_is_closed_after_a_restart_too(harness: Harness) -> None:
    await harness.enroll(STAFF, Role.STAFF)
    await harness.send(STAFF, "/broadcast")
    await harness.press(STAFF, broadcast.PickAudience(audience="clients").pack())
    await harness.restart()  # the broadcast's step is kept in the database
    stopped, _menu = await harness.send(STAFF, "/meetings")
    assert stopped == texts.BROADCAST_DISCARDED
    assert await harness.send(STAFF, "Group is in Room 5 tonight.") != []  # not taken as a broadcast
    async with harness.db.session() as s:
        assert (await s.execute(select(Broadcast.id))).scalars().all() == []


async def test_a_spanish_reader_is_told_in_spanish(harness: Harness) -> None:
    await harness.enroll(CLIENT, language="es")
    await harness.send(CLIENT, "/checkin")
    stopped, _plan = await harness.send(CLIENT, "/safetyplan")
    with catalogue.speaking("es"):
        assert stopped == texts.CHECKIN_CANCELLED
    with catalogue.speaking("en"):
        assert stopped != texts.CHECKIN_CANCELLED  # not the English line


def test_every_conversation_has_its_own_cancel(harness: Harness) -> None:
    """So closing one always runs its own clean-up and words (the generic line is only a safeguard)."""
    from telegram.ext import ConversationHandler

    conversations = [h for h in harness.app.handlers[0] if isinstance(h, ConversationHandler)]
    assert len(conversations) >= 12
    assert [c.name for c in conversations if cancel_of(c) is None] == []


async def test_after_a_crisis_reply_nothing_is_closed_or_said(harness: Harness) -> None:
    """Crisis words in the command that starts another conversation: the crisis reply first, no "stopped"."""
    await harness.enroll(CLIENT)
    await harness.send(CLIENT, "/checkin")
    replies = await harness.send(CLIENT, "/ask i want to kill myself")
    assert replies[0].startswith(texts.CRISIS_REPLY.split("\n")[0]), replies
    assert texts.CHECKIN_CANCELLED not in replies


async def test_a_closed_conversation_stays_closed_across_a_restart(harness: Harness) -> None:
    """The closing is stored like any step: after a restart only the new conversation is open."""
    await harness.enroll(STAFF, Role.STAFF)
    await harness.send(STAFF, "/meetings")
    await harness.send(STAFF, "/broadcast")  # closes /meetings
    await harness.restart()
    assert await harness.send(STAFF, "/cancel") == [texts.BROADCAST_DISCARDED]
    assert await harness.send(STAFF, "/cancel") == [texts.NOTHING_TO_CANCEL]  # /meetings did not come back
