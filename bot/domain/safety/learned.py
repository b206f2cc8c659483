"""The crisis screen's learned layer: a linear model that may only raise a message to "possible".

Issue 17 item 6. The rules (`constructs`, `patterns`, `context`) stay the auditable core and decide
the level and the category whenever they find something. When they find nothing, this model may
still raise the message to *possible* (the bot then asks "are you safe right now?") if its
probability of crisis passes `THRESHOLD`; it never makes a message explicit and never lowers a
verdict of the rules.

The model: TF-IDF over character n-grams (char_wb 2-5) and word unigrams and bigrams of the folded
text (`folding.normalise`, so look-alike letters and leetspeak read as the rules read them), then
a logistic regression for crisis / not crisis and a linear SVM for the situation. Trained at first
use from the labelled corpus in the repo (`tests/data/crisis_dev.jsonl`, `crisis_heldout.jsonl`
and `crisis_labelled.yaml`; never a `*_v2` held-out file), deterministically (liblinear,
`random_state=0`), once per process (about 0.3 s, plus about 1 s to import scikit-learn).

`THRESHOLD` was chosen by 5-fold cross-validation: the lowest that keeps ordinary lines flagged
at any level, rules and model together, at or under 6%. The rules are now fitted to the whole
corpus, so cross-validating against them flatters them (0.78 would pass); the threshold was taken
where the rules had not read the lines: the first rules (written on the dev part only) with the
model cross-validated on the dev part and `crisis_labelled.yaml` gave 0.85. See bench/README.md.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.domain.safety.folding import cap, normalise
from bot.domain.safety.patterns import Category

DATA = Path(__file__).resolve().parents[3] / "tests" / "data"
CORPUS = (DATA / "crisis_dev.jsonl", DATA / "crisis_heldout.jsonl")
LABELLED = DATA / "crisis_labelled.yaml"
NONE = "none"
THRESHOLD = 0.85  # see the module docstring and bench/README.md ("Crisis screen") for how it was chosen
# The situation the reply is chosen for when the model raises a message: its own class, except
# "unreadable", which only the script check gives (the text here is one the rules could read).
_REPLY_CATEGORY = {Category.UNREADABLE: Category.SUICIDE}
PATTERN_PREFIX = "model:"


def corpus(paths: tuple[Path, ...] = CORPUS, labelled: Path | None = LABELLED) -> list[tuple[str, str]]:
    """(text, label) pairs: the label is the category of a crisis line, or "none"."""
    out: list[tuple[str, str]] = []
    for path in paths:
        for raw in path.read_text(encoding="utf-8").splitlines():
            if raw.strip():
                line = json.loads(raw)
                out.append((str(line["text"]), str(line["category"] or NONE)))
    if labelled is not None:
        data: Any = yaml.safe_load(labelled.read_text(encoding="utf-8"))
        for group in data["groups"]:
            label = str(group.get("category") or NONE)
            out += [(str(text), label) for text in group["lines"]]
    return out


def fold(text: str) -> str:
    """The text as the model reads it: the folded text the rules read."""
    return normalise(cap(text))


@dataclass(frozen=True, eq=False)
class Model:
    """A trained model: crisis probability and the most likely situation of a text."""

    vectoriser: Any
    crisis: Any  # LogisticRegression, classes [0, 1]
    situation: Any  # LinearSVC over the crisis lines' categories

    def probabilities(self, texts: list[str]) -> list[float]:
        features = self.vectoriser.transform([fold(t) for t in texts])
        return [float(p) for p in self.crisis.predict_proba(features)[:, 1]]

    def read(self, text: str) -> tuple[float, Category]:
        """The probability that `text` is crisis language and the category of its reply."""
        features = self.vectoriser.transform([fold(text)])
        probability = float(self.crisis.predict_proba(features)[0, 1])
        category = Category(str(self.situation.predict(features)[0]))
        return probability, _REPLY_CATEGORY.get(category, category)


def train(pairs: list[tuple[str, str]]) -> Model:
    """Fit the model on (text, label) pairs, deterministically."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion
    from sklearn.svm import LinearSVC

    vectoriser = FeatureUnion(
        [
            ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True)),
            ("words", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), min_df=1, sublinear_tf=True)),
        ]
    )
    texts = [fold(text) for text, _ in pairs]
    features = vectoriser.fit_transform(texts)
    is_crisis = [int(label != NONE) for _, label in pairs]
    crisis = LogisticRegression(C=10.0, solver="liblinear", dual=True, random_state=0, class_weight="balanced")
    crisis.fit(features, is_crisis)
    rows = [i for i, (_, label) in enumerate(pairs) if label != NONE]
    situation = LinearSVC(C=1.0, random_state=0)
    situation.fit(features[rows], [pairs[i][1] for i in rows])
    return Model(vectoriser, crisis, situation)


@functools.cache
def model() -> Model:
    """The model trained on the repo's corpus, once per process."""
    return train(corpus())


def raise_to_possible(text: str, threshold: float = THRESHOLD) -> tuple[Category, str] | None:
    """(category, "model:0.83") when the model would raise `text` to possible, else None."""
    probability, category = model().read(text)
    if probability < threshold:
        return None
    return category, f"{PATTERN_PREFIX}{probability:.2f}"
