"""Does the crisis screen's learned layer earn its place? 5-fold cross-validation on its corpus.

For each fold the model (`bot.domain.safety.training.train`) is trained on the other four and
scores the lines of this one; the rules (`screen(..., model=False)`) read every line as they are.
A line is flagged by "rules + model" when the rules flag it, or when they do not and the model's
out-of-fold probability passes the threshold (it is then "possible"). Prints, for a grid of
thresholds, recall at any level and ordinary lines flagged at any level, and the lowest threshold
that keeps ordinary lines flagged at or under 6% (the value `learned.THRESHOLD` is set to).

The rules were written on these same lines, so the rules' own figures here flatter them; the
model's figures are out of fold. Run: `.venv/bin/python bench/crisis_model_cv.py`.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.domain.safety import learned, training
from bot.domain.safety.screen import screen

FOLDS = 5
LIMIT = 0.06


def main() -> None:
    pairs = training.corpus()
    started = time.process_time()
    training.train(pairs)
    print(f"lines: {len(pairs)}; training on all of them: {time.process_time() - started:.2f} s CPU")
    order = list(range(len(pairs)))
    random.Random(0).shuffle(order)
    fold_of = {i: k % FOLDS for k, i in enumerate(order)}
    proba = [0.0] * len(pairs)
    for fold in range(FOLDS):
        model = training.train([p for i, p in enumerate(pairs) if fold_of[i] != fold])
        rows = [i for i in range(len(pairs)) if fold_of[i] == fold]
        for i, p in zip(rows, model.probabilities([pairs[i][0] for i in rows]), strict=True):
            proba[i] = p
    rules = [screen(text, model=False).flagged for text, _ in pairs]
    crisis = [label != learned.NONE for _, label in pairs]
    n_crisis, n_none = sum(crisis), len(pairs) - sum(crisis)

    def figures(threshold: float) -> tuple[float, float]:
        flagged = [r or p >= threshold for r, p in zip(rules, proba, strict=True)]
        recall = sum(f for f, c in zip(flagged, crisis, strict=True) if c) / n_crisis
        alarms = sum(f for f, c in zip(flagged, crisis, strict=True) if not c) / n_none
        return recall, alarms

    model_only = [p >= 0.5 for p in proba]
    m_recall = sum(f for f, c in zip(model_only, crisis, strict=True) if c) / n_crisis
    m_alarms = sum(f for f, c in zip(model_only, crisis, strict=True) if not c) / n_none
    print(f"crisis lines {n_crisis}, ordinary lines {n_none}")
    print(f"model alone at 0.5 (out of fold): recall {m_recall:.3f}, ordinary flagged {m_alarms:.3f}")
    r0 = sum(r for r, c in zip(rules, crisis, strict=True) if c) / n_crisis
    a0 = sum(r for r, c in zip(rules, crisis, strict=True) if not c) / n_none
    print(f"rules alone: recall {r0:.3f}, ordinary flagged {a0:.3f}")
    chosen = None
    for step in range(30, 96, 2):
        t = step / 100
        recall, alarms = figures(t)
        print(f"rules + model at {t:.2f}: recall {recall:.3f}, ordinary flagged {alarms:.3f}")
        if chosen is None and alarms <= LIMIT:
            chosen = t
    print(f"lowest threshold with ordinary flagged <= {LIMIT}: {chosen}")


if __name__ == "__main__":
    main()
