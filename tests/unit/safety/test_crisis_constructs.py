"""The screen's constructs and ConText: word order and inflection free, negated/past/hypothetical set aside,
someone else's overdose now still a crisis, Spanish at depth, Portuguese and French core phrases."""

from __future__ import annotations

import pytest

from bot.domain.safety.constructs import ConstructSet, default_constructs, parse
from bot.domain.safety.folding import normalise
from bot.domain.safety.lemmas import read, split_romance, stem_en, stem_romance
from bot.domain.safety.patterns import Category, CrisisPatternError, Level
from bot.domain.safety.screen import check_examples, is_crisis, screen


@pytest.mark.parametrize(
    ("forms", "stem"),
    [
        (("took", "taking", "takes", "take"), stem_en),
        (("cutting", "cuts", "cut"), stem_en),
        (("died", "dying", "dies", "die"), stem_en),
    ],
)
def test_english_inflections_meet_one_lemma(forms: tuple[str, ...], stem: object) -> None:
    """Every form of a verb lands on one stem, so a construct names it once."""
    assert len({stem_en(f) for f in forms}) == 1


def test_spanish_clitics_split_and_plurals_meet() -> None:
    """'matarme' reads as matar + me; 'pastillas' meets 'pastilla'."""
    assert split_romance("matarme") == ("matar", "me")
    assert split_romance("cortandome") == ("cortando", "me")
    assert stem_romance("pastillas") == stem_romance("pastilla")
    assert stem_romance("matar") == stem_romance("mato") == stem_romance("matando")
    assert read("voy a matarme", "es").words == ("voy", "a", "matar", "me")


@pytest.mark.parametrize(
    ("text", "level", "category"),
    [
        ("i took all of them", Level.EXPLICIT, Category.OVERDOSE),
        ("all of them, i took", Level.EXPLICIT, Category.OVERDOSE),
        ("i wrote letters to everyone saying goodbye", Level.EXPLICIT, Category.SUICIDE),
        ("standing on the roof rn", Level.EXPLICIT, Category.MEANS_OR_PLAN),
        ("i have a bottle of pills in front of me", Level.EXPLICIT, Category.MEANS_OR_PLAN),
        ("i drank a whole bottle of vodka and took my xanax", Level.EXPLICIT, Category.OVERDOSE),
        ("been cutting my arms again", Level.EXPLICIT, Category.SELF_HARM),
        ("relapsed on sh last night", Level.EXPLICIT, Category.SELF_HARM),
        ("driving home wasted rn", Level.EXPLICIT, Category.INTOXICATED_UNSAFE),
        ("my roommate isnt breathing and his lips are blue", Level.EXPLICIT, Category.OVERDOSE),
        ("im just a burden to everyone", Level.POSSIBLE, Category.SUICIDE),
        ("not suicidal but i don't care if i wake up", Level.POSSIBLE, Category.SUICIDE),
    ],
)
def test_constructs_catch_acts_means_and_signs_in_any_wording(text: str, level: Level, category: Category) -> None:
    """Acts, means, preparatory acts and overdose signs are explicit; indirect signs possible."""
    result = screen(text)
    assert (result.level, result.category) == (level, category), result


@pytest.mark.parametrize(
    "text",
    [
        "i'm not suicidal, just tired",
        "i'm not going to kill myself",
        "haven't cut in 6 months",
        "i tried to kill myself years ago and im glad it didnt work",
        "what are the signs of an opioid overdose?",
        "we talked about suicide prevention in group",
        "overdosed on netflix this weekend",
        "my uncle overdosed years ago, he's been clean for a decade",
    ],
)
def test_negated_past_and_hypothetical_mentions_are_never_explicit(text: str) -> None:
    """ConText sets them aside: none of these is an explicit crisis (most are not flagged at all)."""
    result = screen(text)
    assert result.level is not Level.EXPLICIT, result


def test_set_aside_findings_are_named() -> None:
    """What ConText set aside shows on the screening (for /screen and reviewers)."""
    assert any(f.endswith(":negated") for f in screen("i'm not going to kill myself").set_aside)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("me quiero morir", Category.SUICIDE),
        ("ya no quiero vivir", Category.SUICIDE),
        ("me voy a cortar las venas", Category.MEANS_OR_PLAN),
        ("me corté otra vez", Category.SELF_HARM),
        ("mi amigo no respira", Category.OVERDOSE),
        ("quero me matar", Category.SUICIDE),
        ("je veux mourir", Category.SUICIDE),
        ("il a les lèvres bleues et il ne se réveille pas", Category.OVERDOSE),
    ],
)
def test_spanish_at_depth_and_portuguese_and_french_core_phrases(text: str, category: Category) -> None:
    result = screen(text)
    assert (result.level, result.category) == (Level.EXPLICIT, category), result


