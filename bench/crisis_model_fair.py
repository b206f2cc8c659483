"""The learned layer measured where the rules had not read the lines (how `learned.THRESHOLD` was set).

The rules of commit 1468f89 were written on `crisis_dev.jsonl` only, so `crisis_heldout.jsonl` was
unseen by them. This trains the model on the dev part and `crisis_labelled.yaml` only, picks the
threshold by 5-fold cross-validation on that training part (ordinary lines flagged, rules and model
together, at or under 6%), and reports the old held-out part with the old rules alone and with the
model added. Needs git (the old rules are exported from the repository into a temporary directory).

Run: `.venv/bin/python bench/crisis_model_fair.py`.
"""

from __future__ import annotations

import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OLD_RULES = "1468f89"
DATA = ROOT / "tests" / "data"


def old_verdicts(texts: list[str]) -> list[bool]:
    """Whether the rules of OLD_RULES flag each text (run in a child process on an export)."""
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", OLD_RULES, "bot"], capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", tmp], input=archive.stdout, check=True)
        code = (
            "import sys, json\nfrom bot.domain.safety.screen import screen\n"
            "for line in sys.stdin: print(int(screen(json.loads(line)).flagged))"
        )
        import json

        out = subprocess.run(
            [sys.executable, "-c", code],
            input="\n".join(json.dumps(t) for t in texts),
            capture_output=True,
            text=True,
            check=True,
            cwd=tmp,
        )
    return [line == "1" for line in out.stdout.split()]


def figures(rules: list[bool], proba: list[float], crisis: list[bool], threshold: float) -> tuple[float, float]:
    flagged = [r or p >= threshold for r, p in zip(rules, proba, strict=True)]
    n_crisis, n_none = sum(crisis), len(crisis) - sum(crisis)
    recall = sum(f for f, c in zip(flagged, crisis, strict=True) if c) / n_crisis
    return recall, sum(f for f, c in zip(flagged, crisis, strict=True) if not c) / n_none


def main() -> None:
    sys.path.insert(0, str(ROOT))
    from bot.domain.safety import learned, training

    train = training.corpus((DATA / "crisis_dev.jsonl",), DATA / "crisis_labelled.yaml")
    test = training.corpus((DATA / "crisis_heldout.jsonl",), None)
    order = list(range(len(train)))
    random.Random(0).shuffle(order)
    fold = {i: k % 5 for k, i in enumerate(order)}
    oof = [0.0] * len(train)
    for f in range(5):
        model = training.train([p for i, p in enumerate(train) if fold[i] != f])
        rows = [i for i in range(len(train)) if fold[i] == f]
        for i, p in zip(rows, model.probabilities([train[i][0] for i in rows]), strict=True):
            oof[i] = p
    rules_train = old_verdicts([t for t, _ in train])
    crisis_train = [label != learned.NONE for _, label in train]
    proba = training.train(train).probabilities([t for t, _ in test])
    rules_test = old_verdicts([t for t, _ in test])
    crisis_test = [label != learned.NONE for _, label in test]
    recall, alarms = figures(rules_test, proba, crisis_test, 2.0)
    print(f"old rules alone, old held-out part: recall {recall:.3f}, ordinary flagged {alarms:.3f}")
    chosen = None
    for step in range(80, 96):
        t = step / 100
        cv = figures(rules_train, oof, crisis_train, t)
        held = figures(rules_test, proba, crisis_test, t)
        print(
            f"threshold {t:.2f}: cross-validated on dev+labelled {cv[0]:.3f} / {cv[1]:.4f}; "
            f"old held-out {held[0]:.3f} / {held[1]:.3f}  (recall / ordinary flagged)"
        )
        if chosen is None and cv[1] <= 0.06:
            chosen = t
    print(f"lowest threshold with cross-validated ordinary flagged <= 0.06: {chosen}")


if __name__ == "__main__":
    main()
