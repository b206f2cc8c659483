"""Crisis lines are never dropped: every text that offers crisis help keeps its lines with no clinic setting."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from bot import texts
from bot.core.config import DEFAULT_CRISIS_LINES, Settings
from bot.domain.faq.content import load_default
from bot.texts import wording
from tests.conftest import make_settings
from tests.support.harness import Harness

CLIENT = 6701
EMPTY_CLINIC = {
    "clinic_name": "",
    "clinic_address": "",
    "clinic_hours": "",
    "clinic_phone": "",
    "bot_display_name": "",
    "crisis_lines": "",
}
FIRST_LINE = DEFAULT_CRISIS_LINES.splitlines()[0]  # "• Call or text 988 ..."


def _crisis_templates() -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for name in texts.ENGLISH:
        value = getattr(texts, name)
        items = value.items() if isinstance(value, dict) else [("", value)]
        for key, v in items:
            if name.isupper() and isinstance(v, str) and "{crisis_lines}" in v:
                found.append((f"{name}[{key}]" if key else name, v))
    return found


def test_an_empty_crisis_lines_setting_falls_back_to_the_national_lines() -> None:
    assert Settings(_env_file=None, crisis_lines="  ").crisis_lines == DEFAULT_CRISIS_LINES  # type: ignore[call-arg]


@pytest.mark.parametrize(("name", "template"), _crisis_templates())
def test_every_crisis_text_keeps_its_lines_with_every_clinic_setting_empty(name: str, template: str) -> None:
    """All values empty but the crisis lines (which cannot be empty): the lines survive the filling."""
    lines = Settings(_env_file=None, **EMPTY_CLINIC).crisis_lines  # type: ignore[arg-type]
    values = {n: "" for n in wording.fields(template)} | {"crisis_lines": lines}
    assert FIRST_LINE in wording.fill(template, values), name


def test_every_faq_answer_that_offers_crisis_help_keeps_its_lines() -> None:
    facts = Settings(_env_file=None, **EMPTY_CLINIC).faq_facts()  # type: ignore[arg-type]
    entries = [e for e in load_default(facts).entries if "{crisis_lines}" in e.answer_template]
    assert entries, "the FAQ offers crisis help somewhere"
    for entry in entries:
        assert FIRST_LINE in entry.answer, (entry.id, entry.answer)


def test_a_missing_setting_removes_only_its_own_clause() -> None:
    template = "Reach out now:\n{lines}\nYou can also call {clinic}[ on {phone}] in opening hours. You're not alone."
    assert wording.fill(template, {"lines": "988", "clinic": "the clinic", "phone": ""}) == (
        "Reach out now:\n988\nYou can also call the clinic in opening hours. You're not alone."
    )
    assert wording.fill(template, {"lines": "988", "clinic": "the clinic", "phone": "555"}) == (
        "Reach out now:\n988\nYou can also call the clinic on 555 in opening hours. You're not alone."
    )
    assert wording.fill("Call us.\n{x} is open.\n\nBye.", {"x": ""}) == "Call us.\n\nBye."


async def test_the_faq_crisis_answer_shows_the_lines_with_no_clinic_settings(tmp_path: Path) -> None:
    harness = Harness(make_settings(tmp_path, **EMPTY_CLINIC))
    await harness.start()
    try:
        await harness.enroll(CLIENT)
        replies = await harness.send(CLIENT, "What should I do if I'm in crisis?")
    finally:
        await harness.stop()
    assert any(FIRST_LINE in html.unescape(r) for r in replies), replies
