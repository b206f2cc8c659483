"""Enrollment and consent through the real Application, asserting replies and rows."""

from __future__ import annotations

import datetime as dt

import time_machine
from sqlalchemy import func, select

from bot import texts
from bot.db.models import ClientProfile, ConsentRecord, Invite, Person, Role
from bot.domain.records import audit
from bot.domain.settings.buttons import FirstZonePick, FirstZoneYes, KeepTime
from conversations.people.start import AGREE, DECLINE
from conversations.settings import ConfirmZone, PickZoneAgain

CLIENT = 6001
# 19:14 in New York on 27 November 2026 (EST).
EVENING = dt.datetime(2026, 11, 28, 0, 14, tzinfo=dt.UTC)
ZONE_ASK = "One more thing, so your reminders come at the right time: is it <b>7:14 pm</b> where you are?"
LATER = "\n\nYou can change this any time with /settings."


async def test_valid_code_shows_notice_then_agree_enrolls(harness):
    """A valid code shows the privacy notice first; only Agree creates the person."""
    issued = await harness.invite(Role.CLIENT, display_name="JD", cohort="evening")
    replies = await harness.send(CLIENT, f"/start {issued.code}")
    assert "Telegram is not a secure medical channel" in replies[0]
    assert "not an emergency service" in replies[0]
    # The notice can be read in another language first: one tap switches it.
    assert harness.last(CLIENT).buttons == [("I agree", AGREE), ("No thanks", DECLINE), ("Español", "1|lang|es")]
    assert await harness.person(CLIENT) is None  # nothing stored before consent

    replies = await harness.press(CLIENT, AGREE)
    assert any("you're all set" in r for r in replies)
    person = await harness.person(CLIENT)
    assert person.role == "client" and person.code == issued.person_code
    assert person.consent_version == harness.settings.privacy_version
    async with harness.db.session() as s:
        prof = await s.get(ClientProfile, person.id)
        assert prof.cohort == "evening"
        assert prof.checkin_time == dt.time(19, 0)
        records = (await s.execute(select(ConsentRecord))).scalars().all()
        assert [(r.decision, r.version) for r in records] == [("agreed", harness.settings.privacy_version)]
        invite = (await s.execute(select(Invite))).scalar_one()
        assert invite.used_by == person.id and invite.used_at is not None
    # The client's own command menu was published for this chat only.
    scoped = [p for p in harness.req.methods("setMyCommands") if "chat_id" in str(p.get("scope"))]
    assert scoped and "settings" in str(scoped[-1]["commands"])


async def test_code_pasted_as_plain_text_works(harness):
    """A guest who pastes the code without /start is enrolled the same way (case and dashes forgiven)."""
    issued = await harness.invite(Role.CLIENT)
    pretty = issued.code[:5].lower() + "-" + issued.code[5:].lower()
    replies = await harness.send(CLIENT, pretty)
    assert "Before we start" in replies[0]


async def test_team_code_shows_team_notice_and_enrolls_on_agree(harness):
    """Team members read a notice fit for the team (duties, audit log); only Agree enrolls them, with a record."""
    issued = await harness.invite(Role.STAFF, display_name="Ana")
    replies = await harness.send(7001, f"/start {issued.code}")
    assert "Confidentiality" in replies[0] and "Audit log" in replies[0]
    assert "Telegram is not a secure medical channel" not in replies[0]  # not the clients' notice
    assert harness.last(7001).buttons == [("I agree", AGREE), ("No thanks", DECLINE), ("Español", "1|lang|es")]
    assert await harness.person(7001) is None
    # Until they agree, the team's tools answer as to a stranger; /privacy still works.
    assert "only work for its clients and team" in (await harness.send(7001, "/people"))[0]
    replies = await harness.press(7001, AGREE)
    assert "enrolled as <b>staff</b>" in replies[-1]
    assert len(replies) == 1 and harness.last(7001).buttons == []  # the team is not asked for a time zone
    person = await harness.person(7001)
    assert person.role == "staff" and person.consent_version == harness.settings.privacy_version
    async with harness.db.session() as s:
        records = (await s.execute(select(ConsentRecord))).scalars().all()
        assert [(r.person_id, r.decision) for r in records] == [(person.id, "agreed")]
    assert "Audit log" in (await harness.send(7001, "/privacy"))[0]


async def test_team_decline_enrolls_nobody(harness):
    """A team member who declines is not enrolled."""
    issued = await harness.invite(Role.THERAPIST, display_name="Dr. R")
    await harness.send(7002, f"/start {issued.code}")
    await harness.press(7002, DECLINE)
    assert await harness.person(7002) is None


