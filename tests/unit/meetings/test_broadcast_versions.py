"""Which words each reader of a broadcast gets: their version, or the first after a note in their language."""

from __future__ import annotations

from bot.domain.meetings import broadcast_versions as v

BOTH = {"en": "Group at six.", "es": "Grupo a las seis."}


def test_each_reader_gets_their_version() -> None:
    assert v.for_reader(BOTH, "en", "es") == "Grupo a las seis."
    assert v.for_reader(BOTH, "en", "en") == "Group at six."


def test_a_reader_without_a_version_gets_the_first_after_a_note_in_their_language() -> None:
    assert v.for_reader({"en": "Group at six."}, "en", "es") == "Este aviso solo está en inglés:\n\nGroup at six."
    assert v.for_reader({"es": "Grupo."}, "es", "en") == "This notice is only in Spanish:\n\nGrupo."
    assert v.for_reader({"en": "Group."}, "en", "fr") == "Group."  # a language we don't speak reads English
    assert v.for_reader({"es": "Grupo."}, "es", None) == "This notice is only in Spanish:\n\nGrupo."


def test_bodies_are_made_once_per_language_and_missing_lists_the_rest() -> None:
    made = v.bodies({"en": "Hi."}, "en", {1: "en", 2: "es", 3: "es-MX", 4: "es"})
    assert made == {1: "Hi.", 2: made[3], 3: "Este aviso solo está en inglés:\n\nHi.", 4: made[2]}
    assert made[2] is made[4]
    assert v.missing({"en": "Hi."}) == ["es"] and v.missing(BOTH) == []
