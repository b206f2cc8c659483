"""The crisis exchange, through the real Application: the safety answer counts however it is given,
open steps keep working, only free text goes to the team, and one episode is one alert."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from bot import texts
from bot.core.clock import now
from bot.db.models import Alert, AuditEntry, FlagRecord, OutboxMessage, Person, Role
from bot.domain.care.buttons import AlertAck, AlertReply, AlertView, OnCallTake
from bot.domain.safety.buttons import CrisisAnswer, SafetyPlanEdit
from bot.domain.safety.plan import Section
from conversations.common import fmt
from conversations.settings import Choice, SettingsButton
from tests.support import tg
from tests.support.checkin import check_in, tap
from tests.support.harness import Harness

CLIENT, THERAPIST = 171, 571


async def _setup(harness: Harness) -> None:
    therapist = await harness.enroll(THERAPIST, Role.THERAPIST)
    await harness.enroll(CLIENT, therapist_id=therapist.id)


async def _alerts(harness: Harness) -> list[tuple[str, list[str]]]:
    async with harness.db.session() as s:
        out = []
        for a in (await s.execute(select(Alert).order_by(Alert.id))).scalars():
            rules = (await s.execute(select(FlagRecord.rule).where(FlagRecord.alert_id == a.id))).scalars()
            out.append((a.severity, sorted(rules)))
        return out


async def _kinds_to(harness: Harness, chat_id: int) -> list[str]:
    async with harness.db.session() as s:
        rows = (await s.execute(select(OutboxMessage).where(OutboxMessage.chat_id == chat_id))).scalars()
        return [r.kind for r in rows]


def _lines(harness: Harness) -> str:
    return harness.settings.crisis_lines


# --- 1. the safety answer counts however it is given -------------------------------------------


@pytest.mark.parametrize("typed", ["yes", "si", "sí", "yeah", "y", "kind of", "Yes."])
async def test_a_typed_yes_to_the_safety_question_is_a_crisis_at_once(harness: Harness, typed: str) -> None:
    await _setup(harness)
    await harness.send(CLIENT, "im not okay")
    question = harness.last(CLIENT).message_id
    replies = await harness.send(CLIENT, typed)
    assert replies[0].startswith(fmt(texts.CRISIS_AFTER_YES, crisis_lines=_lines(harness)))
    assert texts.CRISIS_TELLING_TEAM in replies[0]
    assert await _alerts(harness) == [("crisis", ["asked_said_yes", "msg_suicide"])]  # one episode, now a crisis
    assert "alert" in await _kinds_to(harness, THERAPIST)  # pushed now, not read in tomorrow's digest
    edits = harness.req.methods("editMessageReplyMarkup")
    assert any(int(e["message_id"]) == question and "reply_markup" not in e for e in edits)  # buttons gone


@pytest.mark.parametrize("typed", ["no", "I'm safe", "No, I'm safe"])
async def test_a_typed_no_counts_as_the_no_button(harness: Harness, typed: str) -> None:
    await _setup(harness)
    await harness.send(CLIENT, "im not okay")
    assert await harness.send(CLIENT, typed) == [fmt(texts.CRISIS_AFTER_NO, crisis_lines=_lines(harness))]
    assert await _alerts(harness) == [("medium", ["msg_suicide"])]


async def test_anything_else_goes_to_the_team_and_the_question_stays_open(harness: Harness) -> None:
    await _setup(harness)
    await harness.send(CLIENT, "im not okay")
    other = await harness.send(CLIENT, "everything is a mess at home")
    assert other[0] == fmt(texts.CRISIS_FOLLOW_UP_KEPT, crisis_lines=_lines(harness))  # a medium alert: the review
    assert await _alerts(harness) == [("medium", ["follow_up", "msg_suicide"])]
    await harness.send(CLIENT, "yeah")  # still the answer to the open question
    assert await _alerts(harness) == [("crisis", ["asked_said_yes", "follow_up", "msg_suicide"])]


async def test_the_yes_button_removes_the_buttons_and_joins_the_episode(harness: Harness) -> None:
    await _setup(harness)
    await harness.send(CLIENT, "im not okay")
    question = harness.last(CLIENT).message_id
    await harness.press(CLIENT, CrisisAnswer(yes=True).pack(), message_id=question)
    assert question in [int(e["message_id"]) for e in harness.req.methods("editMessageReplyMarkup")]
    assert await _alerts(harness) == [("crisis", ["asked_said_yes", "msg_suicide"])]


async def _view_of_only_alert(harness: Harness) -> str:
    async with harness.db.session() as s:
        [alert_id] = (await s.execute(select(Alert.id))).scalars().all()
    return "\n".join(await harness.press(THERAPIST, AlertView(alert_id=alert_id).pack()))


async def test_the_alert_view_shows_the_message_that_prompted_the_question(harness: Harness) -> None:
    """A Yes after a worrying message: View quotes that message and says the Yes came after it."""
    await _setup(harness)
    await harness.send(CLIENT, "im not okay tonight")
    await harness.send(CLIENT, "yes")
    shown = await _view_of_only_alert(harness)
    assert "im not okay tonight" in shown
    assert "said YES when asked, after a message of theirs" in shown


# --- 2. step 6 of the check-in ------------------------------------------------------------------

BEFORE_SAFETY = ("3", "🙂", "No", "Well", "Skip")


async def test_a_yes_at_the_safety_step_acts_before_save_and_survives_cancel(harness: Harness) -> None:
    await _setup(harness)
    await check_in(harness, CLIENT, BEFORE_SAFETY, save=False)
    replies = await tap(harness, CLIENT, "Yes")
    assert replies[0].startswith(fmt(texts.CRISIS_AFTER_YES, crisis_lines=_lines(harness)))
    assert await _alerts(harness) == [("crisis", ["asked_said_yes"])]  # before any Save
    cancelled = await harness.send(CLIENT, "/cancel")
    assert "saved nothing" not in cancelled[0] and "telling your care team" in cancelled[0]
    assert await _alerts(harness) == [("crisis", ["asked_said_yes"])]


async def test_the_alert_view_says_a_checkin_prompted_the_question(harness: Harness) -> None:
    """A Yes at the check-in's safety step: View says the check-in asked, not only "said YES"."""
    await _setup(harness)
    await check_in(harness, CLIENT, BEFORE_SAFETY, save=False)
    await tap(harness, CLIENT, "Yes")
    assert "said YES when asked, at the safety question of the daily check-in" in await _view_of_only_alert(harness)


