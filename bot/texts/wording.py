"""Filling a text so it reads well whatever is configured: a sentence that needs a missing value is left out."""

from __future__ import annotations

import re
import string
from collections.abc import Mapping

_SENTENCE_END = re.compile(r"(?<=[.!?])(\s+)")


def count(n: int, noun: str, plural: str = "") -> str:
    """'1 client', '3 clients', '0 clients': a number with its noun, never 'client(s)'."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def fields(template: str) -> set[str]:
    """The {names} a template asks for."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def fill(template: str, values: Mapping[str, str | None]) -> str:
    """Fill {names}; drop each sentence that needs a value that is None or empty.

    "We'll call you back. If it's urgent, call {phone}." with no phone reads "We'll call you back."
    A kept sentence that starts with a filled-in value gets a capital letter ("the clinic is" -> "The clinic is").
    """
    parts = _SENTENCE_END.split(template)
    kept: list[str] = []
    for i in range(0, len(parts), 2):
        sentence, gap = parts[i], parts[i + 1] if i + 1 < len(parts) else ""
        if any(not values.get(name) for name in fields(sentence)):
            if not gap and kept:  # the last sentence went: the text ends with the one before it
                kept[-1] = kept[-1].rstrip()
            continue
        filled = sentence.format_map({name: values[name] for name in fields(sentence)})
        kept.append((filled[:1].upper() + filled[1:] if sentence.startswith("{") else filled) + gap)
    return "".join(kept).rstrip()
