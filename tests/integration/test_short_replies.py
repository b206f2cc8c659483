"""Media, crying emoji, thanks/ok and reported use from a client, through the real Application."""

from __future__ import annotations

import datetime as dt
import json

from sqlalchemy import select

from bot import texts
from bot.db.models import Alert, ClientProfile, FlagRecord, OutboxMessage, Role
from bot.domain.care import alerts
from bot.domain.care.buttons import AskCareTeam
from tests.integration.test_alerts_flow import F
from tests.support import tg
from tests.support.harness import Harness

THERAPIST, CLIENT = 7501, 7502


async def _client(harness: Harness) -> int:
    therapist = await harness.enroll(THERAPIST, Role.THERAPIST)
    client = await harness.enroll(CLIENT, therapist_id=therapist.id)
    return client.id


async def _notes_to_therapist(harness: Harness) -> list[str]:
    async with harness.db.session() as s:
        rows = (await s.execute(select(OutboxMessage).where(OutboxMessage.chat_id == THERAPIST))).scalars()
        return [json.loads(r.payload)["text"] for r in rows]


def _has_lines(text: str, harness: Harness) -> bool:
    return "988" in harness.settings.crisis_lines and "988" in text and "741741" in text


async def test_a_voice_note_gets_the_crisis_lines_and_no_note_without_an_open_alert(harness: Harness) -> None:
    await _client(harness)
    [answer] = await harness.push(CLIENT, tg.voice(harness.bot, CLIENT))
    assert answer.startswith("I can't listen to voice notes here") and _has_lines(answer, harness)
    [sticker] = await harness.push(CLIENT, tg.sticker(harness.bot, CLIENT))
    assert sticker.startswith("I can't read stickers here")
    [photo] = await harness.push(CLIENT, tg.photo(harness.bot, CLIENT))
    assert photo.startswith("I can't see photos here")
    assert await harness.push(CLIENT, tg.photo(harness.bot, CLIENT, caption="the board")) == [texts.NOT_TEXT]
    assert await _notes_to_therapist(harness) == []


async def test_media_while_an_alert_is_open_gives_the_holder_one_quiet_note_and_never_the_media(
    harness: Harness,
) -> None:
    client_id = await _client(harness)
    async with harness.db.session() as s, s.begin():
        alert_id = await alerts.raise_alert(s, client_id, [F()], source="checkin")
    await harness.push(CLIENT, tg.voice(harness.bot, CLIENT))
    await harness.push(CLIENT, tg.voice(harness.bot, CLIENT))  # a second one: no second note
    notes = [t for t in await _notes_to_therapist(harness) if "sent a voice note" in t]
    assert len(notes) == 1 and f"A-{alert_id}" in notes[0]
    assert not [m for m in harness.req.methods("sendVoice")] and not harness.req.methods("forwardMessage")


async def test_crying_emoji_get_a_gentle_check_with_the_lines_and_a_care_team_button(harness: Harness) -> None:
    await _client(harness)
    for emoji in ("😭", "💔", "😢😢", "🥺"):
        [answer] = await harness.send(CLIENT, emoji)
        assert "Do you want to talk to your care team?" in answer and _has_lines(answer, harness)
        assert "I'm here whenever you need me. Ask me anything" not in answer
        assert harness.last(CLIENT).buttons[0][1] == AskCareTeam().pack()


async def test_thanks_and_ok_get_a_short_acknowledgement(harness: Harness) -> None:
    await _client(harness)
    assert await harness.send(CLIENT, "thanks!") == [texts.THANKS_ACK]
    assert await harness.send(CLIENT, "Thank you") == [texts.THANKS_ACK]
    assert await harness.send(CLIENT, "ok") == [texts.OK_ACK]


async def test_reported_use_in_free_text_raises_the_high_flag_and_gets_the_slip_article(harness: Harness) -> None:
    client_id = await _client(harness)
    [answer] = await harness.send(CLIENT, "i relapsed last night")
    assert answer.startswith(texts.USE_REPORTED_REPLY) and "What if I slip or relapse" in answer
    async with harness.db.session() as s:
        [alert] = (await s.execute(select(Alert).where(Alert.client_id == client_id))).scalars()
        [flag] = (await s.execute(select(FlagRecord).where(FlagRecord.alert_id == alert.id))).scalars()
    assert (alert.severity, flag.rule, flag.severity) == ("high", "reported_use", "high")
    assert any(f"A-{alert.id}" in t for t in await _notes_to_therapist(harness))
    [spanish] = await harness.send(CLIENT, "consumí ayer")
    assert spanish.startswith(texts.USE_REPORTED_REPLY)


async def test_no_milestone_is_celebrated_within_a_day_of_reported_use(harness: Harness) -> None:
    import time_machine

    client_id = await _client(harness)
    async with harness.db.session() as s, s.begin():
        profile = await s.get(ClientProfile, client_id)
        assert profile is not None
        profile.sobriety_date = dt.date.today() - dt.timedelta(days=8)
    await harness.send(CLIENT, "i used today")
    [quiet] = await harness.send(CLIENT, "/progress")
    assert "🎉" not in quiet
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(hours=25)):
        [later] = await harness.send(CLIENT, "/progress")
    assert "🎉" in later  # the milestone waited, it was not lost


async def test_a_voice_note_in_the_middle_of_a_check_in_gets_the_lines_and_the_check_in_goes_on(
    harness: Harness,
) -> None:
    from tests.support.checkin import buttons, rows, tap

    await _client(harness)
    await harness.send(CLIENT, "/checkin")
    await tap(harness, CLIENT, "3")
    mood, on = buttons(harness, CLIENT), harness.last(CLIENT).message_id
    [answer] = await harness.push(CLIENT, tg.voice(harness.bot, CLIENT))
    assert answer.startswith("I can't listen to voice notes here") and _has_lines(answer, harness)
    await harness.press(CLIENT, mood["🙂"], message_id=on)  # the step is still open
    for label in ("No", "Well", "Skip", "No", "✅ Save"):
        await tap(harness, CLIENT, label)
    [row] = await rows(harness)
    assert row.craving == 3