async def test_a_typed_yes_at_the_safety_step_then_save_is_one_alert(harness: Harness) -> None:
    await _setup(harness)
    await check_in(harness, CLIENT, BEFORE_SAFETY, save=False)
    await harness.send(CLIENT, "yes")
    assert await _alerts(harness) == [("crisis", ["asked_said_yes"])]
    await tap(harness, CLIENT, "✅ Save")
    assert await _alerts(harness) == [("crisis", ["asked_said_yes", "safety_yes"])]


@pytest.mark.parametrize("said", ["si", "kind of", "kinda", "a little", "maybe"])
async def test_the_safety_step_reads_typed_answers_as_the_crisis_question_does(harness: Harness, said: str) -> None:
    await _setup(harness)
    await check_in(harness, CLIENT, BEFORE_SAFETY, save=False)
    replies = await harness.send(CLIENT, said)
    assert any("988" in r for r in replies), replies  # the lines at once, not "I didn't catch that"
    assert await _alerts(harness) == [("crisis", ["asked_said_yes"])]


@pytest.mark.parametrize("said", ["nah im good", "estoy bien"])
async def test_a_typed_no_at_the_safety_step_raises_nothing(harness: Harness, said: str) -> None:
    await _setup(harness)
    await check_in(harness, CLIENT, BEFORE_SAFETY, save=False)
    await harness.send(CLIENT, said)
    assert await _alerts(harness) == []


# --- 3. open steps keep working; only free text goes to the team --------------------------------


