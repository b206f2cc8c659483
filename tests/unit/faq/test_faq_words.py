"""The FAQ's word lists (faq/faq_words.yaml): the shipped file loads, and a broken one says where it is wrong."""

from __future__ import annotations

import pytest
import yaml

from bot.domain.faq import DEFAULT_PATH, FaqIndex, parse_knowledge_base
from bot.domain.faq.words import WORDS_PATH, FaqWordsError, default_words, parse_words
from tests.support.facts import FACTS


def shipped() -> dict:  # type: ignore[type-arg]
    return yaml.safe_load(WORDS_PATH.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_shipped_words_load_and_read_client_writing() -> None:
    words = default_words()
    assert words.surface_tokens("wat r ur hrs") == ["whatis", "open"]  # slang, then two phrases
    assert words.term("counsellor") == "therapist" and words.term("the") is None
    assert words.is_smalltalk("heyyy thanks") and not words.is_smalltalk("hey whats the address")


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d["slang"].update({"Thx": "thanks"}), "slang.Thx"),
        (lambda d: d["phrases"].append({"match": "(unclosed", "as": "x"}), "phrases.NEW.match"),
        (lambda d: d["phrases"].append({"match": "x", "with": "y"}), "phrases.NEW.with"),
        (lambda d: d["stop"].append(True), "stop."),
        (lambda d: d["synonyms"]["work"].append("kids"), "'kids' is listed under both 'family' and 'work'"),
        (lambda d: d.pop("smalltalk_core"), "smalltalk_core"),
        (lambda d: d.update({"extra": []}), "extra"),
    ],
)
def test_broken_word_file_names_the_problem(change, where) -> None:  # type: ignore[no-untyped-def]
    data = shipped()
    where = where.replace("NEW", str(len(data["phrases"])))
    change(data)
    with pytest.raises(FaqWordsError) as caught:
        parse_words(yaml.safe_dump(data))
    assert where in str(caught.value)


def test_word_file_with_bad_yaml() -> None:
    with pytest.raises(FaqWordsError, match="YAML syntax error"):
        parse_words("slang: [unclosed")


def test_an_entry_saying_elsewhere_leaves_errands_unanswered() -> None:
    """Errands and pastimes ("walmart", "algebra homework") read as a marker no entry holds. The marker was
    the word "elsewhere": one phrasing "or do i find them elsewhere" made it known, and off-topic
    questions were answered with that entry. A clinic's own words may say "elsewhere" anywhere."""
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    at = text.index("    asked:\n", text.index("  - id: support-groups")) + len("    asked:\n")
    said = text[:at] + "      - are there meetings at the clinic or do i find them elsewhere\n" + text[at:]
    shipped, changed = FaqIndex(parse_knowledge_base(text, FACTS)), FaqIndex(parse_knowledge_base(said, FACTS))
    errand = "can u help me with my algebra homework"
    assert changed.query_terms(errand) == shipped.query_terms(errand)
    assert changed.ask(errand).kind == shipped.ask(errand).kind != "answer"
