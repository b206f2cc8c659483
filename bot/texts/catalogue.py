"""Every text in the reader's language: gettext catalogues, managed with Babel.

The English constants in the modules beside this one are the source. `extract.py` lists each one
for `pybabel extract`, with the constant's name as its context (`CRISIS_REPLY`, `CHECKIN_ASK.mood`),
so two texts with the same English never share a translation by accident. Each language has a
`locale/<code>/LC_MESSAGES/messages.po`; it is compiled in memory on first use (no build step, and
no stale `.mo` can hide an edit).

Who is reading is a context variable: the update's person (bot.services.speaking) or, for a row
written to someone else, `speaking(their_language)` around the rendering. `texts.NAME` then returns
the text in that language, or the English one where a translation is missing.
"""

from __future__ import annotations

import contextlib
import functools
import gettext
import io
import pathlib
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

from babel.messages import mofile, pofile

SOURCE = "en"
LOCALE_DIR = pathlib.Path(__file__).parent / "locale"
DOMAIN = "messages"
# Each language's own name, as a person choosing it reads it.
NAMES = {"en": "English", "es": "Español"}

_reader: ContextVar[str] = ContextVar("reader_language", default=SOURCE)
# A clinic's own wording (bot.texts.overrides): (language, name) -> text; wins over the catalogue.
_overrides: dict[tuple[str, str], str] = {}


@functools.cache
def languages() -> tuple[str, ...]:
    """The source language, then every language with a catalogue."""
    found = sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    return (SOURCE, *[code for code in found if code != SOURCE])


def supported(code: str | None) -> str | None:
    """The language we speak for a Telegram `language_code` ("es-MX" -> "es"), or None."""
    if not code:
        return None
    base = code.replace("_", "-").split("-")[0].lower()
    return base if base in languages() else None


def current() -> str:
    """The language of whoever is being written to now."""
    return _reader.get()


def set_reader(code: str | None) -> None:
    """Speak `code` for the rest of this task (an update sets it once it knows who wrote)."""
    _reader.set(supported(code) or SOURCE)


@contextlib.contextmanager
def speaking(code: str | None) -> Iterator[str]:
    """Render for someone else (an alert to a therapist, a reminder to a client) in their language."""
    lang = supported(code) or SOURCE
    token = _reader.set(lang)
    try:
        yield lang
    finally:
        _reader.reset(token)


@functools.cache
def translations(code: str) -> gettext.NullTranslations:
    """The compiled catalogue of `code` (English has none: its texts are the source)."""
    path = LOCALE_DIR / code / "LC_MESSAGES" / f"{DOMAIN}.po"
    if code == SOURCE or not path.exists():
        return gettext.NullTranslations()
    with path.open("rb") as f:
        catalog = pofile.read_po(f, locale=code)
    buffer = io.BytesIO()
    mofile.write_mo(buffer, catalog)  # fuzzy entries are left out, as msgfmt does
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def translate(context: str, english: str, code: str | None = None) -> str:
    """`english` (the text named `context`) in `code`, by default the current reader's language."""
    lang = code or current()
    if _overrides:
        own = _overrides.get((lang, context))
        if own is not None:
            return own
    if lang == SOURCE:
        return english
    return translations(lang).pgettext(context, english)


def use_overrides(found: dict[tuple[str, str], str]) -> None:
    """Use a clinic's own wording from now on (checked by bot.texts.overrides)."""
    _overrides.clear()
    _overrides.update(found)
    _dicts.clear()


def plural(singular: str, plural_form: str, n: int, code: str | None = None) -> str:
    """The form for `n` in the reader's language (Spanish, like English, has two; others have more)."""
    lang = code or current()
    if lang == SOURCE:
        return singular if n == 1 else plural_form
    return translations(lang).npgettext("count", singular, plural_form, n)


def key_name(key: object) -> str:
    """How a dict key appears in a context: "mood", "client", "phq9/low", "3"."""
    if isinstance(key, tuple):
        return "/".join(key_name(k) for k in key)
    value = getattr(key, "value", key)  # an enum (Role.CLIENT -> "client")
    return str(value)


def localised(name: str, value: Any, code: str | None = None) -> Any:
    """A constant of the texts package, translated: strings, and the string values of dicts."""
    lang = code or current()
    if lang == SOURCE and not _overrides:
        return value
    return _localised(name, lang, value)


def _localised(name: str, lang: str, value: Any) -> Any:
    if isinstance(value, str):
        return translate(name, value, lang)
    if isinstance(value, dict):
        return _dict(name, lang, id(value), value)
    return value


_dicts: dict[tuple[str, str, int], dict[Any, Any]] = {}


def _dict(name: str, lang: str, ident: int, value: dict[Any, Any]) -> dict[Any, Any]:
    """A translated copy, made once per language (handlers index these on every update)."""
    made = _dicts.get((name, lang, ident))
    if made is None:
        made = {k: translate(f"{name}.{key_name(k)}", v, lang) if isinstance(v, str) else v for k, v in value.items()}
        _dicts[(name, lang, ident)] = made
    return made


def reload() -> None:
    """Read the catalogues again (tests that write one; an operator's edited override)."""
    languages.cache_clear()
    translations.cache_clear()
    _dicts.clear()