async def test_a_time_in_settings_is_taken_during_the_exchange(harness: Harness) -> None:
    await _setup(harness)
    await harness.send(CLIENT, "/settings")
    await harness.press(CLIENT, SettingsButton(Choice.TIME).pack())
    await harness.send(CLIENT, "i want to kill myself")
    assert (await harness.send(CLIENT, "8pm"))[0] == "Daily reminder set for 20:00."
    assert await _alerts(harness) == [("crisis", ["msg_suicide"])]


async def test_a_checkin_number_is_taken_and_other_words_go_to_the_team(harness: Harness) -> None:
    await _setup(harness)
    await harness.send(CLIENT, "i want to kill myself")
    await harness.send(CLIENT, "/checkin")
    assert "2 of 6" in (await harness.send(CLIENT, "4"))[0]  # the craving answer, taken
    went = await harness.send(CLIENT, "i just feel empty")
    assert went == [texts.CRISIS_FOLLOW_UP]
    assert await _alerts(harness) == [("crisis", ["follow_up", "msg_suicide"])]
    assert "alert-follow-up" in await _kinds_to(harness, THERAPIST)  # "C-… wrote again"


async def test_a_safety_plan_line_is_saved_during_the_exchange(harness: Harness) -> None:
    await _setup(harness)
    await harness.send(CLIENT, "i want to kill myself")
    await harness.send(CLIENT, "/safetyplan")
    await harness.press(CLIENT, SafetyPlanEdit(section=Section.PEOPLE).pack())
    saved = await harness.send(CLIENT, "my sister Ana 555 0101")
    assert saved[0] == texts.SAFETY_PLAN_SAVED
    assert await _alerts(harness) == [("crisis", ["msg_suicide"])]


async def test_an_ask_question_is_taken_during_the_exchange(harness: Harness) -> None:
    await _setup(harness)
    await harness.send(CLIENT, "i want to kill myself")
    await harness.send(CLIENT, "/ask")
    assert (await harness.send(CLIENT, "can we move my session to friday"))[0] == texts.QUESTION_SENT


async def test_an_faq_question_gets_its_answer_as_well(harness: Harness) -> None:
    await _setup(harness)
    await harness.send(CLIENT, "i want to kill myself")
    replies = await harness.send(CLIENT, "what time of day are the groups?")
    assert replies[0] == texts.CRISIS_FOLLOW_UP and len(replies) == 2


async def test_with_no_open_alert_the_reply_never_claims_a_hand_over(harness: Harness) -> None:
    await _setup(harness)
    await harness.send(CLIENT, "i want to kill myself")
    async with harness.db.session() as s, s.begin():  # acknowledged, and raised before this exchange
        for a in (await s.execute(select(Alert))).scalars():
            a.status, a.created_at = "acknowledged", a.created_at - dt.timedelta(hours=2)
    replies = await harness.send(CLIENT, "whatever, forget it")
    assert replies == [fmt(texts.CRISIS_FOLLOW_UP_NOT_KEPT, crisis_lines=_lines(harness))]
    assert texts.CRISIS_FOLLOW_UP not in replies


# --- 6. one alert per client episode ------------------------------------------------------------


async def test_a_burst_of_ten_flagged_messages_is_one_alert_and_one_receipt(harness: Harness) -> None:
    await _setup(harness)
    for n in range(10):
        await harness.send(CLIENT, f"i want to kill myself {n}")
    alerts = await _alerts(harness)
    assert len(alerts) == 1 and alerts[0][0] == "crisis" and len(alerts[0][1]) == 10
    pushes = [k for k in await _kinds_to(harness, THERAPIST) if k.startswith("alert")]
    assert len(pushes) <= 2  # the alert, and at most one "wrote again"
    await harness.delivery.run_once()
    await harness.delivery.run_once()
    assert harness.req.texts(CLIENT).count(texts.CLIENT_RECEIPT_TOLD) == 1
    async with harness.db.session() as s:
        alert_id = (await s.execute(select(Alert.id))).scalar_one()
    await harness.press(THERAPIST, AlertAck(alert_id=alert_id).pack())  # one Acknowledge covers the episode
    async with harness.db.session() as s:
        assert [a.status for a in (await s.execute(select(Alert))).scalars()] == ["acknowledged"]
    async with harness.db.session() as s:
        receipts = (await s.execute(select(OutboxMessage).where(OutboxMessage.kind == "receipt"))).scalars()
        assert sorted(json.loads(r.payload)["text"] for r in receipts) == sorted(
            [texts.CLIENT_RECEIPT_TOLD, texts.CLIENT_RECEIPT_ACKED]
        )


