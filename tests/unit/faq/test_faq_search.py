"""FAQ retrieval: accuracy on the labelled client questions, "not sure" on off-topic ones,
small talk, crisis first, slang and typos, and the ask command's output."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest
import yaml

from bot.domain.faq import parts
from bot.domain.faq.content import KnowledgeBase, load_default
from bot.domain.faq.search import FaqIndex
from bot.entry.faq_cli import ask_command
from tests.support.facts import FACTS

LABELLED = Path(__file__).parents[2] / "data" / "faq_labelled.yaml"

T = TypeVar("T")

IN_SCOPE_TARGET = 0.95  # answered, with the right entry
OUT_OF_SCOPE_TARGET = 0.90  # "not sure" or small talk


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_default(FACTS)


@pytest.fixture(scope="module")
def index(kb: KnowledgeBase) -> FaqIndex:
    return FaqIndex(kb)


@pytest.fixture(scope="module")
def labelled() -> dict[str, Any]:
    return yaml.safe_load(LABELLED.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def in_scope_pairs(labelled: dict[str, Any]) -> list[tuple[str, str]]:
    return [(q, entry_id) for entry_id, questions in labelled["in_scope"].items() for q in questions]


# ----------------------------------------------------------------- the labelled set


def test_labelled_set_is_big_enough_and_honest(labelled: dict[str, Any], kb: KnowledgeBase) -> None:
    pairs = in_scope_pairs(labelled)
    assert len(pairs) >= 150
    assert len(labelled["out_of_scope"]) >= 40
    assert set(labelled["in_scope"]) <= set(kb.by_id), "labels must name real entries"
    assert set(labelled["in_scope"]) == set(kb.by_id), "every entry needs labelled questions"

    # Generalisation is only measured if no question is a copy of the FAQ's own phrasings.
    def norm(text: str) -> str:
        return " ".join("".join(c for c in text.casefold() if c.isalnum() or c.isspace()).split())

    phrasings = {norm(p) for e in kb.entries for p in (e.question, *e.asked)}
    copied = [q for q, _ in pairs if norm(q) in phrasings]
    assert not copied, copied


def test_in_scope_accuracy(index: FaqIndex, labelled: dict[str, Any]) -> None:
    pairs = in_scope_pairs(labelled)
    misses = []
    for question, expected in pairs:
        result = index.ask(question)
        if result.kind != "answer" or result.entry is None or result.entry.id != expected:
            got = result.entry.id if result.entry else f"{result.kind} {[e.id for e in result.alternatives]}"
            misses.append(f"{question!r}: expected {expected}, got {got} (score {result.score})")
    accuracy = 1 - len(misses) / len(pairs)
    print(f"in-scope top-1 answered correctly: {accuracy:.1%} of {len(pairs)}")
    assert accuracy >= IN_SCOPE_TARGET, f"{accuracy:.1%} < {IN_SCOPE_TARGET:.0%}; misses:\n" + "\n".join(misses)


def test_out_of_scope_gets_not_sure(index: FaqIndex, labelled: dict[str, Any]) -> None:
    questions = labelled["out_of_scope"]
    wrong = []
    for question in questions:
        result = index.ask(question)
        if result.kind not in ("not_sure", "smalltalk"):
            got = result.entry.id if result.entry else result.kind
            wrong.append(f"{question!r}: answered {got} (score {result.score})")
    rate = 1 - len(wrong) / len(questions)
    print(f"out-of-scope not sure: {rate:.1%} of {len(questions)}")
    assert rate >= OUT_OF_SCOPE_TARGET, f"{rate:.1%} < {OUT_OF_SCOPE_TARGET:.0%}; answered:\n" + "\n".join(wrong)


# --------------------------------------------------------------- result behaviour


@pytest.mark.parametrize(
    "text",
    [
        "hi",
        "Hello!",
        "hey there",
        "heyy",
        "thanks",
        "thank you so much",
        "thx",
        "ok",
        "okay cool",
        "lol",
        "good morning",
        "good night",
        "bye",
        "how are you",
        "hey how r u",
        "sup",
        "cheers",
        "👍",
        "",
        "   ",
        "???",
    ],
)
def test_small_talk_never_gets_an_article(index: FaqIndex, text: str) -> None:
    result = index.ask(text)
    assert result.kind == "smalltalk", text
    assert result.entry is None and result.alternatives == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a greeting with a question gets the answer, not small talk
        ("hi, what are your hours", "clinic-hours"),
        ("hey whats the address", "clinic-address"),
        ("thanks! how do i cancel", "missed-session"),
        ("hello there, is there family therapy", "family-groups"),
        ("good morning, do u have evening groups?", "morning-or-evening"),
        # slang and abbreviations
        ("wat r ur hrs", "clinic-hours"),
        ("how many hrs a wk", "hours-per-week"),
        ("aa meetings?", "support-groups"),
        ("is there na here", "support-groups"),
        ("wat is mat", "mat"),
        ("meds management", "medication-management"),
        ("u guys do 1 on 1?", "individual-therapy"),
        ("12 step?", "support-groups"),
        ("dual dx", "co-occurring-disorders"),
        ("wats mat", "mat"),
        ("shud i bring anything", "what-to-bring"),
        # "what does X mean / stand for" asks what X is (stop 35)
        ("what does iop mean", "what-is-iop"),
        ("what does IOP stand for", "what-is-iop"),
        # typos
        ("withdrawl", "withdrawal"),
        ("psychoeducaton group", "psychoeducation-group"),
        ("relapse prevension", "relapse-prevention"),
        ("individul therapy", "individual-therapy"),
        ("cravngs", "cravings"),
        ("spirtual counseling", "spiritual-counselling"),
        # question shapes: "what do you do about X" asks about X, not about the bot
        ("what do you do for cravings", "cravings"),
        ("what can you do about my cravings", "cravings"),
        ("what can you do", "about-this-bot"),
        # "does X work" asks whether it works; "how does X work ... job" is about fitting it in
        ("does group therapy work", "does-iop-work"),
        ("how does it work with my job", "work-school-family"),
        ("any pm sessions", "morning-or-evening"),
        # the bot's own privacy, not one-to-one therapy
        ("can my therapist see what i write here", "bot-privacy"),
        ("will my employer find out", "confidentiality"),
    ],
)
def test_greetings_slang_typos_and_question_shapes(index: FaqIndex, text: str, expected: str) -> None:
    result = index.ask(text)
    assert (result.kind, result.entry and result.entry.id) == ("answer", expected), (result.score, result.margin)


def test_how_does_group_work_is_not_read_as_does_it_work(index: FaqIndex) -> None:
    """How groups run is asked, not whether they help: offer the group entries, never the evidence one."""
    result = index.ask("how does group work")
    offered = [result.entry.id] if result.entry else [e.id for e in result.alternatives]
    assert "does-iop-work" not in offered and "group-therapy" in offered


def test_crisis_language_comes_before_any_faq_match(index: FaqIndex) -> None:
    for text in ("what is relapse prevention? honestly i want to kms", "hi", "thanks, i took too many pills"):
        result = index.ask(text)
        if text != "hi":
            assert result.kind == "crisis" and result.entry is None


def test_asking_how_to_get_crisis_help_gets_the_crisis_entry(index: FaqIndex) -> None:
    result = index.ask("who do i call in an emergency")
    assert result.kind == "answer" and result.entry is not None and result.entry.id == "in-crisis"
    assert "988" in result.entry.answer


@pytest.mark.parametrize("text", ["groups", "help", "iop", "what"])
def test_vague_questions_are_not_sure_with_choices(index: FaqIndex, text: str) -> None:
    result = index.ask(text)
    assert result.kind == "not_sure" and result.entry is None
    assert len(result.alternatives) <= 3


def test_not_sure_offers_three_distinct_closest_entries(index: FaqIndex) -> None:
    result = index.ask("groups")
    ids = [e.id for e in result.alternatives]
    assert len(ids) == 3 == len(set(ids))
    assert "group-types" in ids


def test_answer_alternatives_exclude_the_answer(index: FaqIndex) -> None:
    result = index.ask("how many days a week do i come in")
    assert result.kind == "answer" and result.entry is not None
    assert 0 < result.score <= 1 and 0 < result.margin <= 1
    assert result.entry.id not in {e.id for e in result.alternatives}
    assert len(result.alternatives) <= 3


def test_off_topic_with_no_known_words(index: FaqIndex) -> None:
    result = index.ask("how do i make lasagna")
    assert result.kind == "not_sure" and result.score == 0 and result.alternatives == ()


def test_long_messages_are_handled(index: FaqIndex) -> None:
    # How long it takes is measured by bench/faq_bench.py, not asserted here (wall clock varies).
    text = "i was wondering about the evening groups and whether " * 80  # ~4000 characters
    result = index.ask(text)
    assert result.kind in ("answer", "not_sure")


def test_asking_is_repeatable(index: FaqIndex, labelled: dict[str, Any]) -> None:
    questions = [q for q, _ in in_scope_pairs(labelled)] + labelled["out_of_scope"]
    first = [index.ask(q) for q in questions]
    for q in questions:
        index.ask(q)
    assert [index.ask(q) for q in questions] == first


def test_thresholds_can_be_tuned_per_index(kb: KnowledgeBase) -> None:
    strict = FaqIndex(kb, min_confidence=1.01)
    assert strict.ask("how many days a week do i come in").kind == "not_sure"


# ---------------------------------------------------------------------- the CLI


def test_ask_command_prints_answer_id_and_score() -> None:
    text, code = ask_command("wheres the clinic", FACTS)
    assert code == 0
    assert text.startswith("Riverside Recovery is at 12 Example St.")
    assert "[entry: clinic-address | score: " in text


def test_ask_command_not_sure_lists_closest_ids() -> None:
    text, code = ask_command("groups", FACTS)
    assert code == 1
    assert text.startswith("not sure") and "group-types" in text


def test_ask_command_crisis_and_smalltalk() -> None:
    text, code = ask_command("i want to die", FACTS)
    assert code == 0 and text.startswith("crisis:")
    text, code = ask_command("hello", FACTS)
    assert code == 0 and text.startswith("smalltalk:")


def test_ask_command_with_broken_content(tmp_path: Path) -> None:
    bad = tmp_path / "faq.yaml"
    bad.write_text("categories: []\nentries: []\n", encoding="utf-8")
    text, code = ask_command("hours?", FACTS, path=bad)
    assert code == 2 and "problems" in text
    text, code = ask_command("hours?", FACTS, path=tmp_path / "missing.yaml")
    assert code == 2 and "cannot read" in text


def test_crisis_words_after_the_searched_part_still_count(index: FaqIndex) -> None:
    """Long messages are searched by their start, but the crisis check reads all of them."""
    long_text = "what are the group hours " * 40 + "and honestly i want to kill myself"
    assert len(long_text) > 600
    assert index.ask(long_text).kind == "crisis"


def test_a_100k_character_message_is_read_by_its_start_only(index: FaqIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    """No pattern ever sees more than the start of a message, so a huge one costs what a short one does."""
    from bot.domain.faq import search, words

    seen: list[int] = []
    tokens, crisis = index.words.surface_tokens, search.is_crisis

    def reading(read: Callable[[str], T]) -> Callable[[str], T]:
        def wrapped(text: str) -> T:
            seen.append(len(text))
            return read(text)

        return wrapped

    monkeypatch.setattr(index.words, "surface_tokens", reading(tokens))
    monkeypatch.setattr(search, "is_crisis", reading(crisis))
    monkeypatch.setattr(search, "fold", reading(words.fold))  # telling the language reads the start only too
    long_text = "what are the clinic hours? " + "and also " * 11_200
    assert len(long_text) > 100_000
    start = long_text[: search.MAX_QUESTION_CHARS]

    assert index.ask(long_text) == index.ask(start)
    assert index.ask(long_text).entry == index.kb.by_id["clinic-hours"]
    assert index.rank(long_text) == index.rank(start)
    assert index.query_terms(long_text) == index.query_terms(start)
    assert seen and max(seen) <= search.MAX_SCREENED_CHARS
    assert all(n <= search.MAX_QUESTION_CHARS for n in seen if n != search.MAX_SCREENED_CHARS)


@pytest.mark.parametrize("question", ["what if i relapse", "what happens if i relapse", "what if i relapse during iop"])
def test_what_if_i_relapse_is_the_slip_entry_never_relapse_prevention(index: FaqIndex, question: str) -> None:
    """Asking what happens after a relapse wants the slip article, not "What is relapse prevention?"."""
    result = index.ask(question)
    first = result.entry if result.entry is not None else result.alternatives[0]
    assert first.id == "if-i-slip", (result.kind, first.id)


@pytest.mark.parametrize("question", ["can i sleep there", "do i stay overnight", "do i live at the clinic"])
def test_sleeping_there_is_answered_with_living_at_home(index: FaqIndex, question: str) -> None:
    """Texted as "sleep there", the question is residential against outpatient: you live at home."""
    result = index.ask(question)
    assert (result.kind, result.entry.id if result.entry else None) == ("answer", "work-school-family")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "my cousin drives me most days and she starts her shift at noon, so i really need to know, "
            "do you run any groups in the evening",
            "morning-or-evening",
        ),
        (
            "todos mis amigos toman y siempre me ofrecen y termino aceptando, me dijeron q aqui enseñan a rechazar,"
            " como es eso?",
            "refusal-training",
        ),
    ],
)
def test_a_long_question_that_tells_a_story_first_is_answered_by_its_last_clause(
    index: FaqIndex, question: str, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The story covers little of any entry, so the whole question alone is "not sure"; its last clause is a
    sure answer naming the entry the whole question ranks first, and that entry is the answer."""
    whole = index.ask(question)
    assert (whole.kind, whole.entry.id if whole.entry else None) == ("answer", expected)
    without = FaqIndex(index.kb)  # the same index, where no question counts as long: not sure
    monkeypatch.setattr(parts, "LONG_QUESTION", 10_000)
    monkeypatch.setattr(parts, "GUESS_WORDS", 10_000)  # nor offered as a long question's guess
    assert without.ask(question).kind == "not_sure"


