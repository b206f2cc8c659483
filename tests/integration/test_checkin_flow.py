"""The daily check-in through the real Application: taps, typing, summary, replies, days, streaks, milestones."""

from __future__ import annotations

import datetime as dt

import time_machine
from sqlalchemy import select, text

from bot.db.models import OutboxMessage, Role
from bot.delivery import outbox
from bot.domain.checkins.reminders import StartCheckin, checkin_reminder_key
from tests.support.checkin import GOOD_DAY, check_in, rows, tap

CLIENT, THERAPIST = 7301, 7302
# Noon in New York (the clinic's and a new client's zone) on a day after the machine's clock.
T0 = dt.datetime(2027, 1, 11, 17, 0, tzinfo=dt.UTC)
DAY0 = dt.date(2027, 1, 11)


async def test_six_taps_and_save(harness):
    """Six answers and one tap to save; the answers are stored as data and the reply is warm."""
    with time_machine.travel(T0, tick=False):
        person = await harness.enroll(CLIENT)
        replies = await check_in(harness, CLIENT)
    assert replies[0].startswith("<b>Check-in saved for Monday 11 January</b>")
    assert "Craving: 3 of 10" in replies[0] and "Thoughts of harming yourself: No" in replies[0]
    saved_summary = [m for m in harness.req.sent if m.method == "editMessageText"][-1]
    assert saved_summary.text == replies[0] and saved_summary.buttons == []  # nothing left to tap
    assert replies[1].startswith("Saved.\n\nThanks for checking in.")
    [row] = await rows(harness)
    assert (row.person_id, row.local_date, row.craving, row.mood, row.used, row.sleep) == (
        person.id,
        DAY0,
        3,
        4,
        "no",
        3,
    )
    assert row.note is None and row.safety_yes is False and row.note_flagged is False


async def test_typed_answers_work_and_the_note_is_encrypted(harness):
    await harness.enroll(CLIENT)
    await harness.send(CLIENT, "/checkin")
    for answer in ("7", "good", "no", "ok", "Went to my evening meeting", "no"):
        replies = await harness.send(CLIENT, answer)
    assert "Note: “Went to my evening meeting”" in replies[0] and "Craving: 7 of 10" in replies[0]
    await tap(harness, CLIENT, "✅ Save")
    [row] = await rows(harness)
    assert (row.craving, row.mood, row.sleep, row.note) == (7, 4, 2, "Went to my evening meeting")
    async with harness.db.engine.connect() as conn:
        raw = (await conn.execute(text("select note from checkin"))).scalar_one()
    assert "meeting" not in raw


async def test_change_one_answer_from_the_summary(harness):
    await harness.enroll(CLIENT)
    await check_in(harness, CLIENT, save=False)
    replies = await tap(harness, CLIENT, "✏️ Mood")
    assert "How is your mood today?" in replies[0]
    replies = await tap(harness, CLIENT, "😞")
    assert "Mood: 😞 Very low" in replies[0] and "Craving: 3 of 10" in replies[0]  # back at the summary
    await tap(harness, CLIENT, "✅ Save")
    assert (await rows(harness))[0].mood == 1


async def test_saving_cancels_todays_pending_reminder(harness):
    with time_machine.travel(T0, tick=False):
        person = await harness.enroll(CLIENT)
        async with harness.db.session() as s, s.begin():
            await outbox.enqueue(
                s,
                chat_id=CLIENT,
                person_id=person.id,
                kind="reminder",
                text="Time for your daily check-in",
                due_at=T0 + dt.timedelta(hours=7),
                dedupe_key=checkin_reminder_key(person.id, DAY0),
            )
        await check_in(harness, CLIENT)
    async with harness.db.session() as s:
        row = (await s.execute(select(OutboxMessage))).scalar_one()
    assert row.status == "cancelled"


async def test_hard_day_gets_a_coping_idea_and_the_care_team(harness):
    await harness.enroll(CLIENT)
    replies = await check_in(harness, CLIENT, ("9", "🙁", "No", "Poorly", "Skip", "No"))
    assert "Cravings rise and fall like a wave" in replies[1]
    assert "Your care team is there for you" in replies[1] and "/safetyplan" in replies[1]
    assert "Thanks for checking in" not in replies[1]


async def test_reported_use_is_stored_and_answered_kindly(harness):
    await harness.enroll(CLIENT)
    replies = await check_in(harness, CLIENT, ("4", "😐", "Yes", "Okay", "Skip", "No"))
    assert "A slip doesn't undo the work you've done" in replies[1]
    assert (await rows(harness))[0].used == "yes"


async def test_prefer_not_to_say_is_stored_as_undisclosed(harness):
    await harness.enroll(CLIENT)
    await check_in(harness, CLIENT, ("2", "🙂", "Prefer not to say", "Well", "Skip", "No"))
    assert (await rows(harness))[0].used == "undisclosed"


async def test_safety_yes_gets_the_crisis_lines_and_is_stored(harness):
    await harness.enroll(CLIENT)
    replies = await check_in(harness, CLIENT, ("2", "🙂", "No", "Well", "Skip", "Yes"))
    assert "988" in replies[1] and "a person can help you right now" in replies[1]
    assert (await rows(harness))[0].safety_yes is True


