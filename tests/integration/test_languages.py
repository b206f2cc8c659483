"""Each person reads the bot in their language: chosen at the invite, offered at /start, changed with /language;
crisis replies follow the language a message is written in, with that language's lines."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from bot import texts
from bot.core.config import DEFAULT_CRISIS_LINES_ES
from bot.db.models import Alert, ConsentRecord, Invite, Person, Role
from bot.domain.people.language import PickLanguage
from bot.texts import catalogue
from conversations.people.invite import InviteLanguage
from conversations.people.start import AGREE
from tests.conftest import make_settings
from tests.support import tg
from tests.support.harness import Harness

CLIENT, OTHER, STAFF = 7301, 7302, 7303


def es(name: str, key: object = None) -> str:
    """What a Spanish reader sees for the text `name` (or one entry of a dict of texts)."""
    with catalogue.speaking("es"):
        value: Any = getattr(texts, name)
        return str(value if key is None else value[key])


def en(name: str, key: object = None) -> str:
    value: Any = texts.ENGLISH[name]
    return str(value if key is None else value[key])


async def _set_language(harness, uid: int, code: str) -> None:  # type: ignore[no-untyped-def]
    async with harness.db.session() as s, s.begin():
        await s.execute(update(Person).where(Person.telegram_id == uid).values(language=code))
    harness.app.bot_data["services"].people._entries.clear()  # as a restart would: no cached view


def _commands(harness, uid: int) -> str:  # type: ignore[no-untyped-def]
    published = [p for p in harness.req.methods("setMyCommands") if str(uid) in str(p.get("scope"))]
    assert published, "no menu was published for this chat"
    return str(published[-1]["commands"])


@pytest.fixture(autouse=True)
def _app_languages():  # type: ignore[no-untyped-def]
    yield
    tg.LANGUAGE_CODES.clear()


async def test_an_invite_in_spanish_gives_the_notice_the_welcome_and_the_menu_in_spanish(harness):
    issued = await harness.invite(Role.CLIENT, language="es")
    replies = await harness.send(CLIENT, f"/start {issued.code}")
    assert "Telegram" in replies[0] and "secure medical channel" not in replies[0]
    assert replies[-1] == es("CONSENT_QUESTION")
    # Agree and decline in Spanish, and one tap back to English.
    assert harness.last(CLIENT).buttons == [
        (es("CONSENT_AGREE_BUTTON"), AGREE),
        (es("CONSENT_DECLINE_BUTTON"), "1|consent|0"),
        ("English", PickLanguage("en").pack()),
    ]
    replies = await harness.press(CLIENT, AGREE)
    assert any(r.startswith(es("WELCOME_CLIENT")[:20]) for r in replies), replies
    person = await harness.person(CLIENT)
    assert person is not None and person.language == "es"
    async with harness.db.session() as s:
        record = (await s.execute(select(ConsentRecord))).scalar_one()
    assert (record.decision, record.language) == ("agreed", "es")
    assert es("COMMAND_DESCRIPTION", "checkin") in _commands(harness, CLIENT)
    replies = await harness.send(CLIENT, "/help")
    assert replies[0].startswith(es("HELP_HEADER", Role.CLIENT))


async def test_the_phone_language_is_offered_and_one_tap_switches_the_notice(harness):
    tg.LANGUAGE_CODES[CLIENT] = "es-MX"
    issued = await harness.invite(Role.CLIENT)
    replies = await harness.send(CLIENT, f"/start {issued.code}")
    assert replies[-1] == es("CONSENT_QUESTION")
    replies = await harness.press(CLIENT, PickLanguage("en").pack())
    assert replies[-1] == en("CONSENT_QUESTION") and "secure medical channel" in replies[0]
    assert await harness.person(CLIENT) is None  # nothing is stored before the notice is agreed to
    await harness.press(CLIENT, AGREE)
    person = await harness.person(CLIENT)
    assert person is not None and person.language == "en"
    async with harness.db.session() as s:
        assert (await s.execute(select(ConsentRecord.language))).scalar_one() == "en"


@pytest.mark.parametrize(
    ("invite_language", "phone", "notice"), [(None, "en", "en"), ("es", "en", "es"), (None, "es", "es")]
)
async def test_a_pasted_code_never_sets_the_notices_language(
    harness, monkeypatch: pytest.MonkeyPatch, invite_language: str | None, phone: str, notice: str
) -> None:
    """One random code in twelve reads as Spanish to the detector ("qmyfq-jlcjz"): the notice follows the
    invite's language, else the phone's, never the letters of the code (CI once showed a guest Spanish)."""
    from bot.domain.safety import language

    monkeypatch.setattr(language, "likely", lambda text: "es" if notice == "en" else "en")  # the code "reads" wrong
    tg.LANGUAGE_CODES[CLIENT] = phone
    issued = await harness.invite(Role.CLIENT, **({"language": invite_language} if invite_language else {}))
    replies = await harness.send(CLIENT, issued.code[:5].lower() + "-" + issued.code[5:].lower())
    assert replies[-1] == (es if notice == "es" else en)("CONSENT_QUESTION")


async def test_an_unknown_language_falls_back_to_english(harness):
    tg.LANGUAGE_CODES[CLIENT] = "de-DE"
    issued = await harness.invite(Role.CLIENT)
    replies = await harness.send(CLIENT, f"/start {issued.code}")
    assert replies[-1] == en("CONSENT_QUESTION")


async def test_language_switches_every_reply_and_the_menu(harness):
    await harness.enroll(CLIENT)
    replies = await harness.send(CLIENT, "/language")
    assert replies == [en("LANGUAGE_ASK").format(language="English")]
    assert harness.last(CLIENT).buttons == [
        ("English", PickLanguage("en").pack()),
        ("Español", PickLanguage("es").pack()),
    ]
    replies = await harness.press(CLIENT, PickLanguage("es").pack())
    assert replies == [es("LANGUAGE_SET").format(language="Español")]
    assert (await harness.person(CLIENT)).language == "es"
    assert es("COMMAND_DESCRIPTION", "language") in _commands(harness, CLIENT)
    replies = await harness.send(CLIENT, "/checkin")
    assert es("CHECKIN_ASK", "craving") in replies[-1]
    # Pressed again after a restart: still one language, said once more.
    await harness.restart()
    replies = await harness.press(CLIENT, PickLanguage("es").pack())
    assert replies == [es("LANGUAGE_SET").format(language="Español")]


async def test_a_forged_language_button_is_taken_as_english(harness):
    await harness.enroll(CLIENT)
    await _set_language(harness, CLIENT, "es")
    replies = await harness.press(CLIENT, PickLanguage("xx").pack())
    assert replies == [en("LANGUAGE_SET").format(language="English")]
    assert (await harness.person(CLIENT)).language == "en"


async def test_spanish_crisis_words_get_the_spanish_reply_and_lines_whatever_the_setting(harness):
    await harness.enroll(CLIENT)  # reads English
    replies = await harness.send(CLIENT, "ya no quiero vivir, me quiero morir")
    assert DEFAULT_CRISIS_LINES_ES in replies[0] and "oprime 2" in replies[0]
    assert html.escape(harness.settings.crisis_lines) not in replies[0]
    async with harness.db.session() as s:
        assert len((await s.execute(select(Alert))).scalars().all()) == 1


async def test_a_spanish_reader_writing_english_crisis_words_gets_the_english_reply(harness):
    await harness.enroll(CLIENT)
    await _set_language(harness, CLIENT, "es")
    replies = await harness.send(CLIENT, "i want to kill myself tonight")
    assert html.escape(harness.settings.crisis_lines) in replies[0] and "oprime 2" not in replies[0]
    assert replies[0].startswith(en("CRISIS_REPLY")[:30])


async def test_the_clinic_sets_the_spanish_lines(tmp_path: Path) -> None:
    harness = Harness(make_settings(tmp_path, crisis_lines_es="• Línea local: 555-0100"))
    await harness.start()
    try:
        await harness.enroll(CLIENT)
        await _set_language(harness, CLIENT, "es")
        replies = await harness.send(CLIENT, "me quiero matar")
        assert "555-0100" in replies[0] and "741741" not in replies[0]
        replies = await harness.send(OTHER, "hola")  # a stranger writing Spanish, in crisis or not, is not told these
        assert not any("555-0100" in r for r in replies)
    finally:
        await harness.stop()


async def test_staff_choose_the_language_under_a_new_code(harness):
    await harness.enroll(STAFF, Role.STAFF)
    issued = await harness.invite(Role.CLIENT)
    invite_id = issued.id
    replies = await harness.press(STAFF, InviteLanguage(invite_id, "es").pack())
    assert replies == [en("INVITE_LANGUAGE_SET").format(language="Español")]
    async with harness.db.session() as s:
        assert (await s.get(Invite, invite_id)).language == "es"
    replies = await harness.send(OTHER, f"/start {issued.code}")
    assert replies[-1] == es("CONSENT_QUESTION")
    await harness.press(OTHER, AGREE)
    # A used code can no longer change.
    replies = await harness.press(STAFF, InviteLanguage(invite_id, "en").pack())
    assert replies == [en("INVITE_NOT_PENDING")]


async def test_a_client_cannot_change_an_invite_language(harness):
    await harness.enroll(CLIENT)
    invite_id = (await harness.invite(Role.CLIENT)).id
    replies = await harness.press(CLIENT, InviteLanguage(invite_id, "es").pack())
    assert len(replies) == 1 and "/invite" in replies[0] and "Español" not in replies[0]  # not theirs to use
    async with harness.db.session() as s:
        assert (await s.get(Invite, invite_id)).language is None


async def test_a_spanish_reader_types_the_check_in_in_spanish(harness):
    await harness.enroll(CLIENT, language="es")
    await harness.send(CLIENT, "/checkin")
    replies = await harness.send(CLIENT, "siete")  # craving, in words
    assert es("CHECKIN_ASK", "mood") in replies[-1]
    replies = await harness.send(CLIENT, "más o menos")  # mood 3
    assert es("CHECKIN_ASK", "use") in replies[-1]
    replies = await harness.send(CLIENT, "no")
    assert es("CHECKIN_ASK", "sleep") in replies[-1]
