"""The catalogues: current with the code, complete, and every translation true to its source's shape."""

from __future__ import annotations

import pathlib
import re
import string
from collections import Counter

import pytest
from babel.messages.pofile import read_po

from bot import texts
from bot.texts import catalogue, extract, wording

ROOT = pathlib.Path(__file__).resolve().parents[3]
TEXTS = ROOT / "bot" / "texts"
SKIP = {"__init__", "catalogue", "extract", "overrides", "wording"}


def _extracted() -> dict[tuple[str, str], object]:
    """What `pybabel extract` would list today, by (context, msgid)."""
    found: dict[tuple[str, str], object] = {}
    for path in sorted(TEXTS.glob("*.py")):
        if path.stem in SKIP:
            continue
        for _, _, message, _ in extract.messages(f"bot.texts.{path.stem}", path.read_text()):
            assert isinstance(message, tuple)
            found[(message[0], message[1])] = message[2:]
    return found


def _catalogue(lang: str):  # type: ignore[no-untyped-def]
    with (TEXTS / "locale" / lang / "LC_MESSAGES" / "messages.po").open("rb") as f:
        return read_po(f, locale=lang)


def _entries(lang: str) -> dict[tuple[str, str], object]:
    return {(m.context, m.id if isinstance(m.id, str) else m.id[0]): m for m in _catalogue(lang) if m.id}


OTHER = [lang for lang in catalogue.languages() if lang != catalogue.SOURCE]


def test_spanish_is_a_language_the_bot_speaks() -> None:
    assert catalogue.languages() == ("en", "es")
    assert catalogue.supported("es-MX") == "es" and catalogue.supported("pt-BR") is None


def test_the_template_lists_exactly_what_the_code_says() -> None:
    """Run `pybabel extract` (README, Languages) after changing a text: this fails until you do."""
    with (TEXTS / "locale" / "messages.pot").open("rb") as f:
        template = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in read_po(f) if m.id}
    assert template == set(_extracted())


@pytest.mark.parametrize("lang", OTHER)
def test_every_entry_is_translated_and_none_is_left_over(lang: str) -> None:
    entries = _entries(lang)
    assert set(entries) == set(_extracted()), "run `pybabel update` (README, Languages)"
    untranslated = [
        key
        for key, m in entries.items()
        if not m.string or (isinstance(m.string, tuple) and not all(m.string)) or m.fuzzy  # type: ignore[attr-defined]
    ]
    assert untranslated == []


def _fields(text: str) -> Counter[str]:
    return Counter(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)


_TAG = re.compile(r"</?([a-z]+)")


@pytest.mark.parametrize("lang", OTHER)
def test_each_translation_keeps_its_placeholders_tags_and_optional_parts(lang: str) -> None:
    wrong = []
    for (context, _), m in _entries(lang).items():
        sources = m.id if isinstance(m.id, tuple) else (m.id,)  # type: ignore[attr-defined]
        targets = m.string if isinstance(m.string, tuple) else (m.string,)  # type: ignore[attr-defined]
        for source in sources:
            for target in targets:
                if set(_fields(source)) != set(_fields(target)):
                    wrong.append((context, "placeholders", sorted(_fields(source)), sorted(_fields(target))))
                if Counter(_TAG.findall(source)) != Counter(_TAG.findall(target)):
                    wrong.append((context, "tags", _TAG.findall(source), _TAG.findall(target)))
                if source.count("[") != target.count("[") or source.count("]") != target.count("]"):
                    wrong.append((context, "optional parts", source.count("["), target.count("[")))
    assert wrong == []


def _all_texts() -> list[tuple[str, str]]:
    found = []
    for name, value in texts.ENGLISH.items():
        if isinstance(value, str):
            found.append((name, value))
        elif isinstance(value, dict):
            found += [(f"{name}.{catalogue.key_name(k)}", v) for k, v in value.items() if isinstance(v, str)]
    return found


@pytest.mark.parametrize("lang", catalogue.languages())
def test_every_text_renders_with_every_value_set_and_with_none(lang: str) -> None:
    for name, english in _all_texts():
        template = catalogue.translate(name, english, lang)
        names = wording.fields(template)
        filled = wording.fill(template, dict.fromkeys(names, "X"))
        empty = wording.fill(template, dict.fromkeys(names, ""))
        assert "{" not in filled.replace("{{", "") and "{" not in empty.replace("{{", ""), name


def test_plurals_follow_each_language() -> None:
    with catalogue.speaking("es"):
        assert (wording.count(1, "appointment"), wording.count(2, "appointment")) == ("1 cita", "2 citas")
        assert wording.count(0, "client") == "0 clientes"
    assert (wording.count(1, "appointment"), wording.count(3, "appointment")) == ("1 appointment", "3 appointments")


# Words that only English uses: one of them in a Spanish text means a sentence or part was left untranslated.
ENGLISH_ONLY = frozenset(
    [
        "the",
        "you",
        "your",
        "yours",
        "and",
        "with",
        "for",
        "from",
        "this",
        "that",
        "these",
        "those",
        "will",
        "would",
        "should",
        "could",
        "have",
        "had",
        "please",
        "thanks",
        "thank",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "how",
        "here",
        "there",
        "they",
        "them",
        "their",
        "our",
        "was",
        "were",
        "been",
        "being",
        "about",
        "after",
        "before",
        "again",
        "any",
        "some",
        "every",
        "each",
        "just",
        "only",
        "also",
        "still",
        "into",
        "onto",
        "than",
        "then",
        "because",
        "while",
        "can't",
        "don't",
        "won't",
        "it's",
        "i'm",
        "you're",
        "we're",
        "isn't",
        "aren't",
        "doesn't",
        "didn't",
        "check",
        "saved",
        "sent",
        "done",
        "cancel",
        "back",
        "today",
        "tomorrow",
        "yesterday",
        "week",
        "weeks",
        "day",
        "days",
        "time",
        "times",
        "hour",
        "hours",
        "minute",
        "minutes",
        "yes",
    ]
)
# Words Spanish shares with English, or names and terms that stay as they are.
ALLOWED = frozenset({"no", "sms", "ok", "faq", "emoji", "stickers", "sticker"})
_STRIP = re.compile(r"<code>.*?</code>|\{[^{}]*\}|/[a-z_]+|https?://\S+|[\w.]+\.(?:org|com|gov)|<[^>]+>", re.DOTALL)


def _english_words(text: str) -> list[str]:
    words = re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", _STRIP.sub(" ", text))
    return [w for w in words if w.lower() in ENGLISH_ONLY and w.lower() not in ALLOWED]


def test_the_check_finds_english() -> None:
    assert _english_words("Guardado. Thank you for checking in today") == ["Thank", "you", "for", "today"]
    assert _english_words("Escribe <code>today</code> o /checkin") == []


@pytest.mark.parametrize("lang", OTHER)
def test_no_english_is_left_in_a_translation(lang: str) -> None:
    left = {}
    for (context, _), m in _entries(lang).items():
        if context in extract.PATTERNS:
            continue
        targets = m.string if isinstance(m.string, tuple) else (m.string,)  # type: ignore[attr-defined]
        found = [w for t in targets for w in _english_words(t)]
        if found:
            left[context] = found
    assert left == {}
