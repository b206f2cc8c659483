"""Babel's extraction method for the text modules: every constant, named by its context.

`pybabel extract -F babel.cfg` calls `extract_texts` on each module of bot/texts. A string constant
becomes one message whose context is its name; a dict of strings gives one message per key
("CHECKIN_ASK.mood"); `COUNTED` gives plural pairs (context "count"). Values are read by importing
the module, line numbers from its syntax tree, so what is extracted is exactly what the bot shows.
"""

from __future__ import annotations

import ast
import importlib
import pathlib
from collections.abc import Iterator, Mapping
from typing import IO, Any

from bot.texts.catalogue import key_name

# Constants that are never shown to anyone: checks and their reasons.
NOT_SHOWN = frozenset({"CONFIRMATIONS", "NOT_CONFIRMATIONS", "ENGLISH"})
# Date patterns (bot.texts.dates): CLDR patterns, translated as patterns ("EEEE d 'de' MMMM").
PATTERNS = frozenset(
    {"DATE_LONG", "DATE_SHORT", "DATE_YEAR", "DATE_MEDIUM", "DATE_FULL", "MONTH_YEAR", "DAY_NAME", "MONTH_DAY"}
    | {"CLOCK", "DATE_TIME_LONG", "DATE_TIME_SHORT", "DAY_MONTH_TIME"}
)
_PATTERN_NOTE = ["A CLDR date pattern (Babel): letters are fields, 'quoted' words are literal."]

Extracted = tuple[int, str, str | tuple[str, ...], list[str]]


def _module_name(path: str) -> str | None:
    p = pathlib.Path(path).resolve()
    parts = p.with_suffix("").parts
    if "bot" not in parts or p.parent.name != "texts":
        return None
    return ".".join(parts[len(parts) - 1 - parts[::-1].index("bot") :])


def messages(module: str, source: str) -> Iterator[Extracted]:
    """(line, keyword, message, comments) for each text constant of `module`."""
    lines = {}
    for node in ast.parse(source).body:
        targets = [node.target] if isinstance(node, ast.AnnAssign) else getattr(node, "targets", [])
        for target in targets:
            names = target.elts if isinstance(target, ast.Tuple) else [target]  # A, B = "a", "b"
            for one in names:
                if isinstance(one, ast.Name):
                    lines[one.id] = node.lineno
    values: Mapping[str, Any] = vars(importlib.import_module(module))
    for name, line in lines.items():
        if not name.isupper() or name.startswith("_") or name in NOT_SHOWN:
            continue
        value = values.get(name)
        if name == "COUNTED" and isinstance(value, dict):
            for singular, plural in value.values():
                yield line, "npgettext", ("count", singular, plural), []
        elif isinstance(value, str):
            yield line, "pgettext", (name, value), _PATTERN_NOTE if name in PATTERNS else []
        elif isinstance(value, dict):
            for key, text in value.items():
                if isinstance(text, str):
                    yield line, "pgettext", (f"{name}.{key_name(key)}", text), []


def extract_texts(fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: Any) -> Iterator[Extracted]:
    """The Babel extraction method named `texts` in babel.cfg."""
    module = _module_name(getattr(fileobj, "name", ""))
    if module is None or module.endswith((".catalogue", ".extract", ".overrides", ".wording", ".__init__")):
        return
    yield from messages(module, fileobj.read().decode("utf-8"))