# --- 4. paused and deactivated clients -----------------------------------------------------------

ONCALL = 671


async def _paused_with_oncall(harness: Harness, how: str) -> None:
    await _setup(harness)
    await harness.enroll(ONCALL, Role.STAFF)
    await harness.send(ONCALL, "/oncall")
    await harness.press(ONCALL, OnCallTake(shift=0).pack())
    if how == "stop":
        await harness.send(CLIENT, "/stop")
    else:
        async with harness.db.session() as s, s.begin():
            person = (await s.execute(select(Person).where(Person.telegram_id == CLIENT))).scalar_one()
            person.active, person.deactivated_at = False, now()


@pytest.mark.parametrize("how", ["stop", "deactivated"])
async def test_a_paused_or_former_clients_crisis_reaches_oncall_and_says_so(harness: Harness, how: str) -> None:
    await _paused_with_oncall(harness, how)
    replies = await harness.send(CLIENT, "i want to kill myself")
    assert "988" in replies[0] and texts.CRISIS_TELLING_ONCALL in replies[0]
    async with harness.db.session() as s:
        alert = (await s.execute(select(Alert))).scalar_one()
    assert alert.severity == "crisis" and alert.therapist_id is None
    assert "alert" in await _kinds_to(harness, ONCALL) and "alert" not in await _kinds_to(harness, THERAPIST)


async def test_a_paused_clients_lesser_words_raise_nothing(harness: Harness) -> None:
    await _paused_with_oncall(harness, "stop")
    replies = await harness.send(CLIENT, "gonna use tonight")
    assert texts.CRISIS_TELLING_ONCALL not in replies[0] and texts.CRISIS_TELLING_TEAM not in replies[0]
    assert await _alerts(harness) == []


# --- 5. groups ------------------------------------------------------------------------------------


async def test_a_clients_crisis_in_a_group_is_answered_privately_and_alerted(harness: Harness) -> None:
    await _setup(harness)
    before = len(harness.req.sent)
    await harness.push(CLIENT, tg.text(harness.bot, CLIENT, "i want to kill myself", chat_type="group"))
    sent = harness.req.sent[before:]
    assert [m.chat_id for m in sent if m.chat_id != CLIENT] == []  # nothing said in the group
    assert "988" in next(m.text for m in sent if m.chat_id == CLIENT)
    assert await _alerts(harness) == [("crisis", ["msg_suicide"])]


async def test_anything_else_in_a_group_is_still_refused(harness: Harness) -> None:
    await _setup(harness)
    before = len(harness.req.sent)
    await harness.push(CLIENT, tg.text(harness.bot, CLIENT, "what time is group", chat_type="group"))
    await harness.push(4444, tg.text(harness.bot, 4444, "i want to kill myself", chat_type="group"))  # no client
    assert [m.text for m in harness.req.sent[before:]] == [texts.PRIVATE_ONLY, texts.PRIVATE_ONLY]
    assert await _alerts(harness) == []


# --- 7. situation replies fit the situation -------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "reply"),
    [
        ("im so high and scared", texts.CRISIS_INTOXICATED),
        ("i have a gun in the house", texts.CRISIS_WEAPON),
        ("i took too many pills", texts.CRISIS_OVERDOSE_SELF),
        ("my friend isnt breathing i think he overdosed", texts.CRISIS_OVERDOSE),
        ("my husband hit me again", texts.CRISIS_VIOLENCE_AT_HOME),
        ("gonna use tonight", texts.CRISIS_USE_INTENT),
    ],
)
async def test_each_situation_gets_the_reply_that_fits(harness: Harness, words: str, reply: str) -> None:
    await _setup(harness)
    s = harness.settings
    expected = fmt(reply, crisis_lines=s.crisis_lines, emergency=s.emergency_number, dv_hotline=s.dv_hotline)
    assert (await harness.send(CLIENT, words))[0].startswith(expected)


