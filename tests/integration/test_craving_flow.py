"""The "I'm craving" flow through the real Application: rate, pick a tool, its steps, rate again, stored."""

from __future__ import annotations

import datetime as dt

import time_machine
from sqlalchemy import select

from bot import texts
from bot.db.coping_models import CopingUse
from bot.db.models import Alert, FlagRecord, OutboxMessage, Role
from bot.domain.people import roles
from bot.texts import catalogue
from conversations.coping.steps import CravingNext, CravingRate, Stage
from tests.support.checkin import buttons, tap

CLIENT, THERAPIST = 7701, 7702
T0 = dt.datetime(2027, 1, 11, 17, 0, tzinfo=dt.UTC)


async def _uses(harness) -> list[CopingUse]:  # type: ignore[no-untyped-def]
    async with harness.db.session() as s:
        return list((await s.execute(select(CopingUse).order_by(CopingUse.id))).scalars())


async def _ride(harness, tool: str, before: str = "7", after: str = "3") -> list[str]:  # type: ignore[no-untyped-def]
    """/craving, a rating, a tool by its label, every step by Next, I'm done, then the second rating."""
    await harness.send(CLIENT, "/craving")
    await tap(harness, CLIENT, before)
    await tap(harness, CLIENT, tool)
    while "Next ▶" in buttons(harness, CLIENT):
        await tap(harness, CLIENT, "Next ▶")
    await tap(harness, CLIENT, "I'm done")
    return await tap(harness, CLIENT, after)


def test_craving_is_in_the_clients_menu_only() -> None:
    assert "craving" in dict(roles.menu(Role.CLIENT))
    assert "craving" not in dict(roles.menu(Role.THERAPIST))


async def test_a_tool_step_by_step_and_the_ratings_are_stored(harness):
    """A tool without a pace runs a step at a time on Next; before and after, the tool and who picked it are stored."""
    with time_machine.travel(T0, tick=False):
        person = await harness.enroll(CLIENT)
        replies = await harness.send(CLIENT, "/craving")
        assert "how strong is the craving" in replies[0]
        await tap(harness, CLIENT, "7")
        assert "Craving at <b>7 of 10</b>" in harness.last(CLIENT).text
        await tap(harness, CLIENT, "📞 Call someone")
        assert "1 of 3" in harness.last(CLIENT).text
        await tap(harness, CLIENT, "Next ▶")
        assert "2 of 3" in harness.last(CLIENT).text
        await tap(harness, CLIENT, "Next ▶")
        assert "Next ▶" not in buttons(harness, CLIENT)  # the last step: only "I'm done"
        await tap(harness, CLIENT, "I'm done")
        assert "How strong is the craving <b>now</b>" in harness.last(CLIENT).text
        replies = await tap(harness, CLIENT, "3")
    assert replies == [texts.COPING_RESULT_DOWN.format(before=7, after=3) + "\n\n" + texts.COPING_CHECK_BACK_SOON]
    [use] = await _uses(harness)
    assert (use.person_id, use.tool, use.picked_by, use.before, use.after) == (person.id, "call", "client", 7, 3)
    assert use.started_at == T0


async def test_craving_talk_starts_the_flow(harness):
    await harness.enroll(CLIENT)
    for said in ("craving bad rn", "i feel like using", "cravings are intense today"):
        replies = await harness.send(CLIENT, said)
        assert any("how strong is the craving" in r for r in replies), (said, replies)
        await harness.send(CLIENT, "/cancel")


async def test_a_question_about_cravings_still_gets_the_faq(harness):
    await harness.enroll(CLIENT)
    replies = await harness.send(CLIENT, "How does IOP help with cravings?")
    assert not any("how strong is the craving" in r for r in replies)
    assert any("How does IOP help with cravings?" in r for r in replies), replies


async def test_intent_to_use_keeps_the_crisis_reply_and_offers_the_flow(harness):
    """Intent to use: the crisis screen answers first (its flag stays); the flow is offered beside it."""
    await harness.enroll(CLIENT)
    replies = await harness.send(CLIENT, "tengo ganas de consumir")  # written in Spanish: answered in Spanish
    with catalogue.speaking("es"):
        offer = texts.COPING_OFFER
    assert len(replies) >= 2 and replies[-1] == offer and "988" in replies[0]
    replies = await harness.send(CLIENT, "i really want to drink")
    assert replies[-1].startswith("If it would help right now")
    assert "🌊 I'm craving: help me ride it out" in buttons(harness, CLIENT)
    async with harness.db.session() as s:
        assert (await s.execute(select(FlagRecord))).scalars().first() is not None  # the screen's flag
    replies = await tap(harness, CLIENT, "🌊 I'm craving: help me ride it out")
    assert "how strong is the craving" in replies[-1]