@pytest.mark.parametrize(
    "question",
    [
        # off topic: the story covers too little of what the last clause names (0.10 of its words)
        "my dog has a vet appointment on tuesday and the vet says no food after midnight, what should i bring",
        "my daughter has a science fair project due friday and she needs poster board, what should i bring",
        "the dmv line was insane today and i still need my license renewed, when are they open on saturdays",
    ],
)
def test_a_long_off_topic_story_is_not_answered_by_a_program_sounding_last_clause(
    index: FaqIndex, question: str
) -> None:
    assert index.ask(question).kind == "not_sure"


def test_a_short_question_is_never_read_by_its_last_clause(index: FaqIndex) -> None:
    question = "so tired of this, groups in the evening"
    assert len(question.split()) < parts.LONG_QUESTION
    assert index._question_part(index.indexes["en"], question, 0) is None


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "is there parking at the clinic, my car is old and the street by my apartment is always full of trucks",
            "parking",
        ),
    ],
)
def test_a_long_question_that_asks_first_and_tells_after_is_answered_by_its_first_clause(
    index: FaqIndex, question: str, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Asked first, the story after: the first clause alone is a sure answer naming the entry the whole
    question ranks first; without the long-question reading it is "not sure"."""
    result = index.ask(question)
    assert (result.kind, result.entry.id if result.entry else None) == ("answer", expected)
    monkeypatch.setattr(parts, "LONG_QUESTION", 10_000)
    monkeypatch.setattr(parts, "GUESS_WORDS", 10_000)
    assert FaqIndex(index.kb).ask(question).kind == "not_sure"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("what happens in a psychoeducation group? first time for me", "psychoeducation-group"),
        ("¿cuánto dura cada sesión? pa avisarle a mi jefe", "session-length"),
    ],
)
def test_a_question_with_a_short_remark_after_its_question_mark_is_answered_by_the_question(
    index: FaqIndex, question: str, expected: str
) -> None:
    result = index.ask(question)
    assert (result.kind, result.entry.id if result.entry else None) == ("answer", expected)


def test_a_remark_after_an_off_topic_question_does_not_make_it_an_answer(index: FaqIndex) -> None:
    for question in ("how do i reset my router? it keeps dropping", "where can i buy cheap tires? mine are bald"):
        assert index.ask(question).kind == "not_sure"


@pytest.mark.parametrize(
    ("question", "expected"), [("how much is it", "cost-and-insurance"), ("do u do uas", "drug-testing")]
)
def test_a_price_question_is_not_small_talk_and_drug_test_shorthand_is_read(
    index: FaqIndex, question: str, expected: str
) -> None:
    result = index.ask(question)
    assert result.kind in ("answer", "guess")
    assert result.entry is not None and result.entry.id == expected


@pytest.mark.parametrize("question", ["what even is iop", "wat exactly is IOP", "what actually is MAT"])
def test_what_even_is_still_asks_for_a_definition(index: FaqIndex, question: str) -> None:
    result = index.ask(question)
    assert result.kind == "answer" and result.entry is not None
    assert result.entry.id == ("mat" if "MAT" in question else "what-is-iop")


@pytest.mark.parametrize(
    "question",
    [
        "what are the symptoms of covid",
        "can you translate my lease into spanish",
        "how do I write a letter of recommendation for my coworker",
    ],
)
def test_an_illness_or_a_letter_that_is_not_the_programs_is_not_answered(index: FaqIndex, question: str) -> None:
    """'symptoms' and 'letter' alone once answered the flu with withdrawal and a translation with court letters."""
    assert index.ask(question).kind not in ("answer", "guess")


def test_withdrawal_symptoms_and_a_letter_for_court_are_still_answered(index: FaqIndex) -> None:
    for question, expected in (
        ("what are withdrawal symptoms", "withdrawal"),
        ("need proof of enrollment for my court date", "court-letters"),
        ("do you keep my messages to the bot, who reads them", "bot-privacy"),
    ):
        result = index.ask(question)
        assert result.kind == "answer" and result.entry is not None and result.entry.id == expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("My son drinks every weekend and misses work. What does the program include?", "what-iop-includes"),
        ("Mi hijo empieza el lunes. Que incluye el programa?", "what-iop-includes"),
    ],
)
def test_a_story_then_a_question_of_its_own_is_answered_by_that_question(
    index: FaqIndex, question: str, expected: str
) -> None:
    """The whole message is "not sure" (its story covers too little); its last sentence alone is a sure answer."""
    result = index.ask(question)
    assert result.kind == "answer" and result.entry is not None and result.entry.id == expected


def test_a_last_question_that_points_back_is_not_read_alone(index: FaqIndex) -> None:
    """'What happens in that one?' alone names no group: read alone it answered group therapy."""
    result = index.ask("My schedule says skill building on Tuesdays. What happens in that one?")
    assert result.kind != "answer"  # the whole message, 12 words, is offered as a guess of the right group
    assert (result.entry or result.alternatives[0]).id == "skills-development-group"


@pytest.mark.parametrize("question", ["how long does it take to renew a passport", "can you teach me chess"])
def test_a_passport_or_a_board_game_is_not_answered(index: FaqIndex, question: str) -> None:
    assert index.ask(question).kind not in ("answer", "guess")


def test_whats_in_the_program_asks_what_it_includes_not_what_it_is(index: FaqIndex) -> None:
    """'what is in' is no definition: the entry first on the list is what the program includes."""
    result = index.ask("whats in the program exactly")
    assert not (result.kind == "answer" and result.entry is not None and result.entry.id == "what-is-iop")
    assert (result.entry or result.alternatives[0]).id == "what-iop-includes"


@pytest.mark.parametrize(
    "question",
    [
        "how many hours a day should a puppy sleep",
        "who won the election",
        "cuanto sale pagar la luz",
        "ideas for my kids science fair project",
        "do i have to show up to traffic court for a ticket",
        "how do i pay my phone bill online",
    ],
)
def test_a_puppy_an_election_a_power_bill_or_a_science_fair_is_not_answered(index: FaqIndex, question: str) -> None:
    assert index.ask(question).kind not in ("answer", "guess")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "my son starts next monday and we're trying to understand what he'll actually be doing there all day. is"
            " it just talking in circles or are there classes, therapy, meds, what all is involved?",
            "what-iop-includes",
        ),
        ("is it evry single day or just a couple days outta the week", "days-per-week"),
    ],
)
def test_a_long_question_one_entry_leads_clearly_is_offered_as_a_guess(
    index: FaqIndex, question: str, expected: str
) -> None:
    """Its story covers too little of it for an answer, yet one entry leads the runner-up by far: shown
    with "Did I get that right?" rather than "not sure"."""
    result = index.ask(question)
    assert result.kind == "guess" and result.entry is not None and result.entry.id == expected


def test_the_long_question_guess_needs_length_coverage_and_a_clear_lead() -> None:
    long_text = "i work nights at the warehouse and my back hurts so how long is one session"
    assert parts.long_lead(long_text, confidence=0.2, margin=0.2)
    assert not parts.long_lead("how long is one session", confidence=0.2, margin=0.2)  # short: no story
    assert not parts.long_lead(long_text, confidence=0.19, margin=0.5)  # riding on one shared word
    assert not parts.long_lead(long_text, confidence=0.29, margin=0.19)  # two entries close


def test_an_off_topic_story_covering_little_is_not_guessed(index: FaqIndex) -> None:
    assert index.ask("how do i set up a meeting in outlook for my coworkers").kind == "not_sure"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # v14 (read in stop 39)
        ("my counselor keeps saying iop and i have no idea what it means", "what-is-iop"),
        ("is there a medicine that helps people get off heroin", "mat"),
        ("how long until i'm done with the whole program", "program-length"),
        # v15
        ("are you a real person or a bot", "about-this-bot"),
        ("do they test for alcohol too", "drug-testing"),
        ("i drank last night, do i have to start the program over", "if-i-slip"),
        # v16: budgeting and job hunting
        ("never learned basic adult stuff like budgeting, can the program help", "life-skills"),
        # v17 (read in stop 40): willpower, a sitter, a ride that fell through, a son still at work, a wedding
        ("my wife thinks i should quit on willpower alone, why is it so hard", "addiction-and-the-brain"),
        ("couldnt get a sitter for my kids, can anyone watch them during sessions", "childcare"),
        ("i missed group because my ride fell through, am i in trouble", "missed-session"),
        ("does he need to be locked up or is outpatient enough for my son", "who-is-iop-for"),
        ("i drank at a wedding and im ashamed, will i get kicked out", "if-i-slip"),
        # v18 (read in stop 40): evals, shaking after quitting, saying no at work, one session's length
        ("do they do evals at the start", "assessments"),
        ("im sweating and shaky since i stopped, normal?", "withdrawal"),
        ("how do i say no when my coworkers offer me a beer", "refusal-training"),
        ("how long does one session go for", "session-length"),
        # v19: proof it works, how long it goes on, texting "rly"
        ("is there proof outpatient programs work", "does-iop-work"),
        ("how long does the whole program go on", "program-length"),
        ("does it rly work", "does-iop-work"),
        # v20: what the program does, said only in stop words; how long one session runs
        ("what do yall actually do there", "what-iop-includes"),
        ("how long does one session usually run", "session-length"),
        # v21: "any1" and "msgs", private sessions, a difference this time
        ("does any1 read my msgs", "bot-privacy"),
        ("will i get private sessions with a counselor", "individual-therapy"),
        ("is outpatient going to make any difference for me", "does-iop-work"),
        # v22 (read in stop 41): later in the day, psychoeducation, a spouse involved, a drink, withdrawal, day one
        ("i cant do mornings, anything later in the day?", "morning-or-evening"),
        ("what even is psychoeducation group", "psychoeducation-group"),
        ("can my wife be involved in the program too", "family-groups"),
        ("i drank at a bbq, did i fail the program", "if-i-slip"),
        ("quit using and now my body aches and i feel sick", "withdrawal"),
        ("will someone ask me a bunch of questions before i start", "assessments"),
        ("is it just everyone sitting in a circle talking", "what-iop-includes"),
        # v23 (read in stop 41): "actualy", disliking one's counselor, the overdose reversal spray
        ("does it actualy work", "does-iop-work"),
        ("i dont like my therapist, can i switch", "switching-therapist"),
        ("what is that overdose reversal spray", "naloxone"),
        # v24 (read in stop 41): what the bot can be asked
        ("what kind of things can i ask u", "about-this-bot"),
        # v25 (read in stop 41): made to speak on day one; a family hurt, a letter for a lawyer (not crises)
        ("do i have to talk on my first day", "nervous-about-group"),
        ("my parents were hurt by my drinking, can they be part of my treatment", "family-groups"),
        ("can the program write a letter for my lawyer confirming im enrolled", "court-letters"),
        # v26 (read in stop 42): planning against a relapse, a skipped group, someone to watch a child
        ("is there a part of the program on planning so a relapse doesnt happen again", "relapse-prevention"),
        ("if i skip one group will it count against me", "missed-session"),
        ("could someone look after my daughter while im in group", "childcare"),
        # v27 (read in stop 42): "wich", "hav", "kno", and "psych ed"
        ("wich days do i hav to come in", "days-per-week"),
        ("how do i kno how many days a week", "days-per-week"),
        ("what do they teach in psych ed", "psychoeducation-group"),
        # v28 (read in stop 42): a habit "hurting me" is a question about addiction, not a crisis
        ("i know drinking is hurting me, what happens in the brain with addiction", "addiction-and-the-brain"),
    ],
)
def test_families_the_read_sets_showed_are_answered(index: FaqIndex, question: str, expected: str) -> None:
    """Families the fourteenth to twenty-eighth authors' sets showed, in other words."""
    result = index.ask(question)
    assert result.kind == "answer" and result.entry is not None and result.entry.id == expected