def test_the_violence_at_home_reply_is_discreet_on_a_lock_screen() -> None:
    for word in ("violence", "abuse", "domestic", "hit", "partner"):
        assert word not in texts.CRISIS_VIOLENCE_AT_HOME.lower()


async def test_a_crisis_in_a_checkin_note_repeats_the_lines_after_save(harness: Harness) -> None:
    await _setup(harness)
    saved = await check_in(harness, CLIENT, ("3", "🙂", "No", "Well", "honestly I want to end it all", "No"))
    assert any(texts.CHECKIN_NOTE_LINES.split("{")[0] in r and "988" in r for r in saved)


# --- 8. alerts a team can work --------------------------------------------------------------------


async def _push_buttons(harness: Harness, chat_id: int) -> list[str]:
    async with harness.db.session() as s:
        row = (
            await s.execute(
                select(OutboxMessage).where(OutboxMessage.chat_id == chat_id, OutboxMessage.kind == "alert")
            )
        ).scalar_one()
    return [d for line in json.loads(row.payload)["buttons"] for _, d in line]


async def test_reply_on_an_alert_reaches_the_client_at_once_and_stays_with_the_alert(harness: Harness) -> None:
    await _setup(harness)
    await harness.send(CLIENT, "i want to kill myself")
    reply_button = next(d for d in await _push_buttons(harness, THERAPIST) if AlertReply.matches(d))
    asked = await harness.press(THERAPIST, reply_button)
    assert "C-" in asked[0] and "/cancel" in asked[0]
    done = await harness.send(THERAPIST, "I'll call you in 10 minutes")
    assert done[0].startswith("Sent to")
    async with harness.db.session() as s:  # queued to the client, due now (the loop is woken after the commit)
        rows = (await s.execute(select(OutboxMessage).where(OutboxMessage.chat_id == CLIENT))).scalars().all()
    to_client = [r for r in rows if "call you in 10 minutes" in json.loads(r.payload)["text"]]
    assert len(to_client) == 1 and to_client[0].due_at <= now()
    assert await _alerts(harness) == [("crisis", ["msg_suicide", "team_reply"])]
    async with harness.db.session() as s:
        alert_id = (await s.execute(select(Alert.id))).scalar_one()
    shown = await harness.press(THERAPIST, AlertView(alert_id=alert_id).pack())
    assert "call you in 10 minutes" in shown[0]  # the exchange, on View


async def test_a_therapist_asking_the_screening_question_gets_a_note_and_the_client_gets_the_question(
    harness: Harness,
) -> None:
    """The standard question a clinician sends reads like a crisis: the therapist gets the lines in a note
    of their own (no client crisis reply, no question, nothing raised) and the Reply still reaches the client."""
    await _setup(harness)
    await harness.send(CLIENT, "i want to kill myself")
    reply_button = next(d for d in await _push_buttons(harness, THERAPIST) if AlertReply.matches(d))
    await harness.press(THERAPIST, reply_button)
    question = "Are you having thoughts of killing yourself right now? I will call you in 10 minutes"
    replies = await harness.send(THERAPIST, question)
    assert replies[0].startswith(texts.CRISIS_TEAM_NOTE.split("\n")[0]) and "988" in replies[0]
    assert not any(r.startswith(texts.CRISIS_REPLY.split("\n")[0]) for r in replies)
    assert replies[-1].startswith("Sent to")
    async with harness.db.session() as s:
        rows = (await s.execute(select(OutboxMessage).where(OutboxMessage.chat_id == CLIENT))).scalars().all()
    assert [r for r in rows if "thoughts of killing yourself" in json.loads(r.payload)["text"]]
    assert await _alerts(harness) == [("crisis", ["msg_suicide", "team_reply"])]  # no alert about the therapist


