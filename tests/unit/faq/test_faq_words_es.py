"""The Spanish word list (faq/faq_words_es.yaml) and how Spanish text is read: folding, chat shorthand,
multi-word expressions, the stemmer, small talk; a broken file says where it is wrong."""

from __future__ import annotations

import pytest
import yaml

from bot.domain.faq.words import WORDS_PATHS, FaqWordsError, SpanishWords, Words, default_words, fold, parse_words


@pytest.fixture(scope="module")
def es() -> Words:
    return default_words("es")


def shipped() -> dict:  # type: ignore[type-arg]
    return yaml.safe_load(WORDS_PATHS["es"].read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def terms(words: Words, text: str) -> list[str]:
    return [t for t in map(words.term, words.surface_tokens(text)) if t]


def test_the_shipped_spanish_list_loads_as_spanish(es: Words) -> None:
    assert isinstance(es, SpanishWords) and es.lang == "es"
    assert default_words("en").lang == "en" and not isinstance(default_words("en"), SpanishWords)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("¿Qué PASA mañana?", "¿que pasa manana?"),
        ("Sesión, recaída, día", "sesion, recaida, dia"),
        ("pingüino", "pinguino"),
        ("ＣＬÍＮＩＣＡ", "clinica"),  # full-width letters: NFKC first
        ("plain ascii", "plain ascii"),
    ],
)
def test_folding_drops_accents_and_case(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_accents_or_none_read_the_same(es: Words) -> None:
    assert es.surface_tokens("¿Cuánto dura la sesión?") == es.surface_tokens("cuanto dura la sesion")
    assert terms(es, "¿Qué es la Prevención de Recaídas?") == terms(es, "que es la prevencion de recaidas")


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("q es el iop", ["quees", "iop"]),  # "q" -> "que", then the definition cue
        ("xq tengo q ir", ["porque", "tengo", "que", "ir"]),
        ("¿por qué tengo que ir?", ["porque", "tengo", "que", "ir"]),
        ("tmb hay grupo pa mi", ["tambien", "hay", "grupo", "para", "mi"]),
        ("a q hora es el grupo", ["horario", "es", "el", "grupo"]),
        ("hay meetings de NA", ["hay", "reuniones", "de", "na"]),
        ("voy a llegar tarde", ["voy", "a", "retraso"]),  # late ...
        ("grupos en la tarde", ["grupos", "noche"]),  # ... is not the afternoon
        ("sesiones en la mañana", ["sesiones", "matutino"]),  # morning, not tomorrow
        ("mi jefe se va a enterar", ["mi", "jefe", "se", "va", "a", "divulgar"]),
        ("me da mucha pena hablar", ["nervioso", "hablar"]),
        ("tengo ganas de tomar", ["tengo", "antojo"]),
        ("alcohólicos anónimos", ["aa"]),
        ("12 pasos", ["docepasos"]),
    ],
)
def test_shorthand_and_expressions(es: Words, text: str, tokens: list[str]) -> None:
    assert es.surface_tokens(text) == tokens


def test_stop_words_carry_no_meaning(es: Words) -> None:
    assert terms(es, "el de la que en y a los se del las un por con una para es") == []


@pytest.mark.parametrize(
    "group",
    [
        ["grupo", "grupos", "grupal", "grupales"],
        ["sesion", "sesiones", "cita", "citas"],
        ["trabajo", "trabajar", "trabajando", "chamba", "jefe"],
        ["recaida", "recaidas", "recaer"],
        ["familia", "familiar", "esposa", "hijos"],
        ["terapeuta", "terapeutas", "consejera", "psicologo"],
        ["ayuda", "ayudar", "ayudarte", "apoyo"],
        ["medicamento", "medicamentos", "medicinas", "pastillas"],
        ["evaluacion", "evaluaciones", "evaluar"],
    ],
)
def test_forms_of_one_word_meet_on_one_term(es: Words, group: list[str]) -> None:
    assert len({es.term(w) for w in group}) == 1, {w: es.term(w) for w in group}


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("sesiones", "sesion"),  # plural after a consonant
        ("veces", "vez"),
        ("horas", "hor"),
        ("consumiendo", "consum"),  # gerund
        ("evaluacion", "evalu"),
        ("dejarlo", "dej"),  # pronoun on an infinitive
        ("dia", "dia"),  # too short to cut
        ("crisis", "crisis"),  # listed under no_stem
        ("iop", "iop"),
    ],
)
def test_the_spanish_stemmer(es: Words, word: str, stem: str) -> None:
    assert es.stem(word) == stem


def test_different_words_stay_apart(es: Words) -> None:
    """Words the FAQ must tell apart do not collapse into one term."""
    pairs = [("noche", "matutino"), ("faltar", "terminar"), ("medicamento", "doctor"), ("grupo", "reunion")]
    for a, b in pairs:
        assert es.term(a) != es.term(b), (a, b)


@pytest.mark.parametrize("text", ["hola", "Holaaa!", "hola como estas", "buenos días", "gracias!!", "ok gracias", "xd"])
def test_spanish_small_talk(es: Words, text: str) -> None:
    assert es.is_smalltalk(text)


@pytest.mark.parametrize("text", ["no estoy bien", "hola, a q hora es el grupo", "gracias, cuanto cuesta", "como"])
def test_questions_and_feelings_are_not_small_talk(es: Words, text: str) -> None:
    assert not es.is_smalltalk(text)


def test_english_reading_is_unchanged_by_the_spanish_list() -> None:
    en = default_words("en")
    assert en.surface_tokens("wat r ur hrs") == ["whatis", "open"]
    assert en.stem("sessions") == "session" and en.term("counsellor") == "therapist"


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda d: d["slang"].update({"tambien": "también"}), "slang.tambien"),  # an accent: never matches
        (lambda d: d["stop"].append("qué"), "stop."),
        (lambda d: d["synonyms"]["grupo"].append("chamba"), "'chamba' is listed under both"),
        (lambda d: d["phrases"].append({"match": "(abierto", "as": "x"}), "phrases.NEW.match"),
        (lambda d: d.pop("no_stem"), "no_stem"),
    ],
)
def test_broken_spanish_file_names_the_problem(change, where) -> None:  # type: ignore[no-untyped-def]
    data = shipped()
    where = where.replace("NEW", str(len(data["phrases"])))
    change(data)
    with pytest.raises(FaqWordsError) as caught:
        parse_words(yaml.safe_dump(data, allow_unicode=True), "faq_words_es.yaml", "es")
    assert where in str(caught.value)
