"""The coping tools as data: tools.yaml, read once and checked, so a clinic edits words, not code.

Each tool is a name (its button), a source (where the idea comes from, for the team) and
steps shown one at a time. The steps `people` and `reasons` stand for those parts of the
client's own safety plan. A tool with a `pace` (seconds) sends its steps on their own, that far
apart, through the outbox (`bot.domain.coping.sequences`); one without waits for Next. A broken
file fails loudly at start with the tool and the reason. `tools_es.yaml` gives the Spanish names and
steps (`offered` picks by the reader's language); source and pace are the English file's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from bot.texts import catalogue

DEFAULT_PATH = Path(__file__).parent / "tools.yaml"
TRANSLATIONS = {"es": Path(__file__).parent / "tools_es.yaml"}  # a language without a file: English
PEOPLE_STEP = "people"  # shows the people section of the client's safety plan
REASONS_STEP = "reasons"  # shows the reasons section of the client's safety plan
PLAN_STEPS = (PEOPLE_STEP, REASONS_STEP)
KEY = re.compile(r"^[a-z_]{1,20}$")  # short: keys travel in button data (64 bytes)
MAX_STEP_CHARS = 1000
PACE_SECONDS = (5, 600)  # a pace outside this is a typo: too fast to read, or a wait nobody would sit through


class ToolsError(ValueError):
    """tools.yaml is not what the bot can show; the message says which tool and why."""


@dataclass(frozen=True, slots=True)
class Tool:
    key: str
    name: str
    source: str
    steps: tuple[str, ...]
    pace: int | None = None  # seconds between steps sent on their own; None: the client taps Next

    @property
    def minutes(self) -> int:
        """How long a paced tool runs, rounded up to a minute (0 when the client sets the pace)."""
        return 0 if self.pace is None else -(-self.pace * (len(self.steps) - 1) // 60)


def parse(text: str) -> dict[str, Tool]:
    """The tools in a YAML text, in file order; ToolsError names the first problem."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ToolsError(f"not YAML: {exc}") from exc
    raw = data.get("tools") if isinstance(data, dict) else None
    if not isinstance(raw, dict) or not raw:
        raise ToolsError("expected a mapping `tools:` with at least one tool")
    found: dict[str, Tool] = {}
    for key, body in raw.items():
        if not isinstance(key, str) or not KEY.match(key):
            raise ToolsError(f"tool key {key!r}: use 1–20 lower-case letters and _")
        if not isinstance(body, dict):
            raise ToolsError(f"{key}: expected name, source and steps")
        name, source, steps = body.get("name"), body.get("source"), body.get("steps")
        if not isinstance(name, str) or not name.strip() or len(name) > 40:
            raise ToolsError(f"{key}: a name of 1–40 characters is required (it is the button)")
        if not isinstance(source, str) or not source.strip():
            raise ToolsError(f"{key}: a source is required")
        if not isinstance(steps, list) or not steps:
            raise ToolsError(f"{key}: at least one step is required")
        for n, step in enumerate(steps, 1):
            if not isinstance(step, str) or not step.strip() or len(step) > MAX_STEP_CHARS:
                raise ToolsError(f"{key}: step {n} must be text of 1–{MAX_STEP_CHARS} characters")
        pace = body.get("pace")
        if pace is not None and (
            not isinstance(pace, int) or isinstance(pace, bool) or not PACE_SECONDS[0] <= pace <= PACE_SECONDS[1]
        ):
            raise ToolsError(f"{key}: pace must be whole seconds from {PACE_SECONDS[0]} to {PACE_SECONDS[1]}")
        if pace is not None and any(step.strip() in PLAN_STEPS for step in steps):
            raise ToolsError(f"{key}: a paced tool cannot show the safety plan (its steps are written in advance)")
        found[key] = Tool(key, name.strip(), source.strip(), tuple(s.strip() for s in steps), pace)
    return found


@cache
def load(path: Path = DEFAULT_PATH) -> dict[str, Tool]:
    """The tools the bot offers, in English (read once per process)."""
    return parse(path.read_text(encoding="utf-8"))


def translate(tools: dict[str, Tool], text: str) -> dict[str, Tool]:
    """The tools with their names and steps from a translation file; source and pace stay the clinic's.

    A tool the file leaves out stays in English; one whose steps do not line up fails (ToolsError)."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ToolsError(f"translation: not YAML: {exc}") from exc
    raw = data.get("tools") if isinstance(data, dict) else None
    if not isinstance(raw, dict):
        raise ToolsError("translation: expected a mapping `tools:`")
    out = dict(tools)
    for key, body in raw.items():
        tool = tools.get(key)
        if tool is None or not isinstance(body, dict):
            raise ToolsError(f"translation: {key!r} is no tool of tools.yaml")
        name, steps = body.get("name"), body.get("steps")
        if not isinstance(name, str) or not name.strip() or len(name) > 40 or not isinstance(steps, list):
            raise ToolsError(f"translation: {key}: a name of 1–40 characters and steps are required")
        said = tuple(str(s).strip() for s in steps)
        if len(said) != len(tool.steps) or any(
            (a in PLAN_STEPS) != (b in PLAN_STEPS) for a, b in zip(said, tool.steps, strict=True)
        ):
            raise ToolsError(f"translation: {key}: its steps do not line up with tools.yaml")
        if any(not s or len(s) > MAX_STEP_CHARS for s in said):
            raise ToolsError(f"translation: {key}: every step must be text of 1–{MAX_STEP_CHARS} characters")
        out[key] = Tool(key, name.strip(), tool.source, said, tool.pace)
    return out


@cache
def _in(language: str) -> dict[str, Tool]:
    path = TRANSLATIONS.get(language)
    return load() if path is None else translate(load(), path.read_text(encoding="utf-8"))


def offered() -> dict[str, Tool]:
    """The tools in the reader's language (bot.texts.catalogue), read once per process and language."""
    return _in(catalogue.current())