async def test_raised_privacy_version_asks_everyone_again(harness):
    """A new PRIVACY_VERSION asks clients and team to agree again before anything else works."""
    await harness.enroll(CLIENT)
    await harness.enroll(7003, Role.STAFF, display_name="Sam")
    harness.app.bot_data["services"].settings = harness.settings.model_copy(update={"privacy_version": "2099-01"})
    for uid, command, notice_word in ((CLIENT, "/checkin", "Before we start"), (7003, "/people", "Audit log")):
        replies = await harness.send(uid, command)
        assert "privacy notice has changed" in replies[0]
        assert notice_word in replies[1]
        assert harness.last(uid).buttons == [("I agree", AGREE), ("No thanks", DECLINE), ("Español", "1|lang|es")]
        replies = await harness.press(uid, AGREE)
        assert (await harness.person(uid)).consent_version == "2099-01"
    assert "Enrolled people" in (await harness.send(7003, "/people"))[0]


async def test_expired_code_is_refused(harness):
    """A code past its expiry asks for a new one and enrolls nobody."""
    issued = await harness.invite(Role.CLIENT)
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=8)):
        replies = await harness.send(CLIENT, f"/start {issued.code}")
    assert replies == ["That code is no longer valid. Please ask your care team for a new one."]
    assert await harness.person(CLIENT) is None


async def test_reused_code_is_refused(harness):
    """A code works once: a second person using it is told to ask for a new one."""
    issued = await harness.invite(Role.CLIENT)
    await harness.send(CLIENT, f"/start {issued.code}")
    await harness.press(CLIENT, AGREE)
    replies = await harness.send(CLIENT + 1, f"/start {issued.code}")
    assert "already been used" in replies[0]
    assert await harness.person(CLIENT + 1) is None


async def test_five_wrong_codes_lock_out_for_an_hour(harness):
    """After 5 wrong codes even a valid one is refused for an hour; then it works."""
    issued = await harness.invite(Role.CLIENT)
    start = dt.datetime.now(dt.UTC)
    with time_machine.travel(start, tick=False) as clock:
        for i in range(5):
            replies = await harness.send(CLIENT, f"/start WRONGCODE{i}")
            assert "doesn't match" in replies[0]
            clock.shift(dt.timedelta(minutes=5))
        replies = await harness.send(CLIENT, f"/start {issued.code}")
        assert "paused code entry for an hour" in replies[0]
        clock.shift(dt.timedelta(minutes=59))  # 1h after the 5th failure
        replies = await harness.send(CLIENT, f"/start {issued.code}")
        assert "Before we start" in replies[0]
    async with harness.db.session() as s:
        rows = await audit.rows(s)
    actions = [r.action for r in rows if r.actor_telegram_id == CLIENT]
    assert actions.count("enroll.failed") == 5
    assert actions.count("enroll.lockout") == 1
    assert actions.count("enroll.refused_locked") == 1
    assert actions[-1] == "enroll.code_ok"


async def test_decline_consent_stores_nothing(harness):
    """Declining leaves no person, keeps the code usable, and says how to come back."""
    issued = await harness.invite(Role.CLIENT)
    await harness.send(CLIENT, f"/start {issued.code}")
    replies = await harness.press(CLIENT, DECLINE)
    assert "nothing about you has been saved" in replies[0]
    assert await harness.person(CLIENT) is None
    async with harness.db.session() as s:
        assert (await s.execute(select(Invite.used_at))).scalar_one() is None
        assert await s.scalar(select(func.count()).select_from(Person)) == 0
    # Changing their mind later works with the same code.
    await harness.send(CLIENT, issued.code)
    await harness.press(CLIENT, AGREE)
    assert await harness.person(CLIENT) is not None


async def test_consent_button_pressed_twice(harness):
    """The second press of Agree does nothing harmful and says the button is old."""
    await harness.enroll(CLIENT)
    replies = await harness.press(CLIENT, AGREE)
    assert replies == [texts.STALE_BUTTON]
    async with harness.db.session() as s:
        assert await s.scalar(select(func.count()).select_from(ConsentRecord)) == 1


async def test_text_while_consent_pending_asks_for_a_button(harness):
    issued = await harness.invite(Role.CLIENT)
    await harness.send(CLIENT, f"/start {issued.code}")
    replies = await harness.send(CLIENT, "what is this?")
    assert "tap <b>I agree</b>" in replies[0]