async def test_second_checkin_the_same_day_edits_it_and_says_so(harness):
    with time_machine.travel(T0, tick=False) as clock:
        await harness.enroll(CLIENT)
        await check_in(harness, CLIENT)
        clock.shift(dt.timedelta(hours=3))
        replies = await harness.send(CLIENT, "/checkin")
        assert replies[0].startswith("You've already checked in today. Answering again will update today's check-in.")
        for label in ("8", "🙁", "No", "Okay", "Skip", "No"):
            await tap(harness, CLIENT, label)
        replies = await tap(harness, CLIENT, "✅ Save")
    assert replies[1].startswith("I've updated today's check-in.")
    [row] = await rows(harness)
    assert row.craving == 8 and row.edited_at is not None


async def test_local_day_follows_the_clients_time_zone(harness):
    """At 02:00 UTC it is still the evening before in New York: the check-in belongs to that day."""
    with time_machine.travel(dt.datetime(2027, 1, 12, 2, 0, tzinfo=dt.UTC), tick=False):
        await harness.enroll(CLIENT)
        await check_in(harness, CLIENT)
    assert (await rows(harness))[0].local_date == DAY0


async def test_next_day_builds_a_streak_and_a_gap_resets_it(harness):
    with time_machine.travel(T0, tick=False) as clock:
        await harness.enroll(CLIENT)
        await check_in(harness, CLIENT)
        clock.shift(dt.timedelta(days=1))
        replies = await check_in(harness, CLIENT)
        assert "🔥 2 days in a row checked in." in replies[1]
        clock.shift(dt.timedelta(days=2))  # a day missed
        assert "No check-in streak right now" in (await harness.send(CLIENT, "/progress"))[0]
        replies = await check_in(harness, CLIENT)
        assert "🔥 1 day checked in." in replies[1]
    assert [r.local_date for r in await rows(harness)] == [
        DAY0,
        DAY0 + dt.timedelta(days=1),
        DAY0 + dt.timedelta(days=3),
    ]


async def test_seven_days_celebrated_once(harness):
    with time_machine.travel(T0, tick=False) as clock:
        await harness.enroll(CLIENT)
        for day in range(7):
            replies = await check_in(harness, CLIENT)
            if day < 6:
                assert "🎉" not in replies[1]
                clock.shift(dt.timedelta(days=1))
        assert "🎉 <b>7 days of check-ins in a row!</b>" in replies[1]
        progress = (await harness.send(CLIENT, "/progress"))[0]
        assert "🎉" not in progress and "Milestones reached: 7 days of check-ins" in progress
        replies = await check_in(harness, CLIENT)  # the same day again: an edit, no second party
        assert "🎉" not in replies[1]


async def test_days_since_use_after_reported_use(harness):
    with time_machine.travel(T0, tick=False) as clock:
        await harness.enroll(CLIENT)
        await check_in(harness, CLIENT, ("6", "😐", "Yes", "Okay", "Skip", "No"))
        clock.shift(dt.timedelta(days=3))
        replies = await check_in(harness, CLIENT)
        assert "🌿 3 days since last reported use." in replies[1]


async def test_reminder_button_starts_todays_checkin(harness):
    with time_machine.travel(T0, tick=False):
        await harness.enroll(CLIENT)
        replies = await harness.press(CLIENT, StartCheckin(DAY0.isoformat()).pack())
        assert replies[0].startswith("<i>1 of 6</i>")
        await harness.send(CLIENT, "/cancel")
        old = StartCheckin((DAY0 - dt.timedelta(days=2)).isoformat()).pack()
        replies = await harness.press(CLIENT, old)
        assert replies[0].startswith(
            "That reminder was for Saturday 9 January; this check-in is for today, Monday 11 January."
        )
        for label in GOOD_DAY:
            await tap(harness, CLIENT, label)
        await tap(harness, CLIENT, "✅ Save")
    assert (await rows(harness))[0].local_date == DAY0


async def test_only_clients_check_in(harness):
    await harness.enroll(THERAPIST, Role.THERAPIST, display_name="Dr. R")
    replies = await harness.send(THERAPIST, "/checkin")
    assert replies == ["Sorry, /checkin is only for clients. Send /help to see what you can use."]
    replies = await harness.send(4040, "/checkin")
    assert "only work for its clients and team" in replies[0]


async def test_progress_with_a_start_date_long_ago(harness):
    from bot.db.models import ClientProfile

    with time_machine.travel(T0, tick=False):
        person = await harness.enroll(CLIENT)
        async with harness.db.session() as s, s.begin():
            (await s.get(ClientProfile, person.id)).sobriety_date = DAY0 - dt.timedelta(days=40)
        replies = await harness.send(CLIENT, "/progress")
    assert "🎉 <b>30 days without reported use.</b>" in replies[0]
    assert "🌿 40 days since last reported use." in replies[0]
    assert "Milestones reached: 7 days without use, 30 days without use" in replies[0]


async def test_history_sends_a_summary_and_a_chart(harness):
    assert (await harness.enroll(CLIENT)) is not None
    assert (await harness.send(CLIENT, "/history")) == [
        "No check-ins in the last 30 days yet. Send /checkin to make your first one."
    ]
    with time_machine.travel(T0, tick=False) as clock:
        for answers in (("9", "🙁", "Yes", "Poorly", "Skip", "No"), GOOD_DAY):
            await check_in(harness, CLIENT, answers)
            clock.shift(dt.timedelta(days=1))
        replies = await harness.send(CLIENT, "/history")
    assert replies[0].startswith("<b>Your last 7 days</b>\nChecked in on 2 of 7 days.\nAverage craving: 6.0")
    assert "Days with high craving (8+): 1 · days with reported use: 1" in replies[0]
    assert "<b>Your last 30 days</b>" in replies[0]
    photo = harness.req.methods("sendPhoto")
    assert len(photo) == 1 and replies[1].startswith("Craving and mood, last 30 days")
