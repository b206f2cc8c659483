"""The check-in never dead-ends: bad input at every step, old buttons, /cancel, idle expiry, restarts, crisis."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from tests.support import tg
from tests.support.checkin import GOOD_DAY, buttons, check_in, rows, tap

CLIENT = 7401
T0 = dt.datetime(2027, 1, 11, 17, 0, tzinfo=dt.UTC)
QUESTION = {
    "craving": "<i>1 of 6</i>",
    "mood": "<i>2 of 6</i>",
    "use": "<i>3 of 6</i>",
    "sleep": "<i>4 of 6</i>",
    "note": "<i>5 of 6</i>",
    "safety": "<i>6 of 6</i>",
}
TYPED = ("5", "okay", "no", "ok", "skip", "no")  # valid typed answers, step by step


async def _at_step(harness, index: int) -> None:
    """Start a check-in and answer the steps before `index` by typing."""
    await harness.send(CLIENT, "/checkin")
    for answer in TYPED[:index]:
        await harness.send(CLIENT, answer)


@pytest.mark.parametrize(
    "index,bad,why",
    [
        (0, "11", "That's outside the scale: please use a whole number from 0 to 10."),
        (0, "-1", "That's outside the scale: please use a whole number from 0 to 10."),
        (0, "seven and a half", "Please use a whole number from 0 to 10, no halves."),
        (0, "7.5", "Please use a whole number from 0 to 10, no halves."),
        (0, "quite a lot", "I didn't catch that. Please tap a button, or type a number from 0 to 10."),
        (1, "6", "That's outside the scale: please use a whole number from 1 to 5."),
        (1, "purple", "I didn't catch that. Please tap a button, or type a number from 1 to 5"),
        (2, "maybe", "I didn't catch that. Please tap a button, or type yes, no, or “prefer not to say”."),
        (3, "4", "That's outside the scale: please use a whole number from 1 to 3."),
        (3, "eight hours", "I didn't catch that. Please tap a button, or type poorly, okay or well."),
        (4, "x" * 1200, "That note is a bit long for a check-in: please keep it under 1,000 characters"),
        (5, "what do you mean", "I didn't catch that. Please tap a button, or type yes or no."),
    ],
)
async def test_bad_typed_answer_is_refused_with_a_reason_and_asked_again(harness, index, bad, why):
    await harness.enroll(CLIENT)
    await _at_step(harness, index)
    replies = await harness.send(CLIENT, bad)
    step = list(QUESTION)[index]
    assert len(replies) == 1 and replies[0].startswith(why)
    assert QUESTION[step] in replies[0] and buttons(harness, CLIENT)  # asked again, with its buttons
    await harness.send(CLIENT, TYPED[index])  # and the conversation goes on
    for answer in TYPED[index + 1 :]:
        await harness.send(CLIENT, answer)
    await tap(harness, CLIENT, "✅ Save")
    assert len(await rows(harness)) == 1


@pytest.mark.parametrize("kind", ["sticker", "photo", "voice"])
@pytest.mark.parametrize("index", [0, 4])
async def test_media_is_answered_with_a_reask(harness, kind, index):
    await harness.enroll(CLIENT)
    await _at_step(harness, index)
    replies = await harness.push(CLIENT, getattr(tg, kind)(harness.bot, CLIENT))
    if kind == "voice":  # the bot can't hear it and it may be a cry for help: the crisis lines; the step stays open
        assert replies == [r for r in replies if r.startswith("I can't listen to voice notes here")] != []
        return
    assert replies[0].startswith("I can only read a button press or a typed answer here.")
    assert QUESTION[list(QUESTION)[index]] in replies[0]


async def test_edited_message_is_not_read_as_an_answer(harness):
    await harness.enroll(CLIENT)
    await _at_step(harness, 1)
    replies = await harness.push(CLIENT, tg.edited(harness.bot, CLIENT, "5"))
    assert replies == ["I only read new messages, not edits. If you changed something important, please send it again."]
    assert (await harness.send(CLIENT, "okay"))[0].startswith(QUESTION["use"])  # still at the mood step


async def test_text_at_the_summary_points_to_save(harness):
    await harness.enroll(CLIENT)
    await _at_step(harness, 6)
    replies = await harness.send(CLIENT, "done?")
    assert replies[0].startswith("Your answers are below: tap <b>Save</b>")
    assert "✅ Save" in buttons(harness, CLIENT)


async def test_checkin_while_in_one_says_so_and_asks_again(harness):
    await harness.enroll(CLIENT)
    await _at_step(harness, 2)
    replies = await harness.send(CLIENT, "/checkin")
    assert replies[0].startswith("You're in the middle of a check-in already. Here's where we were:")
    assert QUESTION["use"] in replies[0]
    await harness.send(CLIENT, "no")  # the answers so far are kept
    for answer in TYPED[3:]:
        await harness.send(CLIENT, answer)
    await tap(harness, CLIENT, "✅ Save")
    assert (await rows(harness))[0].craving == 5


async def test_cancel_saves_nothing_and_its_buttons_then_say_it_ended(harness):
    await harness.enroll(CLIENT)
    await _at_step(harness, 3)
    old = buttons(harness, CLIENT)["Well"]
    assert await harness.send(CLIENT, "/cancel") == [
        "Okay, I've stopped this check-in and saved nothing. Send /checkin whenever you like."
    ]
    assert await rows(harness) == []
    assert await harness.press(CLIENT, old) == ["This check-in has ended. Send /checkin to start again."]
    assert await harness.send(CLIENT, "/cancel") == ["There's nothing to cancel. Send /help to see what I can do."]


async def test_old_button_from_yesterdays_checkin(harness):
    with time_machine.travel(T0, tick=False) as clock:
        await harness.enroll(CLIENT)
        await harness.send(CLIENT, "/checkin")
        yesterdays_craving = buttons(harness, CLIENT)["4"]
        for label in GOOD_DAY:
            await tap(harness, CLIENT, label)
        yesterdays_save = buttons(harness, CLIENT)["✅ Save"]
        await tap(harness, CLIENT, "✅ Save")
        clock.shift(dt.timedelta(days=1))
        # Outside a check-in: it has ended.
        assert await harness.press(CLIENT, yesterdays_save) == [
            "This check-in has ended. Send /checkin to start again."
        ]
        # Inside today's: it is from an earlier check-in, and today's question comes again.
        await harness.send(CLIENT, "/checkin")
        replies = await harness.press(CLIENT, yesterdays_craving)
        assert replies[0].startswith("That button is from an earlier check-in. Here's where we are now:")
        assert QUESTION["craving"] in replies[0]
        replies = await harness.press(CLIENT, yesterdays_save)
        assert replies[0].startswith("That button is from an earlier check-in.")
        await harness.send(CLIENT, "2")
    assert [r.craving for r in await rows(harness)] == [3]


async def test_a_button_of_an_earlier_step_asks_the_current_one(harness):
    await harness.enroll(CLIENT)
    await harness.send(CLIENT, "/checkin")
    craving_seven = buttons(harness, CLIENT)["7"]
    await tap(harness, CLIENT, "7")
    replies = await harness.press(CLIENT, craving_seven)  # pressed again, on a message now showing mood
    assert replies[0].startswith("Let's stay with this question:") and QUESTION["mood"] in replies[0]


async def test_idle_checkin_expires_with_a_kind_note(harness):
    with time_machine.travel(T0, tick=False) as clock:
        await harness.enroll(CLIENT)
        await harness.send(CLIENT, "/checkin")
        await tap(harness, CLIENT, "6")
        mood = buttons(harness, CLIENT)["🙂"]
        clock.shift(dt.timedelta(minutes=29))
        await harness.press(CLIENT, mood)  # 29 minutes is still fine, and resets the clock
        clock.shift(dt.timedelta(minutes=31))
        replies = await harness.send(CLIENT, "no")
        assert replies == [
            "This check-in sat open for a while, so I closed it without saving anything. "
            "No problem at all: send /checkin whenever you're ready."
        ]
        assert await harness.press(CLIENT, mood) == ["This check-in has ended. Send /checkin to start again."]
        replies = await harness.send(CLIENT, "/checkin")  # a fresh start, not "already in one"
        assert replies[0].startswith(QUESTION["craving"])
    assert await rows(harness) == []


async def test_idle_expiry_holds_after_a_restart(harness):
    with time_machine.travel(T0, tick=False) as clock:
        await harness.enroll(CLIENT)
        await _at_step(harness, 2)
        await harness.restart()
        clock.shift(dt.timedelta(minutes=45))
        replies = await harness.send(CLIENT, "no")
        assert replies[0].startswith("This check-in sat open for a while")
        replies = await harness.send(CLIENT, "/checkin")
        assert replies[0].startswith(QUESTION["craving"])


async def test_restart_in_the_middle_continues_where_it_was(harness):
    await harness.enroll(CLIENT)
    await harness.send(CLIENT, "/checkin")
    for label in ("8", "🙁", "No"):
        await tap(harness, CLIENT, label)
    sleep_well = buttons(harness, CLIENT)["Well"]
    await harness.restart()
    replies = await harness.press(CLIENT, sleep_well)
    assert replies[0].startswith(QUESTION["note"])
    await tap(harness, CLIENT, "Skip")
    await tap(harness, CLIENT, "No")
    await tap(harness, CLIENT, "✅ Save")
    [row] = await rows(harness)
    assert (row.craving, row.mood, row.sleep) == (8, 2, 3)


async def test_crisis_note_gets_the_crisis_reply_and_the_checkin_goes_on(harness):
    await harness.enroll(CLIENT)
    await _at_step(harness, 4)
    replies = await harness.send(CLIENT, "honestly I want to end it all")
    safety_yes_button = buttons(harness, CLIENT)["Yes"]
    assert len(replies) == 2
    assert "988" in replies[0] and "a person can help you right now" in replies[0]
    assert replies[1].startswith(QUESTION["safety"])
    # A typed answer that fits the open step is the step's, crisis exchange or not; a Yes acts at once.
    typed = await harness.send(CLIENT, "yes")
    assert typed[0].startswith("Thank you for telling me") and typed[-1].startswith("<b>")  # then the summary
    assert safety_yes_button  # the step's own buttons were there too
    await tap(harness, CLIENT, "✅ Save")
    [row] = await rows(harness)
    assert row.note == "honestly I want to end it all" and row.note_flagged is True and row.safety_yes is True


async def test_crisis_words_where_a_number_is_expected_get_a_gentle_way_back(harness):
    await harness.enroll(CLIENT)
    await _at_step(harness, 0)
    replies = await harness.send(CLIENT, "i want to kms")
    assert "988" in replies[0]
    assert replies[1].startswith("Whenever you're ready, we can carry on with your check-in")
    assert "didn't catch" not in replies[1] and QUESTION["craving"] in replies[1]


async def test_stop_in_the_middle_means_save_stores_nothing(harness):
    await harness.enroll(CLIENT)
    await check_in(harness, CLIENT, save=False)
    save = buttons(harness, CLIENT)["✅ Save"]
    await harness.send(CLIENT, "/stop")
    replies = await harness.press(CLIENT, save)
    [paused] = replies
    assert paused.startswith("You've paused your program assistant, so nobody") and "/start" in paused
    assert await rows(harness) == []


async def test_other_commands_work_during_a_checkin(harness):
    await harness.enroll(CLIENT)
    await _at_step(harness, 1)
    assert (await harness.send(CLIENT, "/help"))[0].startswith("Here's what I can do for you:")
    replies = await harness.send(CLIENT, "4")
    assert replies[0].startswith(QUESTION["use"])


async def test_reminder_button_during_a_checkin_says_so_and_asks_again(harness):
    from bot.domain.checkins.reminders import StartCheckin

    await harness.enroll(CLIENT)
    await _at_step(harness, 3)
    replies = await harness.press(CLIENT, StartCheckin("2027-01-11").pack())
    assert replies[0].startswith("You're in the middle of a check-in already.") and QUESTION["sleep"] in replies[0]
