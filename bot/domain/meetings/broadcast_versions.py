"""A broadcast's versions: staff may write one per language; each reader gets theirs, or the first with a note.

The first version is written in the sender's language (`Broadcast.text`, `Broadcast.language`); any other
is added from the preview. A reader whose language has no version gets the first one, preceded by a
short note in their own language ("Este aviso solo está en inglés:"), so nobody mistakes it for a slip.
"""

from __future__ import annotations

from bot import texts
from bot.texts import catalogue


def reader_language(code: str | None) -> str:
    """The catalogue language someone reads (an unknown code reads the source language)."""
    return catalogue.supported(code) or catalogue.SOURCE


def language_name(code: str) -> str:
    """`code` named in the current reader's language ("inglés" for a Spanish reader)."""
    return str(texts.BROADCAST_LANGUAGES.get(code, catalogue.NAMES.get(code, code)))


def missing(versions: dict[str, str]) -> list[str]:
    """The catalogue languages that have no version yet, in the catalogue's order."""
    return [code for code in catalogue.languages() if code not in versions]


def for_reader(versions: dict[str, str], first: str, reader: str | None) -> str:
    """The words a reader of `reader` gets: their version, or the first one after a note in their language."""
    lang = reader_language(reader)
    if lang in versions:
        return versions[lang]
    with catalogue.speaking(lang):
        note = texts.BROADCAST_ONLY_IN.format(language=language_name(first))
    return f"{note}\n\n{versions[first]}"


def bodies(versions: dict[str, str], first: str, readers: dict[int, str]) -> dict[int, str]:
    """Each person's words (person id -> their language): made once per language."""
    made: dict[str, str] = {}
    found = {}
    for person_id, code in readers.items():
        lang = reader_language(code)
        if lang not in made:
            made[lang] = for_reader(versions, first, lang)
        found[person_id] = made[lang]
    return found