async def test_words_stickers_and_old_buttons_at_the_rating_get_a_clear_reply(harness):
    await harness.enroll(CLIENT)
    await harness.send(CLIENT, "/craving")
    first = dict(buttons(harness, CLIENT))
    replies = await harness.send(CLIENT, "pretty bad")
    assert replies[0].startswith("I need a number from 0 to 10")
    replies = await harness.send(CLIENT, "11")
    assert replies[0].startswith("I need a number from 0 to 10")
    replies = await harness.send(CLIENT, "8/10")  # typed works too
    assert "Craving at <b>8 of 10</b>" in replies[0]
    replies = await harness.press(CLIENT, first["5"])  # the same rating button, pressed twice
    assert replies[0].startswith("That button doesn't fit this step")
    await harness.send(CLIENT, "/craving")  # a new run: the earlier run's buttons are old
    replies = await harness.press(CLIENT, first["5"])
    assert replies[0].startswith("That button is from an earlier exercise")
    replies = await harness.press(CLIENT, CravingNext(run="zzzzzz", step=1).pack())
    assert replies[0].startswith("That button is from an earlier exercise")


async def test_sticker_and_words_during_a_tool_show_the_step_again(harness):
    from tests.support import tg

    await harness.enroll(CLIENT)
    await harness.send(CLIENT, "/craving")
    await tap(harness, CLIENT, "6")
    await tap(harness, CLIENT, "💛 My reasons")
    replies = await harness.send(CLIENT, "ok i see")
    assert replies[0].startswith("Take your time") and "1 of 3" in replies[0]
    replies = await harness.push(CLIENT, tg.sticker(harness.bot, CLIENT))
    assert replies[0].startswith("I can't read that here") and "1 of 3" in replies[0]


async def test_a_button_after_the_flow_ended_or_a_restart_says_so(harness):
    await harness.enroll(CLIENT)
    await _ride(harness, "📼 Play the tape forward")
    async with harness.db.session() as s:
        run = (await s.execute(select(CopingUse))).scalar_one()
    assert run.tool == "tape"
    replies = await harness.press(CLIENT, CravingRate(run="abcdef", stage=Stage.AFTER, value=2).pack())
    assert replies == ["That exercise has ended. Send /craving to start a new one."]
    await harness.send(CLIENT, "/craving")
    await tap(harness, CLIENT, "5")
    wave = buttons(harness, CLIENT)["🌊 Ride the wave"]
    await harness.restart()  # the step survives a restart
    replies = await harness.press(CLIENT, wave)
    assert "1 of 6" in replies[0]


async def test_you_choose_picks_what_helped_before(harness):
    await harness.enroll(CLIENT)
    await _ride(harness, "🖐 5-4-3-2-1", before="8", after="2")
    await _ride(harness, "🫁 Box breathing", before="6", after="6")
    await harness.send(CLIENT, "/craving")
    await tap(harness, CLIENT, "7")
    replies = await tap(harness, CLIENT, "🎲 You choose for me")
    assert replies[0].startswith("Let's try <b>🖐 5-4-3-2-1</b>: it helped you most before.")
    await tap(harness, CLIENT, "I'm done")
    await tap(harness, CLIENT, "4")
    assert [(u.tool, u.picked_by) for u in await _uses(harness)][-1] == ("grounding", "bot")


async def test_call_someone_shows_the_people_on_their_safety_plan(harness):
    from bot.domain.safety import plan

    person = await harness.enroll(CLIENT)
    await harness.send(CLIENT, "/craving")
    await tap(harness, CLIENT, "6")
    await tap(harness, CLIENT, "📞 Call someone")
    replies = await tap(harness, CLIENT, "Next ▶")
    assert "no people on it yet" in replies[0]
    async with harness.db.session() as s, s.begin():
        await plan.set_section(s, person.id, plan.Section.PEOPLE, "Sam (sponsor) 555-0101")
    await harness.send(CLIENT, "/craving")
    await tap(harness, CLIENT, "6")
    await tap(harness, CLIENT, "📞 Call someone")
    replies = await tap(harness, CLIENT, "Next ▶")
    assert "Sam (sponsor) 555-0101" in replies[0]


