"""The Spanish part of the FAQ content: the shipped file has it for every entry and category, and each
mistake in an `es:` block is reported like the English one (what, where), so an upload is refused."""

from __future__ import annotations

import re

import pytest

from bot.core.config import Settings
from bot.domain.faq.content import DEFAULT_PATH, MAX_ANSWER_CHARS, load_default, parse_knowledge_base, validate
from tests.support.facts import FACTS

FACTS_ES = {**FACTS, "crisis_lines": "Llama o manda un mensaje al 988 (Línea de Crisis y Suicidio)"}

ES_OK = "{question: ¿Qué es lo primero?, asked: [lo primero], answer: La primera respuesta.}"


def entry_yaml(**fields: object) -> str:
    """One entry as YAML, with a Spanish block by default; pass a field as None to leave it out."""
    values: dict[str, object] = {
        "id": "first",
        "question": "What is first?",
        "asked": "[first thing]",
        "answer": "The first answer.",
        "category": "general",
        "es": ES_OK,
    }
    values.update(fields)
    lines: list[str] = []
    for key, value in values.items():
        if value is None:
            continue
        lines.append(f"    {key}: {value}" if lines else f"  - {key}: {value}")
    return "\n".join(lines) + "\n"


def doc(*entries: str, categories: str = "  - id: general\n    title: General\n    es: {title: General}\n") -> str:
    return "categories:\n" + categories + "entries:\n" + "".join(entries or (entry_yaml(),))


def only_problem(text: str, *needles: str) -> str:
    problems = validate(text, FACTS, {"es": FACTS_ES})
    assert len(problems) == 1, problems
    for needle in needles:
        assert needle in problems[0], problems[0]
    return problems[0]


# ------------------------------------------------------------------ shipped file


def test_shipped_faq_has_spanish_for_every_entry_and_category() -> None:
    kb = load_default(FACTS)
    assert kb.languages == ("en", "es")
    assert [e.id for e in kb.entries if not e.has("es")] == []
    assert all(c.title_in("es") != c.title for c in kb.categories)
    assert all(len(e.text("es").asked) >= 3 for e in kb.entries), "each entry needs several Spanish phrasings"


def test_shipped_spanish_uses_the_placeholders_the_settings_provide() -> None:
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert validate(DEFAULT_PATH.read_text(encoding="utf-8"), settings.faq_facts(), {"es": FACTS_ES}) == []


def test_spanish_answers_are_phone_sized_and_filled() -> None:
    kb = load_default(FACTS, {"es": FACTS_ES})
    for e in kb.entries:
        es = e.text("es")
        assert es.lang == "es" and len(es.answer) <= MAX_ANSWER_CHARS
        assert "{" not in es.answer and "}" not in es.answer
        if e.category != "crisis":
            sentences = [s for s in re.split(r"(?<=[.!?])\s+", es.answer) if s.strip()]
            assert 1 <= len(sentences) <= 5, (e.id, len(sentences))


def test_spanish_placeholders_are_filled_with_the_spanish_facts() -> None:
    kb = load_default(FACTS, {"es": FACTS_ES})
    crisis = kb.by_id["in-crisis"]
    assert "Línea de Crisis" in crisis.text("es").answer and "988" in crisis.text("es").answer
    assert "Suicide & Crisis Lifeline" in crisis.answer  # English keeps its own lines
    assert kb.by_id["clinic-address"].text("es").answer.startswith("Riverside Recovery está en 12 Example St.")
    # without Spanish facts, the English ones fill the Spanish text
    assert "Suicide & Crisis Lifeline" in load_default(FACTS).by_id["in-crisis"].text("es").answer


def test_our_spanish_words_avoid_stigmatising_terms() -> None:
    stigma = re.compile(
        r"\b(?:adict[oa]s?|drogadict[oa]s?|viciosos?|abuso de sustancias|limpi[oa]s?|suci[oa]s?|"
        r"alcoh[oó]lic[oa]s?(?! an[oó]nimos))\b",
        re.I,
    )
    for e in load_default(FACTS).entries:
        es = e.text("es")
        for text in (es.question, es.answer):
            assert not stigma.search(text), (e.id, stigma.search(text))


def test_text_falls_back_to_english_for_a_language_an_entry_lacks() -> None:
    kb = parse_knowledge_base(doc(entry_yaml(es=None)), FACTS)
    entry = kb.entries[0]
    assert not entry.has("es") and entry.languages == ("en",)
    assert entry.text("es").answer == "The first answer." and entry.text("es").lang == "en"
    assert kb.languages == ("en",)
    assert kb.categories[0].title_in("fr") == "General"


# --------------------------------------------------------------- each problem


def test_minimal_two_language_document_is_valid() -> None:
    kb = parse_knowledge_base(doc(), FACTS)
    entry = kb.entries[0]
    assert entry.text("es").question == "¿Qué es lo primero?" and entry.text("es").asked == ("lo primero",)
    assert kb.languages == ("en", "es")


