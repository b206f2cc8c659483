"""Filling a text so it reads well whatever is configured: a missing value takes only its own clause with it.

A clause is the smallest of: a part in [square brackets], a line, a sentence. "[ on {phone}]" goes when
there is no phone and the rest of its sentence stays; a sentence or line that needs a missing value outside
any brackets goes on its own, and never takes a neighbouring line (such as the crisis lines) with it.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping

from bot.texts import catalogue
from bot.texts.counted import COUNTED

# A unit ends at a sentence end followed by space, or at a line break (with the space around it).
_UNIT_END = re.compile(r"((?<=[.!?])[ \t]+|[ \t]*\n\s*)")
_OPTIONAL = re.compile(r"\[([^\[\]]*)\]")
_SPACE_BEFORE_MARK = re.compile(r"[ \t]+(?=[.,;:!?)])")


def count(n: int, noun: str, plural: str = "") -> str:
    """'1 client', '3 clients', '0 clients': a number with its noun, never 'client(s)'.

    A noun listed in `COUNTED` takes the reader's language and its plural rule ("1 cita", "2 citas").
    """
    pair = COUNTED.get(noun)
    if pair is not None:
        return catalogue.plural(*pair, n).format(n=n)
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def fields(template: str) -> set[str]:
    """The {names} a template asks for."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _missing(part: str, values: Mapping[str, str | None]) -> bool:
    return any(not values.get(name) for name in fields(part))


def fill(template: str, values: Mapping[str, str | None]) -> str:
    """Fill {names}; a missing (None or empty) value removes only the clause that needs it.

    "We'll call you back. If it's urgent, call {phone}." with no phone reads "We'll call you back."
    "Call {clinic}[ on {phone}] today." with no phone reads "Call the clinic today."
    "Reach out now:\\n{lines}\\nOr call {phone}." with no phone keeps the lines.
    A kept sentence that starts with a filled-in value gets a capital letter ("the clinic is" -> "The clinic is").
    """
    parts = _UNIT_END.split(template)
    kept: list[str] = []
    for i in range(0, len(parts), 2):
        unit, gap = parts[i], parts[i + 1] if i + 1 < len(parts) else ""
        unit = _OPTIONAL.sub(lambda m: "" if _missing(m.group(1), values) else m.group(1), unit)
        if _missing(unit, values) or (not unit.strip() and parts[i].strip()):
            if kept:  # the text before ends as it did, keeping the stronger of the two breaks around the unit
                before = kept[-1].rstrip()
                breaks = (kept[-1][len(before) :], gap)
                kept[-1] = before + (max(breaks, key=lambda g: g.count("\n")) if gap else "")
            continue
        filled = _SPACE_BEFORE_MARK.sub("", unit.format_map({name: values[name] for name in fields(unit)}))
        kept.append((filled[:1].upper() + filled[1:] if unit.startswith("{") else filled) + gap)
    return "".join(kept).rstrip()
