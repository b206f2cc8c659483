"""The words of the /broadcast preview: as the first recipient will see it, or each version with its readers.

A typed message with one version is shown as the first recipient gets it (with the note, if their
language has no version), and how many get it after that note. With several versions each is shown
under its language and how many people get it; two long ones go in one message each.
"""

from __future__ import annotations

import html
from typing import Any

from bot import texts
from bot.domain.meetings import broadcast_versions, broadcasts
from bot.texts import wording

LIMIT = 4096  # Telegram's longest message


def _to(draft: dict[str, Any], found: list[broadcasts.Recipient]) -> dict[str, Any]:
    """The audience line's values: who, how many, how many can't be reached."""
    unreachable = sum(1 for r in found if not r.sendable)
    return {
        "audience": html.escape(broadcasts.audience_label(draft["audience"], draft["cohort"])),
        "people": wording.count(len(found), "person"),
        "unreachable": texts.BROADCAST_PREVIEW_UNREACHABLE.format(n=unreachable) if unreachable else "",
    }


def schedule(draft: dict[str, Any], found: list[broadcasts.Recipient], week: str) -> list[str]:
    """This week's schedule, as the first recipient gets it."""
    shown = texts.BROADCAST_PREVIEW.format(who=html.escape(found[0].code), text=week, **_to(draft, found))
    return [shown[:LIMIT]]


def typed(draft: dict[str, Any], found: list[broadcasts.Recipient]) -> list[str]:
    """A typed message: one version as the first recipient gets it, or every version with its readers."""
    versions: dict[str, str] = draft["versions"]
    first = found[0]
    if len(versions) < 2:
        text = broadcast_versions.for_reader(versions, draft["language"], first.language) + _noted(draft, found)
        return [texts.BROADCAST_PREVIEW.format(who=html.escape(first.code), text=text, **_to(draft, found))[:LIMIT]]
    readers = [broadcast_versions.reader_language(r.language) for r in found]
    shown = []
    for lang, text in versions.items():  # the first version also goes to readers of a language without one
        n = sum(1 for r in readers if r == lang or (lang == draft["language"] and r not in versions))
        people = wording.count(n, "person")
        name = broadcast_versions.language_name(lang)
        shown.append(texts.BROADCAST_PREVIEW_VERSION.format(language=name, people=people, text=text))
    shown[0] = texts.BROADCAST_PREVIEW_VERSIONS + "\n\n" + shown[0]
    shown[-1] += _noted(draft, found) + "\n\n" + texts.BROADCAST_PREVIEW_TO.format(**_to(draft, found))
    together = "\n\n".join(shown)
    return [together] if len(together) <= LIMIT else [part[:LIMIT] for part in shown]


def _noted(draft: dict[str, Any], found: list[broadcasts.Recipient]) -> str:
    """How many get the first version after a note (their language has no version), if any."""
    n = sum(1 for r in found if broadcast_versions.reader_language(r.language) not in draft["versions"])
    language = broadcast_versions.language_name(draft["language"])
    return texts.BROADCAST_PREVIEW_NOTED.format(n=n, language=language) if n else ""
