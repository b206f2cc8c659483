"""The FAQ content file: the shipped one is clean ("faq check" in the tests), and every kind of
mistake staff could make while editing it is reported, with enough detail to fix it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.core.config import Settings
from bot.domain.faq.content import (
    DEFAULT_PATH,
    MAX_ANSWER_CHARS,
    MAX_ID_CHARS,
    FaqContentError,
    load_default,
    parse_knowledge_base,
    validate,
)
from bot.entry.faq_cli import check_command

FACTS = {
    "clinic_name": "Riverside Recovery",
    "clinic_address": "12 Example St",
    "clinic_hours": "Mon–Fri 8:00–20:00",
    "clinic_phone": "555-0100",
    "clinic_telehealth": "video groups on Tuesday evenings",
    "clinic_parking": "Parking is free behind the building",
    "clinic_childcare": "Childcare is available in room 2 during evening groups",
    "crisis_lines": "Call or text 988 (Suicide & Crisis Lifeline)\nText HOME to 741741",
}

# Topics the program overview says clients must be able to ask about.
REQUIRED_IDS = [
    "what-is-iop",
    "who-is-iop-for",
    "does-iop-work",
    "what-iop-includes",
    "co-occurring-disorders",
    "hours-per-week",
    "days-per-week",
    "session-length",
    "morning-or-evening",
    "work-school-family",
    "group-therapy",
    "individual-therapy",
    "group-types",
    "skills-development-group",
    "psychoeducation-group",
    "refusal-training",
    "relapse-prevention",
    "family-groups",
    "support-groups",
    "spiritual-counselling",
    "mat",
    "medication-management",
    "cravings",
    "withdrawal",
    "addiction-and-the-brain",
    "addiction-as-a-disease",
    "assessments",
    "life-skills",
    "clinic-address",
    "clinic-hours",
    "contact-clinic",
    "what-to-bring",
    "missed-session",
    "in-crisis",
    "cost-and-insurance",
    "bot-privacy",
    "confidentiality",
    "drug-testing",
    "naloxone",
]


def entry_yaml(**fields: object) -> str:
    """One entry as YAML; pass a field as None to leave it out."""
    values: dict[str, object] = {
        "id": "first",
        "question": "What is first?",
        "asked": "[first thing]",
        "answer": "The first answer.",
        "category": "general",
    }
    values.update(fields)
    lines: list[str] = []
    for key, value in values.items():
        if value is None:
            continue
        lines.append(f"    {key}: {value}" if lines else f"  - {key}: {value}")
    return "\n".join(lines) + "\n"


def doc(*entries: str, categories: str = "  - id: general\n    title: General\n") -> str:
    return "categories:\n" + categories + "entries:\n" + "".join(entries or (entry_yaml(),))


OTHER = entry_yaml(id="second", question="Second?", asked="[second thing]")  # keeps "general" in use


def only_problem(text: str, *needles: str) -> str:
    problems = validate(text, FACTS)
    assert len(problems) == 1, problems
    for needle in needles:
        assert needle in problems[0], problems[0]
    return problems[0]


# ------------------------------------------------------------------ shipped file


def test_shipped_faq_passes_the_check() -> None:
    assert validate(DEFAULT_PATH.read_text(encoding="utf-8"), FACTS) == []
    text, code = check_command(DEFAULT_PATH, FACTS)
    assert code == 0
    assert re.fullmatch(r"ok: \d+ entries in \d+ categories", text)


def test_shipped_faq_only_uses_placeholders_the_settings_provide() -> None:
    facts = Settings(_env_file=None).faq_facts()  # type: ignore[call-arg]
    assert validate(DEFAULT_PATH.read_text(encoding="utf-8"), facts) == []


def test_shipped_faq_covers_the_program_topics() -> None:
    kb = load_default(FACTS)
    missing = [i for i in REQUIRED_IDS if i not in kb.by_id]
    assert not missing
    assert [c.id for c in kb.categories][:2] == ["about-iop", "schedule"]  # file order kept
    assert all(len(e.asked) >= 3 for e in kb.entries), "each entry needs several phrasings"


def test_answers_are_phone_sized_and_plain() -> None:
    kb = load_default(FACTS)
    for e in kb.entries:
        if e.category == "crisis":
            continue  # carries the crisis lines, which are lines rather than sentences
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", e.answer) if s.strip()]
        assert 1 <= len(sentences) <= 5, (e.id, len(sentences))
        assert len(e.answer) <= MAX_ANSWER_CHARS


def test_our_own_words_avoid_stigmatising_terms() -> None:
    # Client phrasings in `asked` may use any words; what the bot says may not.
    stigma = re.compile(
        r"\b(?:addicts?|junkies?|abusers?|substance abuse|clean|dirty|alcoholics?(?! anonymous))\b", re.I
    )
    for e in load_default(FACTS).entries:
        for text in (e.question, e.answer):
            assert not stigma.search(text), (e.id, stigma.search(text))


def test_placeholders_are_filled_from_the_facts() -> None:
    kb = load_default(FACTS)
    assert kb.by_id["clinic-address"].answer.startswith("Riverside Recovery is at 12 Example St.")
    assert "555-0100" in kb.by_id["contact-clinic"].answer
    assert "Mon–Fri 8:00–20:00" in kb.by_id["clinic-hours"].answer
    assert "Text HOME to 741741" in kb.by_id["in-crisis"].answer
    assert not any("{" in e.answer or "}" in e.answer for e in kb.entries)

    other = load_default({**FACTS, "clinic_name": "Lakeside Clinic", "clinic_address": "1 Lake Rd"})
    assert other.by_id["clinic-address"].answer.startswith("Lakeside Clinic is at 1 Lake Rd.")


def test_knowledge_base_lookups() -> None:
    kb = load_default(FACTS)
    assert len(kb) == len(kb.entries)
    assert kb.get("mat") is kb.by_id["mat"]
    assert kb.get("nope") is None
    assert {e.id for e in kb.in_category("medication")} == {"mat", "medication-management", "naloxone"}
    assert [e.id for e in kb.related_to(kb.by_id["mat"])] == list(kb.by_id["mat"].related)


# --------------------------------------------------------------- each problem


def test_minimal_document_is_valid() -> None:
    kb = parse_knowledge_base(doc(), FACTS)
    assert [e.id for e in kb.entries] == ["first"]
    assert kb.entries[0].asked == ("first thing",)


def test_yaml_syntax_error_names_the_line() -> None:
    only_problem(doc() + "  - id: [broken\n", "YAML syntax error", "line ")


@pytest.mark.parametrize("text", ["just a string", "- a\n- list", ""])
def test_top_level_must_be_a_mapping(text: str) -> None:
    only_problem(text, "must be a mapping")


def test_unknown_top_level_key() -> None:
    only_problem(doc() + "extras: 1\n", "unknown top-level key 'extras'")


@pytest.mark.parametrize("field", ["id", "question", "asked", "answer", "category"])
def test_missing_field(field: str) -> None:
    only_problem(doc(entry_yaml(**{field: None}), OTHER), f"missing field '{field}'")


def test_unknown_field_catches_typos() -> None:
    only_problem(doc(entry_yaml(answre="oops")), "unknown field 'answre'")


def test_duplicate_id() -> None:
    second = entry_yaml(question="Another?", asked="[another]")
    only_problem(doc(entry_yaml(), second), "duplicate id 'first'")


def test_id_must_be_a_short_plain_id() -> None:
    only_problem(doc(entry_yaml(id='"First Entry"')), "'First Entry' is not a valid id", "a-z, 0-9", "64 bytes")


@pytest.mark.parametrize("answer", ['""', '"   "'])
def test_empty_answer(answer: str) -> None:
    only_problem(doc(entry_yaml(answer=answer)), "answer is empty")


def test_empty_question() -> None:
    only_problem(doc(entry_yaml(question='""')), "question is empty")


@pytest.mark.parametrize("asked", ["[]", "just one string", '[ok, ""]'])
def test_asked_must_be_a_list_of_questions(asked: str) -> None:
    only_problem(doc(entry_yaml(asked=asked)), "'asked' must be a list")


def test_over_long_answer() -> None:
    problem = only_problem(doc(entry_yaml(answer="x" * (MAX_ANSWER_CHARS + 1))), "characters", str(MAX_ANSWER_CHARS))
    assert str(MAX_ANSWER_CHARS + 1) in problem


def test_length_is_measured_after_filling_placeholders() -> None:
    text = doc(entry_yaml(answer='"' + "x" * (MAX_ANSWER_CHARS - 20) + ' {clinic_address}"'))
    assert validate(text, FACTS) == []
    only_problem(text.replace("{clinic_address}", "{crisis_lines}"), "once filled in")


def test_broken_related_link() -> None:
    only_problem(doc(entry_yaml(related="[nowhere]")), "related id 'nowhere' does not exist")


def test_related_to_itself() -> None:
    only_problem(doc(entry_yaml(related="[first]")), "related lists the entry itself")


def test_related_must_be_a_list() -> None:
    only_problem(doc(entry_yaml(related="7")), "'related' must be a list")


def test_unknown_placeholder_lists_the_known_ones() -> None:
    problem = only_problem(doc(entry_yaml(answer='"Call {clinic_fone}."')), "unknown placeholder {clinic_fone}")
    assert "{clinic_phone}" in problem


def test_placeholder_in_question_is_checked_too() -> None:
    only_problem(doc(entry_yaml(question='"Where is {clinic}?"')), "question", "unknown placeholder {clinic}")


@pytest.mark.parametrize("answer", ['"Open {clinic_hours"', '"Use a } brace"', '"Positional {}"'])
def test_bad_braces(answer: str) -> None:
    assert validate(doc(entry_yaml(answer=answer)), FACTS)


def test_escaped_braces_are_literal() -> None:
    kb = parse_knowledge_base(doc(entry_yaml(answer='"Type {{code}} at {clinic_name}."')), FACTS)
    assert kb.entries[0].answer == "Type {code} at Riverside Recovery."


def test_unknown_category() -> None:
    only_problem(doc(entry_yaml(category="misc"), OTHER), "unknown category 'misc'")


def test_category_without_entries() -> None:
    cats = "  - id: general\n    title: General\n  - id: empty\n    title: Empty\n"
    only_problem(doc(categories=cats), "category 'empty' has no entries")


def test_duplicate_category_and_missing_title() -> None:
    cats = "  - id: general\n    title: General\n  - id: general\n    title: Again\n  - id: other\n"
    problems = validate(doc(categories=cats), FACTS)
    assert any("duplicate category id 'general'" in p for p in problems)
    assert any("needs a non-empty 'title'" in p for p in problems)


def test_same_phrasing_in_two_entries() -> None:
    second = entry_yaml(id="second", question="Second?", asked="[First  THING]")
    only_problem(doc(entry_yaml(), second), "also used by 'first'")


def test_entries_must_be_present() -> None:
    problems = validate("categories:\n  - id: general\n    title: General\nentries: []\n", FACTS)
    assert any("'entries' must be a non-empty list" in p for p in problems)


def test_all_problems_are_reported_at_once_with_lines() -> None:
    text = doc(
        entry_yaml(answer='""'),
        entry_yaml(id="second", question="Second?", asked="[second]", category="misc", related="[ghost]"),
    )
    problems = validate(text, FACTS)
    assert len(problems) == 3, problems
    assert "line 5" in problems[0] and "line 10" in problems[1]
    with pytest.raises(FaqContentError) as caught:
        parse_knowledge_base(text, FACTS)
    assert caught.value.problems == problems


def test_check_command_lists_problems_and_fails(tmp_path: Path) -> None:
    path = tmp_path / "faq.yaml"
    path.write_text(doc(entry_yaml(answer='""', related="[ghost]")), encoding="utf-8")
    text, code = check_command(path, FACTS)
    assert code == 1
    assert text.startswith("2 problems in")
    assert "answer is empty" in text and "'ghost' does not exist" in text


def test_check_command_defaults_to_the_shipped_file() -> None:
    assert check_command(None, FACTS)[1] == 0


def test_check_command_on_missing_file(tmp_path: Path) -> None:
    text, code = check_command(tmp_path / "nope.yaml", FACTS)
    assert code == 1
    assert "cannot read" in text


# ------------------------------------------- uploads that once broke /faq for everyone


@pytest.mark.parametrize(
    ("value", "shown"), [("7", "not the number 7"), ("yes", "not true/false"), ("[a, b]", "not a list")]
)
def test_id_that_is_not_text_is_refused(value: str, shown: str) -> None:
    only_problem(doc(entry_yaml(id=value), OTHER), "entry 1 (no id, line 5)", "id must be text", shown)


def test_mapping_as_category_is_refused() -> None:
    only_problem(doc(entry_yaml(category="{id: general}"), OTHER), "entry 1 (first", "category", "not a mapping")


def test_entry_id_too_long_for_button_data_is_refused() -> None:
    long_id = "a" * (MAX_ID_CHARS + 1)
    problem = only_problem(doc(entry_yaml(id=long_id), OTHER), f"{long_id!r} is not a valid id")
    assert f"at most {MAX_ID_CHARS} characters" in problem and "64 bytes" in problem


def test_category_id_too_long_or_not_text_is_refused() -> None:
    long_cat = "c" * (MAX_ID_CHARS + 1)
    cats = (
        f"  - id: general\n    title: General\n  - id: {long_cat}\n    title: Long\n  - id: {{x: 1}}\n    title: Map\n"
    )
    problems = validate(doc(categories=cats), FACTS)
    assert len(problems) == 2, problems
    assert all("needs an 'id' like 'about-iop'" in p and "64 bytes" in p for p in problems)
    assert problems[0].startswith("category 2 (line 4)") and problems[1].startswith("category 3 (line 6)")


def test_longest_ids_fit_telegram_button_data() -> None:
    """An id at the limit still fits 64 bytes with the FAQ's button prefixes and a page number."""
    longest = "x" * MAX_ID_CHARS
    kb = parse_knowledge_base(
        doc(entry_yaml(id=longest, category=longest), categories=f"  - id: {longest}\n    title: T\n"), FACTS
    )
    assert kb.entries[0].id == longest
    for data in (f"faq:cat:{longest}:999", f"faq:e:{longest}", f"1|faqcat|{longest}|999", f"1|faqentry|{longest}"):
        assert len(data.encode()) <= 64


