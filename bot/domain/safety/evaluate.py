"""The screen measured on a labelled file: recall by situation, false alarms at each level, misses.

A labelled file has one JSON object per line, `{"id", "text", "level", "situation", "lang",
"category"}` (see tests/data/crisis_corpus.md). A crisis line (level explicit or possible) is
caught when the screen flags it at any level; an ordinary line (level none) is a false alarm when
the screen flags it at all, and a serious one when it flags it explicit.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from bot.domain.safety.patterns import Level
from bot.domain.safety.screen import Screening, screen


@dataclass(frozen=True, slots=True)
class Line:
    """One labelled message."""

    id: str
    text: str
    level: str
    situation: str
    lang: str = "en"
    category: str | None = None


@dataclass
class Figures:
    """What `evaluate` found: counts per situation, ordinary lines flagged, and each miss."""

    caught: dict[str, int] = field(default_factory=dict)  # crisis lines flagged, by situation
    total: dict[str, int] = field(default_factory=dict)  # crisis lines, by situation
    ordinary_by: dict[str, int] = field(default_factory=dict)  # ordinary lines, by situation
    ordinary: int = 0
    flagged_any: int = 0
    flagged_explicit: int = 0
    explicit_lines: int = 0
    explicit_as_explicit: int = 0
    misses: list[tuple[Line, Screening]] = field(default_factory=list)
    false_alarms: list[tuple[Line, Screening]] = field(default_factory=list)

    @property
    def crisis_lines(self) -> int:
        return sum(self.total.values())

    @property
    def recall(self) -> float:
        lines = self.crisis_lines
        return sum(self.caught.values()) / lines if lines else 1.0

    def report(self) -> str:
        """The figures as plain text: recall overall and by situation, false alarms, then each miss."""
        out = [f"crisis lines: {self.crisis_lines}   recall at any level: {self.recall:.3f}"]
        if self.explicit_lines:
            share = self.explicit_as_explicit / self.explicit_lines
            out.append(
                f"explicit lines flagged explicit: {self.explicit_as_explicit}/{self.explicit_lines} ({share:.3f})"
            )
        out.append("recall by situation:")
        for situation in sorted(self.caught):
            caught, total = self.caught[situation], self.total[situation]
            out.append(f"  {situation:<24} {caught:>4}/{total:<4} {caught / total:.3f}")
        if self.ordinary:
            any_rate, explicit_rate = self.flagged_any / self.ordinary, self.flagged_explicit / self.ordinary
            out.append(f"ordinary lines: {self.ordinary}")
            out.append(f"  flagged at any level: {self.flagged_any} ({any_rate:.3f})")
            out.append(f"  flagged explicit:     {self.flagged_explicit} ({explicit_rate:.3f})")
            for situation in sorted(self.ordinary_by):
                flagged = sum(1 for line, _ in self.false_alarms if line.situation == situation)
                out.append(f"  {situation:<24} {flagged:>4}/{self.ordinary_by[situation]:<4} flagged")
        out.append(f"misses ({len(self.misses)}):")
        out += [f"  [{line.situation}] {line.text}" for line, _ in self.misses]
        out.append(f"false alarms ({len(self.false_alarms)}):")
        for line, got in self.false_alarms:
            out.append(f"  [{line.situation}] {got.level.value}/{got.category} {got.pattern}: {line.text}")
        return "\n".join(out)


def read_lines(raw: Iterable[str]) -> list[Line]:
    """Labelled lines from JSON lines (blank lines skipped)."""
    lines = []
    for text in raw:
        if text.strip():
            data = json.loads(text)
            lines.append(
                Line(
                    str(data["id"]),
                    str(data["text"]),
                    str(data["level"]),
                    str(data.get("situation") or data["level"]),
                    str(data.get("lang") or "en"),
                    data.get("category"),
                )
            )
    return lines


def evaluate(lines: Iterable[Line], screener: Callable[[str], Screening] = screen) -> Figures:
    """Screen every line and count what was caught, missed and wrongly flagged."""
    f = Figures()
    for line in lines:
        got = screener(line.text)
        if line.level == Level.NONE.value:
            f.ordinary += 1
            f.ordinary_by[line.situation] = f.ordinary_by.get(line.situation, 0) + 1
            if got.flagged:
                f.flagged_any += 1
                f.flagged_explicit += got.level is Level.EXPLICIT
                f.false_alarms.append((line, got))
            continue
        f.total[line.situation] = f.total.get(line.situation, 0) + 1
        f.caught[line.situation] = f.caught.get(line.situation, 0) + got.flagged
        if line.level == Level.EXPLICIT.value:
            f.explicit_lines += 1
            f.explicit_as_explicit += got.level is Level.EXPLICIT
        if not got.flagged:
            f.misses.append((line, got))
    return f