async def test_a_stranger_to_the_alert_cannot_reply(harness: Harness) -> None:
    await _setup(harness)
    await harness.enroll(777, Role.THERAPIST)
    await harness.send(CLIENT, "i want to kill myself")
    async with harness.db.session() as s:
        alert_id = (await s.execute(select(Alert.id))).scalar_one()
    assert await harness.press(777, AlertReply(alert_id=alert_id).pack()) == [texts.ALERT_NOT_YOURS]


async def test_acknowledge_takes_its_button_away(harness: Harness) -> None:
    await _setup(harness)
    await harness.send(CLIENT, "i want to kill myself")
    async with harness.db.session() as s:
        alert_id = (await s.execute(select(Alert.id))).scalar_one()
    await harness.press(THERAPIST, AlertAck(alert_id=alert_id).pack(), message_id=41)
    edits = [e for e in harness.req.methods("editMessageReplyMarkup") if int(e["message_id"]) == 41]
    assert edits and AlertAck(alert_id=alert_id).pack() not in json.dumps(edits[-1])


ONCALL_THERAPIST = 772


async def test_whoever_holds_an_open_alert_may_open_the_client_while_it_is_open(harness: Harness) -> None:
    await _setup(harness)
    await harness.enroll(ONCALL_THERAPIST, Role.THERAPIST)
    await harness.send(ONCALL_THERAPIST, "/oncall")
    await harness.press(ONCALL_THERAPIST, OnCallTake(shift=0).pack())
    client = await harness.person(CLIENT)
    assert client is not None
    denied = await harness.send(ONCALL_THERAPIST, f"/client {client.code}")
    assert denied == [fmt(texts.CLIENT_NOT_FOUND, code=client.code)]  # not theirs, no alert held
    await harness.send(CLIENT, "i want to kill myself")  # a crisis: on-call is told at once
    shown = await harness.send(ONCALL_THERAPIST, f"/client {client.code}")
    assert shown and shown[0] != fmt(texts.CLIENT_NOT_FOUND, code=client.code)
    async with harness.db.session() as s:
        views = (await s.execute(select(AuditEntry).where(AuditEntry.action == "client.view"))).scalars().all()
        assert any("via_alert" in v.detail for v in views)  # audited as an on-call look
        alert_id = (await s.execute(select(Alert.id))).scalar_one()
    await harness.press(THERAPIST, AlertAck(alert_id=alert_id).pack())
    after = await harness.send(ONCALL_THERAPIST, f"/client {client.code}")
    assert after == [fmt(texts.CLIENT_NOT_FOUND, code=client.code)]  # the alert is closed: so is the door


async def test_a_broadcast_step_takes_its_text_during_the_exchange(harness: Harness) -> None:
    """Team members' words are screened too; their open step (here a broadcast's text) still takes its answer."""
    from conversations.meetings import broadcast

    await _setup(harness)
    await harness.enroll(ONCALL, Role.STAFF)
    await harness.send(ONCALL, "honestly i want to die, this week")  # screened: the lines, no alert (not a client)
    await harness.send(ONCALL, "/broadcast")
    await harness.press(ONCALL, broadcast.PickAudience(audience="clients").pack())
    [preview] = await harness.send(ONCALL, "Group is in Room 5 tonight.")
    assert preview.startswith("<b>Preview</b>")


async def test_a_broadcast_about_crisis_help_gets_the_note_and_then_its_preview(harness: Harness) -> None:
    """Staff write about suicide on purpose: the lines come first (in case), then the step takes the words.

    Before, the words were swallowed at every try ("carry on" asked them to type it again)."""
    from conversations.meetings import broadcast

    await _setup(harness)
    await harness.enroll(ONCALL, Role.STAFF)
    await harness.send(ONCALL, "/broadcast")
    await harness.press(ONCALL, broadcast.PickAudience(audience="clients").pack())
    words = "Suicide prevention month: if you are having thoughts of suicide, call or text 988 any time."
    note, preview = await harness.send(ONCALL, words)
    assert note == fmt(texts.CRISIS_TEAM_NOTE, crisis_lines=_lines(harness))
    assert preview.startswith("<b>Preview</b>") and words in preview
    await harness.press(ONCALL, broadcast.Confirm(ok=True).pack())
    await harness.delivery.run_once()
    assert any(m.chat_id == CLIENT and m.text == words for m in harness.req.sent)
    assert await _alerts(harness) == []  # nothing raised about the sender


