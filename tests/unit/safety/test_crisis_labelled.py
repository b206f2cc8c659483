"""The crisis screen against the labelled set: recall on crisis lines and false alarms on ordinary ones."""

from __future__ import annotations

from pathlib import Path

import yaml

from bot.domain.safety.screen import Level, screen

LABELLED = Path(__file__).resolve().parents[2] / "data" / "crisis_labelled.yaml"
# Written when the screen could not read Spanish and flagged all of it as unreadable. Spanish now
# has its own rules and ordinary Spanish is not a crisis (issue 17): these count as ordinary.
NOW_ORDINARY = frozenset({"hola, a qué hora es el grupo?", "no puedo ir al grupo mañana"})


def figures() -> dict[str, float]:
    """Recall (any level), explicit recall, category accuracy and the ordinary false-alarm rate."""
    groups = yaml.safe_load(LABELLED.read_text(encoding="utf-8"))["groups"]
    crisis = flagged = explicit = explicit_hit = right_category = ordinary = false_alarm = 0
    for group in groups:
        for line in map(str, group["lines"]):
            result = screen(line)
            if group["level"] == "none" or line in NOW_ORDINARY:
                ordinary += 1
                false_alarm += result.flagged
                continue
            crisis += 1
            flagged += result.flagged
            right_category += result.category is not None and result.category.value == group["category"]
            if group["level"] == "explicit":
                explicit += 1
                explicit_hit += result.level is Level.EXPLICIT
    return {
        "lines": crisis + ordinary,
        "crisis_lines": crisis,
        "recall": flagged / crisis,
        "explicit_recall": explicit_hit / explicit,
        "category_accuracy": right_category / crisis,
        "ordinary_lines": ordinary,
        "false_alarm_rate": false_alarm / ordinary,
    }


def test_labelled_set_is_big_enough() -> None:
    f = figures()
    assert f["lines"] >= 200
    assert f["ordinary_lines"] >= 60


def test_recall_on_crisis_lines_is_at_least_98_percent() -> None:
    assert figures()["recall"] >= 0.98


def test_explicit_lines_are_mostly_read_as_explicit() -> None:
    assert figures()["explicit_recall"] >= 0.95


def test_at_most_5_percent_of_ordinary_lines_are_flagged() -> None:
    assert figures()["false_alarm_rate"] <= 0.05
