"""The learned layer's threshold, chosen on authors it has not read: leave one author's set out.

For each later author's set (SETS below), the model is trained on every other training file and scores
that set; the rules read every line as they are. Prints recall at any level and ordinary lines flagged
at any level, rules alone and rules with the model at each threshold, and how many of the read FAQ
sets' program questions the shipped model raises to "possible" at that threshold (each such client is
asked whether they are safe before getting the answer). `learned.THRESHOLD` is the lowest at which
ordinary lines flagged stay at or under 7% and program questions raised at or under 5%.
Run: `.venv/bin/python bench/crisis_model_authors.py`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import yaml

from bot.domain.safety import learned, training
from bot.domain.safety.screen import screen
from tests.unit.faq.test_faq_heldout_sets import SETS as FAQ_SETS

# Every training file is a later author's set to leave out, but the first corpus (its development and
# held-out halves) and the second author's set, which always train. Derived from training.TRAINING so
# that a set read in a round is left out here as soon as it trains.
ALWAYS_TRAINING = frozenset({"crisis_dev.jsonl", "crisis_heldout.jsonl", "crisis_heldout_v2.jsonl"})
SETS = tuple(path.name for path in training.TRAINING if path.name not in ALWAYS_TRAINING)
THRESHOLDS = (0.5, 0.6, 0.64, 0.66, 0.68, 0.7, 0.72, 0.74, 0.75, 0.76, 0.78, 0.8, 0.82, 0.84, 0.86, 0.9)


def main() -> None:
    proba: list[float] = []
    rules: list[bool] = []
    long: list[bool] = []
    crisis: list[bool] = []
    for name in SETS:
        text = (training.DATA / name).read_text(encoding="utf-8")
        rows = [json.loads(raw) for raw in text.splitlines() if raw.strip()]
        model = training.train(training.corpus(tuple(p for p in training.TRAINING if p.name != name)))
        proba += model.probabilities([row["text"] for row in rows])
        rules += [screen(row["text"], model=False).flagged for row in rows]
        long += [len(row["text"].split()) >= learned.MIN_WORDS for row in rows]
        crisis += [row["level"] != "none" for row in rows]

    def report(label: str, flagged: list[bool]) -> None:
        caught = sum(f for f, c in zip(flagged, crisis, strict=True) if c) / sum(crisis)
        raised = sum(f for f, c in zip(flagged, crisis, strict=True) if not c)
        ordinary = len(crisis) - sum(crisis)
        print(f"{label}: recall {caught:.3f}, ordinary flagged {raised / ordinary:.4f} ({raised} of {ordinary})")

    report("rules alone", rules)
    questions = program_questions()
    unflagged = [q for q in questions if not screen(q, model=False).flagged]  # the model only scores these
    for t in THRESHOLDS:
        report(f"rules + model at {t}", [r or (w and p >= t) for r, w, p in zip(rules, long, proba, strict=True)])
        raised = sum(learned.raise_to_possible(q, t) is not None for q in unflagged)
        share = raised / len(questions)
        print(f"    program questions the model raises to possible: {raised} of {len(questions)} ({share:.2%})")


def program_questions() -> list[str]:
    """Every program question of the read FAQ sets (English and Spanish); the held-out ones never."""
    held_out = {name for name, (_sha, held) in FAQ_SETS.items() if held}
    questions: list[str] = []
    for path in sorted(training.DATA.glob("faq_*.yaml")):
        if path.name not in held_out:
            for qs in yaml.safe_load(path.read_text(encoding="utf-8"))["in_scope"].values():
                questions += qs
    return questions


if __name__ == "__main__":
    main()
