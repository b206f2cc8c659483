"""The FAQ in Spanish through the real Application: a question is answered in the language it is written in,
menus follow the reader's language, and /faqupload and /faqdownload carry both languages."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select

from bot import texts
from bot.db.models import FaqGap, Role
from bot.domain.faq import DEFAULT_PATH, parse_knowledge_base
from bot.texts import catalogue
from conversations.faq.answers import CategoryButton, EntryButton, HomeButton
from tests.integration.test_faq_download import capture_documents
from tests.support import tg
from tests.support.facts import FACTS
from tests.support.harness import Harness

CLIENT, READER_ES, STAFF = 6901, 6902, 7901
CONTENT = Path(__file__).parents[2] / "bot" / "domain" / "faq" / "faq.yaml"


def shipped() -> dict[str, Any]:
    return yaml.safe_load(CONTENT.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def entry(data: dict[str, Any], entry_id: str) -> dict[str, Any]:
    return next(e for e in data["entries"] if e["id"] == entry_id)


def es(name: str) -> str:
    with catalogue.speaking("es"):
        return str(getattr(texts, name))


async def test_a_spanish_question_gets_the_spanish_answer_and_an_english_one_the_english(harness: Harness) -> None:
    await harness.enroll(CLIENT)
    data = shipped()
    evening = entry(data, "morning-or-evening")

    replies = await harness.send(CLIENT, "a q hora es el grupo")
    assert len(replies) == 1
    shown = html.unescape(replies[0])
    assert shown.startswith(f"<b>{evening['es']['question']}</b>")
    assert "Hay opciones en la mañana" in shown and "morning and evening options" not in shown

    replies = await harness.send(CLIENT, "what time of day are the groups")
    shown = html.unescape(replies[0])
    assert shown.startswith(f"<b>{evening['question']}</b>") and "There are morning and evening options" in shown
    assert "Hay opciones" not in shown
    assert any(EntryButton.matches(d) for _, d in harness.last(CLIENT).buttons)


async def test_placeholders_in_a_spanish_answer_are_filled_or_left_out(harness: Harness) -> None:
    await harness.enroll(CLIENT)
    replies = await harness.send(CLIENT, "eres un robot?")
    assert "Soy un asistente automático de Riverside Recovery." in html.unescape(replies[0])
    # The clinic's address and phone are not set here: their sentence goes, the rest stays.
    shown = html.unescape((await harness.send(CLIENT, "¿dónde queda la clínica?"))[0])
    assert shown.endswith(
        "Tu equipo de atención también puede darte la dirección y las indicaciones para llegar en cualquier sesión."
    )
    assert "{" not in shown and "está en" not in shown


async def test_a_spanish_reader_browses_in_spanish_and_an_english_question_is_answered_in_english(
    harness: Harness,
) -> None:
    await harness.enroll(READER_ES, language="es")
    data = shipped()
    await harness.send(READER_ES, "/faq")
    home = harness.last(READER_ES).buttons
    assert (data["categories"][0]["es"]["title"], CategoryButton("about-iop", 0).pack()) in home
    assert data["categories"][0]["title"] not in [label for label, _ in home]

    await harness.press(READER_ES, CategoryButton("about-iop", 0).pack())
    page = harness.last(READER_ES).buttons
    assert (entry(data, "what-is-iop")["es"]["question"][:60], EntryButton("what-is-iop").pack()) in page
    assert (es("FAQ_HOME_BUTTON"), HomeButton().pack()) in page

    await harness.press(READER_ES, EntryButton("what-is-iop").pack())
    assert "IOP son las siglas en inglés" in html.unescape(harness.last(READER_ES).text)

    # Written in English, the answer is English, whatever the reader's language.
    replies = await harness.send(READER_ES, "how many hours a week is the program")
    shown = html.unescape(replies[0])
    assert "Most people spend about 9 to 12 hours a week" in shown and "La mayoría" not in shown


async def test_a_spanish_question_the_faq_cannot_answer_is_kept_as_a_gap(harness: Harness) -> None:
    await harness.enroll(CLIENT)
    replies = await harness.send(CLIENT, "quien gano el partido del domingo")
    assert replies in ([texts.ENGLISH["FAQ_NOT_SURE"]], [es("FAQ_NOT_SURE")]), replies
    async with harness.db.session() as s:
        gap = (await s.execute(select(FaqGap))).scalar_one()
    assert gap.text == "quien gano el partido del domingo"


async def test_faqupload_refuses_a_broken_spanish_part_and_keeps_the_old_content(harness: Harness) -> None:
    await harness.enroll(STAFF, Role.STAFF)
    before = harness.app.bot_data["services"].faq.kb
    data = shipped()
    entry(data, "clinic-address")["es"]["answer"] = "Estamos en {direccion_clinica}."
    del entry(data, "session-length")["es"]["asked"]
    harness.req.files["bad-es"] = yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode()
    replies = await harness.push(STAFF, tg.document(harness.bot, STAFF, "bad-es", "faq.yaml", caption="/faqupload"))
    shown = html.unescape(replies[0])
    assert "I did not load that file" in shown
    assert "(clinic-address, line " in shown and "es.answer: unknown placeholder {direccion_clinica}" in shown
    assert "(session-length, line " in shown and "missing field 'es.asked'" in shown
    assert harness.app.bot_data["services"].faq.kb is before


async def test_faqupload_with_new_spanish_text_is_used_at_once(harness: Harness) -> None:
    await harness.enroll(STAFF, Role.STAFF)
    await harness.enroll(CLIENT)
    data = shipped()
    # {clinic_name}: the hours are unset here, and a sentence needing an unset value is left out.
    entry(data, "clinic-hours")["es"]["answer"] = "Nuevo horario, cargado hoy en {clinic_name}."
    entry(data, "clinic-hours")["answer"] = "New hours, uploaded today at {clinic_name}."
    harness.req.files["good-es"] = yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode()
    replies = await harness.push(STAFF, tg.document(harness.bot, STAFF, "good-es", "faq.yaml", caption="/faqupload"))
    assert replies[0].startswith("New FAQ loaded:")
    assert "Nuevo horario, cargado hoy" in html.unescape((await harness.send(CLIENT, "¿a qué hora abren?"))[0])
    assert "New hours, uploaded today" in html.unescape((await harness.send(CLIENT, "what time do you open"))[0])


async def test_faqdownload_carries_both_languages(harness: Harness) -> None:
    await harness.enroll(STAFF, Role.STAFF)
    docs = capture_documents(harness)
    await harness.send(STAFF, "/faqdownload")
    [(_, content)] = docs
    assert content == DEFAULT_PATH.read_bytes()
    kb = parse_knowledge_base(content.decode(), FACTS)
    assert kb.languages == ("en", "es") and all(e.has("es") for e in kb.entries)
