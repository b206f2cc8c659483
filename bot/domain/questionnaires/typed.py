"""Typed answers to a questionnaire item: the option's number or its words ("2", "several days", "sev")."""

from __future__ import annotations

import re

from bot.domain.questionnaires.definitions import Item, Option

MIN_PREFIX = 3  # "sev" finds "Several days"; "no" must be typed whole


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def parse_typed(item: Item, text: str) -> Option | None:
    """The option meant by `text`, or None when it names no option (or more than one)."""
    said = _words(text)
    if not said:
        return None
    if said.isdigit():
        return item.option(int(said))
    exact = [o for o in item.options if _words(o.label) == said]
    if exact:
        return exact[0]
    if len(said) >= MIN_PREFIX:
        found = [o for o in item.options if _words(o.label).startswith(said)]
        if len(found) == 1:
            return found[0]
    return None