def test_unknown_related_and_empty_answer_in_one_file_are_both_reported() -> None:
    text = doc(
        entry_yaml(answer='""'), entry_yaml(id="second", question="Second?", asked="[second]", related="[ghost]")
    )
    problems = validate(text, FACTS)
    assert [p.split(": ", 1)[1] for p in problems] == ["answer is empty", "related id 'ghost' does not exist"]
    assert problems[0].startswith("entry 1 (first, line 5)") and problems[1].startswith("entry 2 (second, line 10)")


def test_entry_that_is_not_a_mapping() -> None:
    only_problem(doc("  - just text\n", OTHER), "entry 1, line 5: must be a mapping of fields")


def test_wrong_types_in_question_and_related() -> None:
    problems = validate(doc(entry_yaml(question="{a: 1}", related="[1, 2]")), FACTS)
    assert any("question must be text, not a mapping" in p for p in problems), problems
    assert any("'related' must be a list of entry ids" in p for p in problems), problems


@pytest.mark.parametrize(
    ("entry_id", "setting", "value"),
    [
        ("parking", "clinic_parking", "Free parking is behind the building"),
        ("telehealth", "clinic_telehealth", "video groups on Tuesday evenings"),
        ("childcare", "clinic_childcare", "Childcare is available in room 2 during evening groups"),
    ],
)
def test_the_practical_entries_say_what_the_clinic_set_and_stand_without_it(
    entry_id: str, setting: str, value: str
) -> None:
    """Parking and telehealth: the clinic's own sentence when set; the general advice alone when not."""
    told = load_default({**FACTS, setting: value}).by_id[entry_id]
    assert value in told.answer and told.text("es").answer.count(value) == 1
    unset = load_default({**FACTS, setting: ""}).by_id[entry_id]
    assert value not in unset.answer and unset.answer.strip() and " ." not in unset.answer
    assert "offers ." not in unset.answer and not unset.answer.startswith(".")


def test_the_new_entries_are_in_both_languages() -> None:
    kb = load_default(FACTS)
    for entry_id in ("court-letters", "cannabis", "telehealth", "parking"):
        entry = kb.by_id[entry_id]
        assert entry.languages == ("en", "es"), entry_id
