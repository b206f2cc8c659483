"""Broadcasts in each reader's language, through the real Application: staff may write one version per
language from the preview; each recipient gets theirs, or the first one after a note in their language."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select, update

from bot import texts
from bot.db.meeting_models import Broadcast
from bot.db.models import OutboxMessage, Person, Role
from bot.domain.records import exported
from bot.texts import catalogue
from conversations.meetings import broadcast
from tests.support import tg
from tests.support.harness import Harness

STAFF, ENGLISH, SPANISH = 8401, 8402, 8403
EN_TEXT = "Group is in Room 5 tonight."
ES_TEXT = "El grupo es en la sala 5 esta noche."
ADD_SPANISH = broadcast.AddVersion(language="es").pack()
SEND = broadcast.Confirm(ok=True).pack()


def en(name: str) -> Any:
    return catalogue.localised(name, texts.ENGLISH[name], "en")


def es(name: str) -> Any:
    return catalogue.localised(name, texts.ENGLISH[name], "es")


async def speaks(harness: Harness, uid: int, language: str) -> None:
    async with harness.db.session() as s, s.begin():
        await s.execute(update(Person).where(Person.telegram_id == uid).values(language=language))


async def setup(harness: Harness, staff_language: str = "en") -> None:
    await harness.enroll(STAFF, Role.STAFF)
    await harness.enroll(ENGLISH)
    await harness.enroll(SPANISH)
    await speaks(harness, SPANISH, "es")
    await speaks(harness, STAFF, staff_language)


async def compose(harness: Harness, text: str = EN_TEXT) -> list[str]:
    await harness.send(STAFF, "/broadcast")
    await harness.press(STAFF, broadcast.PickAudience(audience="clients").pack())
    return await harness.send(STAFF, text)


async def payloads(harness: Harness) -> dict[int, str]:
    """Each recipient's copy in the outbox, by chat."""
    async with harness.db.session() as s:
        rows = (await s.execute(select(OutboxMessage).where(OutboxMessage.kind == "broadcast"))).scalars()
        return {r.chat_id: json.loads(r.payload)["text"] for r in rows}


async def export_text(harness: Harness, uid: int) -> str:
    async with harness.db.session() as s:
        person = (await s.execute(select(Person).where(Person.telegram_id == uid))).scalar_one()
        [sent] = (await exported.gather(s, person))["broadcasts"]
        return str(sent["text"])


async def broadcasts_made(harness: Harness) -> list[Broadcast]:
    async with harness.db.session() as s:
        return list((await s.execute(select(Broadcast))).scalars())


async def test_staff_write_english_and_spanish_and_each_client_gets_theirs(harness: Harness) -> None:
    await setup(harness)
    [preview] = await compose(harness)
    assert preview.startswith("<b>Preview</b>") and EN_TEXT in preview
    assert "1 of them read another language: they get the English version" in preview
    buttons = harness.last(STAFF).buttons
    assert buttons[0] == ("Add a version in Español", ADD_SPANISH)
    assert [label for label, _ in buttons[1:]] == ["Send", "Cancel"]
    assert await harness.press(STAFF, ADD_SPANISH) == [
        "Type the message in Spanish (up to 3,500 characters), or /cancel. "
        "People who read Spanish get this version instead."
    ]
    [preview] = await harness.send(STAFF, ES_TEXT)
    assert preview.startswith("<b>Preview</b>, one version for each language:")
    assert f"<b>English</b> (1 person):\n\n{EN_TEXT}" in preview
    assert f"<b>Spanish</b> (1 person):\n\n{ES_TEXT}" in preview
    assert "another language" not in preview and "all clients — 2 people. Send it?" in preview
    assert [label for label, _ in harness.last(STAFF).buttons] == ["Send", "Cancel"]  # no language left to add
    await harness.press(STAFF, SEND)
    assert await payloads(harness) == {ENGLISH: EN_TEXT, SPANISH: ES_TEXT}
    await harness.delivery.run_once()
    assert harness.req.texts(ENGLISH)[-1] == EN_TEXT and harness.req.texts(SPANISH)[-1] == ES_TEXT
    [row] = await broadcasts_made(harness)
    assert (row.text, row.language, row.all_versions()) == (EN_TEXT, "en", {"en": EN_TEXT, "es": ES_TEXT})
    assert await export_text(harness, SPANISH) == ES_TEXT  # the words the client got
    assert await export_text(harness, ENGLISH) == EN_TEXT


async def test_written_only_in_english_the_spanish_client_gets_a_note_first(harness: Harness) -> None:
    await setup(harness)
    await compose(harness)
    await harness.press(STAFF, SEND)
    noted = f"Este aviso solo está en inglés:\n\n{EN_TEXT}"
    assert await payloads(harness) == {ENGLISH: EN_TEXT, SPANISH: noted}
    await harness.delivery.run_once()
    assert harness.req.texts(SPANISH)[-1] == noted and harness.req.texts(ENGLISH)[-1] == EN_TEXT
    [row] = await broadcasts_made(harness)
    assert (row.text, row.language, row.versions) == (EN_TEXT, "en", None)
    assert await export_text(harness, SPANISH) == noted