async def test_a_team_members_meeting_title_with_crisis_words_is_taken(harness: Harness) -> None:
    """A DBT group named for what it treats: the lines for the writer, then the next question, title kept."""
    from conversations.meetings import menu

    await harness.enroll(ONCALL, Role.STAFF)
    await harness.send(ONCALL, "/meetings")
    await harness.press(ONCALL, menu.Add().pack())
    note, question = await harness.send(ONCALL, "Self-harm urges skills group")
    assert note == fmt(texts.CRISIS_TEAM_NOTE, crisis_lines=_lines(harness))
    assert question == texts.MEETINGS_KIND_ASK  # the title step took it and moved on
    await harness.press(ONCALL, menu.Pick(field="kind", value="group").pack())
    await harness.press(ONCALL, menu.Pick(field="audience", value="all").pack())
    await harness.send(ONCALL, "2026-03-02 18:00")
    await harness.press(ONCALL, menu.Pick(field="repeat", value="mwf").pack())
    await harness.send(ONCALL, "90")
    [preview] = await harness.send(ONCALL, "Room 2")
    assert "Self-harm urges skills group" in preview


async def test_a_team_members_words_about_themselves_are_never_a_title(harness: Harness) -> None:
    """ "I want to die" (or "quiero matarme") is about the writer: the note alone, the title step still waits."""
    from conversations.meetings import menu

    await harness.enroll(ONCALL, Role.STAFF)
    await harness.send(ONCALL, "/meetings")
    await harness.press(ONCALL, menu.Add().pack())
    for words in ("I want to die", "quiero matarme"):
        [note] = await harness.send(ONCALL, words)  # the note with the lines, and no next question
        assert "988" in note and note != texts.MEETINGS_KIND_ASK, note
    assert await harness.send(ONCALL, "Relapse prevention group") == [texts.MEETINGS_KIND_ASK]
    assert await _alerts(harness) == []  # a team member's words raise nothing


async def test_a_clients_crisis_words_are_never_a_step_answer(harness: Harness) -> None:
    """A client's time step in /settings: the crisis reply alone, and the step still waits for a time."""
    await _setup(harness)
    await harness.send(CLIENT, "/settings")
    await harness.press(CLIENT, SettingsButton(choice=Choice.TIME).pack())
    replies = await harness.send(CLIENT, "i want to kill myself at 9pm")
    assert replies[0].startswith(texts.CRISIS_REPLY.split("{")[0])
    assert not any("Daily reminder set" in r for r in replies)
    assert (await harness.send(CLIENT, "8pm"))[0] == "Daily reminder set for 20:00."


async def test_after_acknowledgement_every_delivered_push_loses_its_acknowledge(harness: Harness) -> None:
    await _setup(harness)
    await harness.enroll(ONCALL, Role.STAFF)  # nobody on call and no admin: staff get the crisis at once
    await harness.send(CLIENT, "i want to kill myself")
    await harness.delivery.run_once()
    await harness.delivery.run_once()
    staff_push = next(m for m in harness.req.sent if m.chat_id == ONCALL and "CRISIS" in m.text)
    async with harness.db.session() as s:
        alert_id = (await s.execute(select(Alert.id))).scalar_one()
    await harness.press(THERAPIST, AlertAck(alert_id=alert_id).pack())
    edits = [
        e
        for e in harness.req.methods("editMessageReplyMarkup")
        if int(e["chat_id"]) == ONCALL and int(e["message_id"]) == staff_push.message_id
    ]
    assert edits and AlertAck(alert_id=alert_id).pack() not in json.dumps(edits[-1])
    assert AlertView(alert_id=alert_id).pack() in json.dumps(edits[-1])  # View (and Reply) stay