async def test_enrolled_user_with_code_again(harness):
    """Someone already enrolled sending /start gets a welcome back, not an error."""
    await harness.enroll(CLIENT)
    assert await harness.send(CLIENT, "/start") == ["Good to see you again. Send /help to see what I can do."]


async def _enrolled_at_evening(harness) -> Person:
    issued = await harness.invite(Role.CLIENT)
    await harness.send(CLIENT, f"/start {issued.code}")
    replies = await harness.press(CLIENT, AGREE)
    assert "you're all set" in replies[0] and replies[1] == ZONE_ASK
    assert harness.last(CLIENT).buttons == [
        ("Yes", FirstZoneYes(zone="America/New_York").pack()),
        ("Pick my zone", FirstZonePick().pack()),
    ]
    return await harness.person(CLIENT)


async def _zone_and_time(harness, person_id: int) -> tuple[str, dt.time]:
    async with harness.db.session() as s:
        person, prof = await s.get(Person, person_id), await s.get(ClientProfile, person_id)
        return person.timezone, prof.checkin_time


async def test_a_new_client_confirms_the_zone_by_its_time_and_keeps_the_reminder_time(harness):
    """After consent a client is asked "is it 7:14 pm where you are?", then the reminder time, default as a button."""
    with time_machine.travel(EVENING, tick=False):
        person = await _enrolled_at_evening(harness)
        replies = await harness.press(CLIENT, FirstZoneYes(zone="America/New_York").pack())
        assert replies == [
            "Time zone set to Eastern (New York).",
            "I'll remind you to check in every day at <b>19:00</b>. "
            "Tap it to keep it, or type another time (like <code>8pm</code>).",
        ]
        assert harness.last(CLIENT).buttons == [("Keep 19:00", KeepTime().pack())]
        replies = await harness.press(CLIENT, KeepTime().pack())
    assert replies == ["Daily reminder set for 19:00." + LATER]
    assert await _zone_and_time(harness, person.id) == ("America/New_York", dt.time(19, 0))


async def test_a_new_client_elsewhere_picks_their_zone_then_types_a_time(harness):
    """The "Pick my zone" button opens the /settings picker; a place with several zones offers each with its time."""
    with time_machine.travel(EVENING, tick=False):
        person = await _enrolled_at_evening(harness)
        replies = await harness.press(CLIENT, FirstZonePick().pack())
        assert "Which time zone are you in?" in replies[0]
        replies = await harness.send(CLIENT, "texas")
        assert replies == ["<b>texas</b> has more than one time zone. What time is it where you are?"]
        assert harness.last(CLIENT).buttons == [
            ("6:14 pm: Central (Chicago)", ConfirmZone(zone="America/Chicago").pack()),
            ("5:14 pm: Mountain (Denver)", ConfirmZone(zone="America/Denver").pack()),
            ("No, pick again", PickZoneAgain().pack()),
        ]
        replies = await harness.press(CLIENT, ConfirmZone(zone="America/Denver").pack())
        assert replies[0] == "Time zone set to Mountain (Denver)."
        assert replies[1].startswith("I'll remind you to check in every day at <b>19:00</b>.")  # not the menu
        replies = await harness.send(CLIENT, "8am")
    assert replies == ["Daily reminder set for 08:00." + LATER]
    assert await _zone_and_time(harness, person.id) == ("America/Denver", dt.time(8, 0))
    assert "Daily reminder set" not in " ".join(await harness.send(CLIENT, "9pm"))  # the step is over


async def test_a_client_who_ignores_the_zone_question_keeps_the_clinic_defaults(harness):
    """Nothing waits for the answer: the client goes on, and even at the time step words are answered as usual."""
    with time_machine.travel(EVENING, tick=False):
        person = await _enrolled_at_evening(harness)
        replies = await harness.send(CLIENT, "/settings")  # any command, as if never asked
        assert "Time zone: Eastern (New York)" in replies[0]
        await harness.send(CLIENT, "/cancel")
        await harness.press(CLIENT, FirstZoneYes(zone="America/New_York").pack())
        replies = await harness.send(CLIENT, "what should I bring to group")  # no time: they moved on
        assert not any("couldn't read" in r for r in replies)
        assert "Daily reminder set" not in " ".join(await harness.send(CLIENT, "8am"))
        # A time mistyped at that step is asked again.
        await harness.press(CLIENT, FirstZoneYes(zone="America/New_York").pack())
        assert "couldn't read “25:99” as a time" in (await harness.send(CLIENT, "25:99"))[0]
    assert await _zone_and_time(harness, person.id) == ("America/New_York", dt.time(19, 0))