@pytest.mark.parametrize("field", ["question", "asked", "answer"])
def test_missing_spanish_field(field: str) -> None:
    parts = {"question": "¿Qué?", "asked": "[qué]", "answer": "Esto."}
    del parts[field]
    block = "{" + ", ".join(f"{k}: {v}" for k, v in parts.items()) + "}"
    only_problem(doc(entry_yaml(es=block)), "entry 1 (first", f"missing field 'es.{field}'")


def test_empty_spanish_answer() -> None:
    only_problem(doc(entry_yaml(es='{question: ¿Qué?, asked: [qué], answer: ""}')), "es.answer is empty")


def test_spanish_asked_must_be_a_list() -> None:
    only_problem(doc(entry_yaml(es="{question: ¿Qué?, asked: qué, answer: Esto.}")), "'es.asked' must be a list")


def test_unknown_field_in_the_spanish_block() -> None:
    only_problem(doc(entry_yaml(es="{question: ¿Qué?, asked: [qué], answer: Esto., respuesta: x}")), "'es.respuesta'")


def test_spanish_block_that_is_not_a_mapping() -> None:
    only_problem(doc(entry_yaml(es="[una, lista]")), "'es' must be a mapping", "in Spanish", "not a list")


def test_over_long_spanish_answer() -> None:
    long = "x" * (MAX_ANSWER_CHARS + 1)
    problem = only_problem(doc(entry_yaml(es=f"{{question: ¿Qué?, asked: [qué], answer: {long}}}")), "es.answer is")
    assert str(MAX_ANSWER_CHARS + 1) in problem and str(MAX_ANSWER_CHARS) in problem


def test_spanish_length_is_measured_with_the_spanish_facts() -> None:
    """The Spanish crisis lines may be longer than the English ones: the Spanish answer is measured with them."""
    answer = '"' + "x" * (MAX_ANSWER_CHARS - 60) + ' {crisis_lines}"'
    text = doc(entry_yaml(answer='"Call. {crisis_lines}"', es=f"{{question: ¿Qué?, asked: [qué], answer: {answer}}}"))
    assert validate(text, FACTS) == []
    only_problem(text, "es.answer is", "once filled in")


def test_unknown_placeholder_in_spanish() -> None:
    block = '{question: ¿Qué?, asked: [qué], answer: "Llama a {clinica}."}'
    problem = only_problem(doc(entry_yaml(es=block)), "es.answer", "unknown placeholder {clinica}")
    assert "{clinic_name}" in problem


def test_bad_braces_in_spanish() -> None:
    block = '{question: ¿Qué?, asked: [qué], answer: "Abre {clinic_hours"}'
    assert any("es.answer" in p and "braces" in p for p in validate(doc(entry_yaml(es=block)), FACTS))


def test_spanish_answer_must_use_the_english_placeholders() -> None:
    english = '"Call {clinic_phone} or {crisis_lines}."'
    block = '{question: ¿Qué?, asked: [qué], answer: "Llama al {clinic_phone}."}'
    only_problem(doc(entry_yaml(answer=english, es=block)), "es.answer leaves out {crisis_lines}", "same placeholders")
    block = '{question: ¿Qué?, asked: [qué], answer: "Llama al {clinic_phone} o ven a {clinic_address}."}'
    only_problem(doc(entry_yaml(answer='"Call {clinic_phone}."', es=block)), "adds {clinic_address}")


def test_same_spanish_phrasing_in_two_entries() -> None:
    second = entry_yaml(
        id="second", question="Second?", asked="[second]", es="{question: ¿Segundo?, asked: [LO  primero], answer: B.}"
    )
    only_problem(doc(entry_yaml(), second), "es.question 'LO  primero' is also used by 'first'")


def test_a_phrasing_may_read_the_same_in_both_languages() -> None:
    """ "IOP" in English and in Spanish is one question per language, not a duplicate."""
    es = "{question: ¿IOP?, asked: [iop], answer: Sí.}"
    assert validate(doc(entry_yaml(asked="[iop]", es=es)), FACTS) == []


@pytest.mark.parametrize(
    ("es", "needle"),
    [("{title: ''}", "es needs a non-empty 'title'"), ("{titulo: x}", "unknown field 'es.titulo'"), ("x", "'es' must")],
)
def test_broken_spanish_category_title(es: str, needle: str) -> None:
    cats = f"  - id: general\n    title: General\n    es: {es}\n"
    only_problem(doc(categories=cats), "category 1 (line 2)", needle)


def test_every_problem_at_once_in_both_languages() -> None:
    text = doc(
        entry_yaml(answer='""', es='{question: ¿Qué?, asked: [qué], answer: ""}'),
        entry_yaml(id="second", question="Second?", asked="[second]", es="{question: ¿Dos?, answer: Dos.}"),
    )
    problems = validate(text, FACTS)
    assert [p.split(": ", 1)[1] for p in problems] == [
        "answer is empty",
        "es.answer is empty",
        "missing field 'es.asked'",
    ], problems
    assert problems[0].startswith("entry 1 (first, line 6)") and problems[2].startswith("entry 2 (second, line 12)")
