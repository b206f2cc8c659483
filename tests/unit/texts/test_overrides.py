"""A clinic's own wording: read per language, checked at start with every problem listed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot import texts
from bot.core.errors import ConfigError
from bot.texts import catalogue, overrides


@pytest.fixture(autouse=True)
def _no_overrides_after() -> Iterator[None]:
    yield
    catalogue.use_overrides({})


def test_an_override_replaces_one_text_in_one_language(tmp_path: Path) -> None:
    (tmp_path / "texts.es.yaml").write_text(
        'WELCOME_BACK: "¡Qué gusto verte otra vez!"\nCHECKIN_ASK.mood: "¿Cómo está tu ánimo?"\n', encoding="utf-8"
    )
    assert overrides.apply(str(tmp_path)) == 2
    with catalogue.speaking("es"):
        assert texts.WELCOME_BACK == "¡Qué gusto verte otra vez!"
        assert texts.CHECKIN_ASK["mood"] == "¿Cómo está tu ánimo?"
        assert texts.CHECKIN_ASK["sleep"] != texts.ENGLISH["CHECKIN_ASK"]["sleep"]  # the rest from the catalogue
    assert texts.ENGLISH["WELCOME_BACK"] == texts.WELCOME_BACK  # English readers are untouched


def test_english_can_be_overridden_too(tmp_path: Path) -> None:
    (tmp_path / "texts.en.yaml").write_text('WELCOME_BACK: "Good to see you again at Riverside."\n')
    overrides.apply(str(tmp_path))
    assert texts.WELCOME_BACK == "Good to see you again at Riverside."


def test_every_problem_is_listed_at_once_and_nothing_is_used(tmp_path: Path) -> None:
    (tmp_path / "texts.es.yaml").write_text(
        'NO_SUCH_TEXT: "hola"\nCRISIS_REPLY: "Llama ya."\nWELCOME_BACK: ""\n', encoding="utf-8"
    )
    (tmp_path / "texts.de.yaml").write_text('WELCOME_BACK: "Willkommen"\n')
    with pytest.raises(ConfigError) as caught:
        overrides.apply(str(tmp_path))
    message = str(caught.value)
    assert "texts.de.yaml: no catalogue for language 'de'" in message
    assert "NO_SUCH_TEXT: no text has this name" in message
    assert "CRISIS_REPLY: placeholders must be {crisis_lines}" in message  # the lines can't be dropped
    assert "WELCOME_BACK: the text is empty" in message
    with catalogue.speaking("es"):
        assert "{crisis_lines}" in texts.CRISIS_REPLY


def test_broken_yaml_is_named(tmp_path: Path) -> None:
    (tmp_path / "texts.es.yaml").write_text("WELCOME_BACK: [unclosed\n")
    with pytest.raises(ConfigError, match="texts.es.yaml: not valid YAML"):
        overrides.apply(str(tmp_path))


def test_no_folder_means_no_overrides(tmp_path: Path) -> None:
    assert overrides.apply(str(tmp_path / "missing")) == 0
