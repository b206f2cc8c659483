"""Role checks, /help per role, /stop and /privacy through the real Application."""

from __future__ import annotations

from sqlalchemy import select

from bot.core.clock import now
from bot.db.models import OutboxMessage, Person, Role
from bot.domain.records import audit
from conversations.people.start import AGREE
from conversations.settings import Choice, SettingsButton

CLIENT, STAFF, THERAPIST = 6101, 7101, 8101


async def test_help_differs_per_role(harness):
    await harness.enroll(CLIENT)
    await harness.enroll(STAFF, Role.STAFF, display_name="Ana")
    await harness.enroll(THERAPIST, Role.THERAPIST, display_name="Dr. R")
    client_help = (await harness.send(CLIENT, "/help"))[0]
    staff_help = (await harness.send(STAFF, "/help"))[0]
    therapist_help = (await harness.send(THERAPIST, "/help"))[0]
    assert "/settings" in client_help and "/invite" not in client_help
    assert "/invite" in staff_help and "/settings" not in staff_help
    assert "/invite" not in therapist_help and "/settings" not in therapist_help


async def test_wrong_role_command_is_refused_and_audited(harness):
    """A client sending /invite is refused; nothing runs; an audit row records it."""
    person = await harness.enroll(CLIENT)
    replies = await harness.send(CLIENT, "/invite")
    assert replies == ["Sorry, /invite is only for clinic staff. Send /help to see what you can use."]
    async with harness.db.session() as s:
        denied = await audit.rows(s, "denied")
        assert [(r.actor_person_id, r.detail["command"]) for r in denied] == [(person.id, "invite")]
        assert [r for r in await audit.rows(s, "invite.created") if r.actor_person_id == person.id] == []


async def test_unknown_user_command_gets_guest_message(harness):
    replies = await harness.send(9999, "/settings")
    assert "ask your care team for an enrollment code" in replies[0]


async def test_stop_cancels_pending_messages(harness):
    """/stop withdraws consent, cancels queued messages and explains how to come back."""
    person = await harness.enroll(CLIENT)
    async with harness.db.session() as s, s.begin():
        s.add(OutboxMessage(chat_id=CLIENT, person_id=person.id, kind="reminder", payload="{}", due_at=now()))
    replies = await harness.send(CLIENT, "/stop")
    assert "stopped all messages" in replies[0] and "/start" in replies[0]
    async with harness.db.session() as s:
        row = (await s.execute(select(OutboxMessage))).scalar_one()
        assert (row.status, row.last_error) == ("cancelled", "consent withdrawn")
        p = (await s.execute(select(Person).where(Person.id == person.id))).scalar_one()
        assert p.active is False and p.consent_version is None
    # While paused, other commands only say how to come back.
    [paused] = await harness.send(CLIENT, "/help")
    assert paused.startswith("You've paused your program assistant, so nobody on your care team reads")
    assert "741741" in paused and paused.endswith("Send /start to turn it back on.")
    # Coming back asks for consent again.
    replies = await harness.send(CLIENT, "/start")
    assert "Before we start" in replies[0]
    await harness.press(CLIENT, AGREE)
    assert (await harness.person(CLIENT)).active is True


async def test_privacy_is_shown_to_anyone(harness):
    replies = await harness.send(9998, "/privacy")
    assert "Who sees it" in replies[0]


async def test_group_chats_are_refused(harness):
    """Client data never goes to a group: the bot says it works in private chats only."""
    from tests.support import tg

    await harness.app.process_update(tg.text(harness.bot, CLIENT, "/help", chat_type="group"))
    assert harness.req.sent[-1].text == "I only work in private chats. Please message me directly."


async def test_bad_input_gets_clear_replies(harness):
    """Stickers, photos, edits, unknown commands and old buttons each get a plain answer."""
    from tests.support import tg

    await harness.enroll(CLIENT)
    # A client's sticker or uncaptioned photo: the bot can't read it, and gives the crisis lines.
    assert (await harness.push(CLIENT, tg.sticker(harness.bot, CLIENT)))[0].startswith("I can't read stickers here")
    assert (await harness.push(CLIENT, tg.photo(harness.bot, CLIENT)))[0].startswith("I can't see photos here")
    assert await harness.push(CLIENT, tg.photo(harness.bot, CLIENT, caption="x")) == [
        "I can only read text messages. Please type your message, or send /help."
    ]
    assert "only read new messages" in (await harness.push(CLIENT, tg.edited(harness.bot, CLIENT, "x")))[0]
    assert await harness.send(CLIENT, "/frobnicate") == ["I don't know that command. Send /help to see what I can do."]
    assert "older message" in (await harness.press(CLIENT, SettingsButton(Choice.ZONE).pack()))[0]
    # Unknown users sending media get the guest message, not a crash.
    assert "enrollment code" in (await harness.push(4242, tg.sticker(harness.bot, 4242)))[0]


async def test_error_handler_apologises_without_details(harness, monkeypatch, caplog):
    """A crash in a handler is logged and the user gets a plain apology, no traceback."""
    harness.expect_error = True
    await harness.enroll(CLIENT)

    def boom(role):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr("conversations.help.roles.menu", boom)
    replies = await harness.send(CLIENT, "/help")
    assert replies == [
        "Sorry, something went wrong on my side. Please try again in a moment; "
        "if it keeps happening, tell your care team."
    ]
    assert "secret internal detail" not in " ".join(replies)
    assert "error handling update" in caplog.text


async def test_team_member_stop_pauses_until_they_agree_again(harness):
    """/stop by staff pauses them like a client: no people list, no invites; /start and Agree bring them back."""
    await harness.enroll(STAFF, Role.STAFF, display_name="Ana")
    replies = await harness.send(STAFF, "/stop")
    assert "alerts for your clients go straight to whoever is on call" in replies[0]
    for command in ("/people", "/invite"):
        assert (await harness.send(STAFF, command)) == [
            "You've paused yourself: no alerts or notices come to you, and your clients' alerts go to whoever "
            "is on call. Send /start to come back."
        ]
    replies = await harness.send(STAFF, "/start")
    assert "Confidentiality" in replies[0]  # the team's notice, not "Good to see you again"
    replies = await harness.press(STAFF, AGREE)
    assert replies[-1].startswith("Welcome back. Alerts and notices come to you again.")
    assert "Enrolled people" in (await harness.send(STAFF, "/people"))[0]