async def test_a_spanish_speaking_sender_writes_spanish_first(harness: Harness) -> None:
    """The first version is in the sender's language; an English reader then gets the note in English."""
    await setup(harness, staff_language="es")
    [preview] = await compose(harness, ES_TEXT)
    assert preview.startswith("<b>Vista previa</b>") and "recibirán la versión en español" in preview
    assert "clientes — 2 personas. ¿Lo envío?" in preview, preview  # counted in Spanish
    assert harness.last(STAFF).buttons[0] == ("Añadir una versión en English", broadcast.AddVersion("en").pack())
    await harness.press(STAFF, SEND)
    assert await payloads(harness) == {ENGLISH: f"This notice is only in Spanish:\n\n{ES_TEXT}", SPANISH: ES_TEXT}


async def test_the_version_step_answers_bad_input_like_the_first_text_step(harness: Harness) -> None:
    await setup(harness)
    await harness.send(STAFF, "/broadcast")
    await harness.press(STAFF, broadcast.PickAudience(audience="clients").pack())
    for step in ("first", "version"):  # the same replies at both steps, and the step stays open
        assert await harness.push(STAFF, tg.sticker(harness.bot, STAFF)) == [en("BROADCAST_TEXT_ONLY")], step
        assert await harness.send(STAFF, "   ") == [en("BROADCAST_EMPTY")], step
        assert await harness.send(STAFF, "x" * 3501) == [en("BROADCAST_TOO_LONG").format(n=3501)], step
        if step == "first":
            [preview] = await harness.send(STAFF, EN_TEXT)
            assert preview.startswith("<b>Preview</b>")
            await harness.press(STAFF, ADD_SPANISH)
    assert await harness.send(STAFF, "/cancel") == [en("BROADCAST_DISCARDED")]
    assert await broadcasts_made(harness) == [] and await payloads(harness) == {}
    assert await harness.press(STAFF, SEND) == [en("STALE_BUTTON")]  # the conversation is over
    assert await harness.press(STAFF, ADD_SPANISH) == [en("STALE_BUTTON")]
    assert await broadcasts_made(harness) == []


async def test_crisis_words_never_become_a_version(harness: Harness) -> None:
    await setup(harness)
    await compose(harness)
    await harness.press(STAFF, ADD_SPANISH)
    [only] = await harness.send(STAFF, "i want to kill myself")
    assert only.startswith(en("CRISIS_TEAM_NOTE").split("\n")[0])  # the team's note, and nothing after it
    [preview] = await harness.send(STAFF, ES_TEXT)  # the step is still open
    assert ES_TEXT in preview and "kill" not in preview


async def test_the_add_button_twice_after_a_restart_and_send_instead(harness: Harness) -> None:
    await setup(harness)
    await compose(harness)
    await harness.restart()  # the draft and the step are kept in the database
    ask = await harness.press(STAFF, ADD_SPANISH)
    assert await harness.press(STAFF, ADD_SPANISH) == ask  # pressed twice: asked again, nothing doubled
    await harness.send(STAFF, "Primera versión.")
    await harness.press(STAFF, ADD_SPANISH)  # the old preview's button: the Spanish is written again
    [preview] = await harness.send(STAFF, ES_TEXT)
    assert ES_TEXT in preview and "Primera versión." not in preview
    await harness.press(STAFF, SEND)
    assert await harness.press(STAFF, ADD_SPANISH) == [en("STALE_BUTTON")]  # sent: the preview's buttons are done
    assert await payloads(harness) == {ENGLISH: EN_TEXT, SPANISH: ES_TEXT}
    assert len(await broadcasts_made(harness)) == 1


async def test_send_while_asked_for_a_version_sends_what_is_written(harness: Harness) -> None:
    await setup(harness)
    await compose(harness)
    await harness.press(STAFF, ADD_SPANISH)
    await harness.press(STAFF, SEND)  # changed their mind: the preview's Send still works
    assert await payloads(harness) == {ENGLISH: EN_TEXT, SPANISH: f"Este aviso solo está en inglés:\n\n{EN_TEXT}"}


async def test_two_long_versions_are_previewed_one_message_each(harness: Harness) -> None:
    await setup(harness)
    english, spanish = "a" * 3000, "b" * 3000
    await compose(harness, english)
    await harness.press(STAFF, ADD_SPANISH)
    shown = await harness.send(STAFF, spanish)
    assert len(shown) == 2 and english in shown[0] and spanish in shown[1] and shown[1].endswith("Send it?")
    assert [label for label, _ in harness.last(STAFF).buttons] == ["Send", "Cancel"]
    await harness.press(STAFF, SEND)
    assert await payloads(harness) == {ENGLISH: english, SPANISH: spanish}