async def test_still_high_after_the_tool_gives_the_lines_and_a_medium_flag_for_the_digest(harness):
    therapist = await harness.enroll(THERAPIST, Role.THERAPIST)
    await harness.enroll(CLIENT, therapist_id=therapist.id, person_code="C-7701")
    replies = await _ride(harness, "🌊 Ride the wave", before="9", after="9")
    assert replies[0].startswith("Saved: 9 before, 9 now.")
    assert "988" in replies[1] and "daily summary" in replies[1]
    async with harness.db.session() as s:
        [alert] = (await s.execute(select(Alert))).scalars().all()
        [flag] = (await s.execute(select(FlagRecord))).scalars().all()
    assert (alert.severity, flag.rule, flag.source) == ("medium", "craving_after_tool", "coping")
    assert flag.explanation == "craving 9 of 10 after urge_surfing (was 9)"
    async with harness.db.session() as s:  # nothing pushed now: the daily digest carries it
        pushes = (await s.execute(select(OutboxMessage).where(OutboxMessage.chat_id == THERAPIST))).scalars().all()
    assert [p for p in pushes if p.kind == "alert"] == []
    [view] = await harness.send(THERAPIST, "/client C-7701")
    assert "<b>Cravings met with a tool</b>" in view and "🌊 Ride the wave: 1× · 9.0 → 9.0" in view, view


async def test_cancel_saves_nothing(harness):
    await harness.enroll(CLIENT)
    await harness.send(CLIENT, "/craving")
    await tap(harness, CLIENT, "6")
    replies = await harness.send(CLIENT, "/cancel")
    assert replies == ["Okay, we've stopped; nothing was saved. Send /craving whenever you want to try again."]
    assert await _uses(harness) == []


async def test_stop_ends_the_exercise(harness):
    await harness.enroll(CLIENT)
    await harness.send(CLIENT, "/craving")
    await tap(harness, CLIENT, "6")
    wave = buttons(harness, CLIENT)["🌊 Ride the wave"]
    await harness.send(CLIENT, "/stop")
    replies = await harness.press(CLIENT, wave)
    assert replies and replies[0].startswith("You've paused")
    assert await _uses(harness) == []


async def test_my_reasons_shows_the_reasons_on_their_plan(harness):
    from bot.domain.safety import plan

    person = await harness.enroll(CLIENT)
    async with harness.db.session() as s, s.begin():
        await plan.set_section(s, person.id, plan.Section.REASONS, "My daughter <3")
    await harness.send(CLIENT, "/craving")
    await tap(harness, CLIENT, "6")
    await tap(harness, CLIENT, "💛 My reasons")
    replies = await tap(harness, CLIENT, "Next ▶")
    assert "My daughter &lt;3" in replies[0]  # their words, escaped


async def test_tools_lists_them_and_starts_the_flow(harness):
    await harness.enroll(CLIENT)
    [listed] = await harness.send(CLIENT, "/tools")
    assert "🛑 HALT check (about 4 min; the steps come on their own)" in listed
    assert "📞 Call someone (3 short steps)" in listed
    replies = await tap(harness, CLIENT, "🌊 I'm craving: help me ride it out")
    assert "how strong is the craving" in replies[-1]


async def test_a_craving_still_high_gets_a_check_back_after_15_minutes_across_a_restart(harness):
    with time_machine.travel(T0, tick=False) as clock:
        await harness.enroll(CLIENT)
        await _ride(harness, "🫁 Box breathing", before="9", after="8")
        async with harness.db.session() as s:
            [row] = (
                (await s.execute(select(OutboxMessage).where(OutboxMessage.dedupe_key.like("craving-check:%"))))
                .scalars()
                .all()
            )
        assert row.due_at == T0 + dt.timedelta(minutes=15)
        await harness.restart()
        await harness.delivery.run_once()
        assert not any(t.startswith("Checking in on you") for t in harness.req.texts(CLIENT))  # not yet
        clock.shift(dt.timedelta(minutes=16))
        await harness.delivery.run_once()
    assert harness.req.texts(CLIENT)[-1].startswith("Checking in on you 🌱")
    replies = await tap(harness, CLIENT, "🌊 I'm craving: help me ride it out")
    assert "how strong is the craving" in replies[-1]


async def test_craving_talk_from_the_team_or_a_guest_is_read_as_any_text(harness):
    await harness.enroll(THERAPIST, Role.THERAPIST)
    replies = await harness.send(THERAPIST, "craving bad rn")
    assert replies and not any("how strong is the craving" in r for r in replies)
    replies = await harness.send(9999, "craving bad rn")  # not enrolled: the guest message
    assert replies and "code" in replies[0] and "how strong" not in replies[0]