@pytest.mark.parametrize(
    "text", ["¿a qué hora es el grupo?", "hoy no puedo ir, tengo trabajo", "me siento mucho mejor hoy", "obrigado"]
)
def test_ordinary_spanish_and_portuguese_are_not_a_crisis(text: str) -> None:
    """Spanish is read with its own rules now: an ordinary question is not 'unreadable'."""
    assert not screen(text).flagged


def test_other_scripts_stay_unreadable() -> None:
    result = screen("я хочу умереть")
    assert (result.level, result.category) == (Level.POSSIBLE, Category.UNREADABLE)


def test_the_shipped_constructs_pass_their_own_examples() -> None:
    """Every construct matches its `match` examples and none of its `no_match` ones."""
    assert check_examples(default_constructs()) == []


def test_a_construct_that_misses_its_example_is_refused() -> None:
    bad = parse(
        """
constructs:
  - id: en-test
    lang: en
    level: explicit
    category: suicide
    all: [["=die"], ["want"]]
    match: ["i wish to live"]
"""
    )
    assert check_examples(bad) == ["en-test: misses its example 'i wish to live'"]


def _one_construct(lang: str, slots: str, example: str) -> ConstructSet:
    """A set of one explicit suicide construct, `<lang>-one`, with `slots` as its `all` and one example."""
    return parse(
        f"constructs:\n  - {{id: {lang}-one, lang: {lang}, level: explicit, category: suicide, all: {slots}, "
        f"match: [{example!r}]}}\n"
    )


@pytest.mark.parametrize("prefix", ["su*", "suicid*", "s*"])
def test_a_prefix_term_of_any_length_is_found_at_any_word_it_starts(prefix: str) -> None:
    """Prefix terms are filed by their first letters; one shorter than that is tried on every word."""
    found = _one_construct("en", f'[["{prefix}"], ["=tonight"]]', "suicidal tonight")
    assert check_examples(found) == []
    assert {h.construct.id for h in found.hits(read("so suicidal tonight", "en"), "en")} == {"en-one"}
    assert found.hits(read("very tired tonight", "en"), "en") == []


@pytest.mark.parametrize(("term", "text"), [("=graduat*", "graduating tonight"), ("=pet sit*", "pet sitting tonight")])
def test_an_exact_term_that_ends_in_a_star_is_a_prefix_too(term: str, text: str) -> None:
    """'=graduat*' once meant the word 'graduat*' itself, so 87 look-alike terms never matched anything."""
    found = _one_construct("en", f'[["{term}"], ["=tonight"]]', text)
    assert check_examples(found) == []
    assert found.hits(read("pet tonight", "en"), "en") == []


def test_a_number_atom_stands_for_digits_or_number_words_and_nothing_else() -> None:
    found = _one_construct("es", '[["hace # ano*"], ["=intente"]]', "hace 3 anos intente")
    assert check_examples(found) == []
    for text in ("hace 3 años intenté", "hace tres años intenté", "hace 30 años intenté", "hace un año intenté"):
        assert [h.construct.id for h in found.hits(read(normalise(text), "es"), "es")] == ["es-one"], text
    assert found.hits(read(normalise("hace muchos años intenté"), "es"), "es") == []


def test_an_unknown_lexicon_entry_or_language_is_refused() -> None:
    with pytest.raises(CrisisPatternError, match="unknown lexicon entry @NOPE"):
        parse("constructs:\n  - {id: x, lang: en, level: explicit, category: suicide, all: [['@NOPE']], match: [a]}\n")
    with pytest.raises(CrisisPatternError, match="lang must be one of"):
        parse("constructs:\n  - {id: x, lang: xx, level: explicit, category: suicide, all: [[a]], match: [a]}\n")


def test_a_command_name_is_not_read_as_words_but_what_follows_it_is() -> None:
    """'/dead' (undeliverable messages) is not crisis language; '/screen i want to die' still is."""
    assert not screen("/dead").flagged
    assert not screen("/dead@iop_bot").flagged
    assert is_crisis("/faq i want to kill myself")
