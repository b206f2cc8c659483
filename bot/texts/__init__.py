"""What the bot says, in one place so wording can be reviewed without reading handlers.

Texts are HTML (parse_mode=HTML); values put into them must go through html.escape.
Reminders and notices are worded so that a lock screen reveals nothing about treatment.

One module per area; `from bot import texts` and `texts.NAME` reach every sentence.

Each reader gets them in their language (bot.texts.catalogue): `texts.NAME` looks the English
constant up and returns its translation for whoever is being written to now. The type checker sees
the English modules as they are, so every name keeps its type.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from bot.texts import catalogue

if TYPE_CHECKING:
    from bot.texts.care_team import *  # noqa: F403
    from bot.texts.checkin import *  # noqa: F403
    from bot.texts.commands import *  # noqa: F403
    from bot.texts.common import *  # noqa: F403
    from bot.texts.coping import *  # noqa: F403
    from bot.texts.counted import *  # noqa: F403
    from bot.texts.data_rights import *  # noqa: F403
    from bot.texts.faq import *  # noqa: F403
    from bot.texts.followups import *  # noqa: F403
    from bot.texts.invite import *  # noqa: F403
    from bot.texts.operations import *  # noqa: F403
    from bot.texts.people import *  # noqa: F403
    from bot.texts.questionnaires import *  # noqa: F403
    from bot.texts.rewards import *  # noqa: F403
    from bot.texts.safety import *  # noqa: F403
    from bot.texts.schedule import *  # noqa: F403
    from bot.texts.settings import *  # noqa: F403
    from bot.texts.short_replies import *  # noqa: F403

_MODULES = (
    "care_team",
    "checkin",
    "commands",
    "common",
    "coping",
    "counted",
    "data_rights",
    "faq",
    "followups",
    "invite",
    "operations",
    "people",
    "questionnaires",
    "rewards",
    "safety",
    "schedule",
    "settings",
    "short_replies",
)


def _index() -> dict[str, Any]:
    """Every constant (an UPPER_CASE name) of the text modules, in English, by name."""
    found: dict[str, Any] = {}
    for module in _MODULES:
        for name, value in vars(importlib.import_module(f"bot.texts.{module}")).items():
            if name.isupper() and not name.startswith("_"):
                found[name] = value
    return found


ENGLISH: dict[str, Any] = _index()


def __getattr__(name: str) -> Any:
    """`texts.NAME`: the constant in the current reader's language."""
    try:
        value = ENGLISH[name]
    except KeyError:
        raise AttributeError(f"module 'bot.texts' has no text {name!r}") from None
    return catalogue.localised(name, value)
