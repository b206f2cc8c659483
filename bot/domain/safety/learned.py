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
model cross-validated on the dev part and `crisis_labelled.yaml` gave 0.86
(`bench/crisis_model_fair.py`). See bench/README.md.
"""

from __future__ import annotations

import functools
import json
import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.domain.safety.folding import normalise
from bot.domain.safety.patterns import Category

DATA = Path(__file__).resolve().parents[3] / "tests" / "data"
CORPUS = (DATA / "crisis_dev.jsonl", DATA / "crisis_heldout.jsonl")
LABELLED = DATA / "crisis_labelled.yaml"
NONE = "none"
THRESHOLD = 0.86  # see the module docstring and bench/README.md ("Crisis screen") for how it was chosen
# The situation the reply is chosen for when the model raises a message: its own class, except
# "unreadable", which only the script check gives (the text here is one the rules could read).
_REPLY_CATEGORY = {Category.UNREADABLE: Category.SUICIDE}
PATTERN_PREFIX = "model:"
# On, with two limits learned in use: it reads messages of MIN_WORDS words or more (it read "okay"
# and "seven and a half" as crisis), and the crisis guard lets it read clients' words only (it read a
# name a staff member typed). On the second held-out set it raised recall from 0.834 to 0.915 and
# ordinary lines flagged from 8.5% to 9.4%, all at "possible" (one question); bench/README.md.
ENABLED = True
# Short messages are left to the rules: a few characters carry too little for character n-grams, and
# a typed check-in answer ("okay", "seven and a half") must never be read as crisis by the model.
MIN_WORDS = 5
HEAD_CHARS, TAIL_CHARS = 600, 400  # what the model reads of a long message


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
    """The text as the model reads it: the folded text the rules read, at most its first
    HEAD_CHARS and last TAIL_CHARS characters (the rules read the rest; the corpus is short messages)."""
    if len(text) > HEAD_CHARS + TAIL_CHARS:
        text = text[:HEAD_CHARS] + "\n" + text[-TAIL_CHARS:]
    return normalise(text)


@dataclass(frozen=True, eq=False)
class Block:
    """One TF-IDF vectoriser as plain data: its analyser, vocabulary and idf, and where its columns start."""

    analyse: Callable[[str], list[str]]
    vocabulary: dict[str, int]
    idf: list[float]
    offset: int


@dataclass(frozen=True, eq=False)
class Model:
    """A trained model, read without scikit-learn's per-call overhead (a few µs, not milliseconds).

    `features` computes what the fitted `FeatureUnion` of `TfidfVectorizer`s would (sublinear tf
    times idf, each block scaled to unit length); `train` checks it against scikit-learn.
    """

    blocks: tuple[Block, ...]
    crisis_weights: list[float]  # the logistic regression's coefficients, by column
    crisis_bias: float
    situations: tuple[Category, ...]
    situation_weights: tuple[list[float], ...]  # the linear SVM's, one list per situation
    situation_bias: tuple[float, ...]

    def features(self, folded: str) -> dict[int, float]:
        out: dict[int, float] = {}
        for block in self.blocks:
            vocabulary, idf = block.vocabulary, block.idf
            weights = {}
            for gram, n in Counter(block.analyse(folded)).items():
                column = vocabulary.get(gram)
                if column is not None:
                    weights[column] = (1.0 + math.log(n)) * idf[column]
            norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
            out.update({block.offset + c: w / norm for c, w in weights.items()})
        return out

    def probability(self, features: dict[int, float]) -> float:
        weights = self.crisis_weights
        score = self.crisis_bias + sum(v * weights[c] for c, v in features.items())
        return 1.0 / (1.0 + math.exp(-score)) if score > -500 else 0.0

    def probabilities(self, texts: list[str]) -> list[float]:
        return [self.probability(self.features(fold(t))) for t in texts]

    def situation(self, features: dict[int, float]) -> Category:
        """The most likely situation of a crisis text (only worth computing once it is raised)."""
        scores = [
            bias + sum(v * weights[c] for c, v in features.items())
            for weights, bias in zip(self.situation_weights, self.situation_bias, strict=True)
        ]
        category = self.situations[scores.index(max(scores))]
        return _REPLY_CATEGORY.get(category, category)

    def read(self, text: str) -> tuple[float, Category]:
        """The probability that `text` is crisis language and the category of its reply."""
        features = self.features(fold(text))
        return self.probability(features), self.situation(features)


def _floats(row: Any) -> list[float]:
    return [float(v) for v in row]


def train(pairs: list[tuple[str, str]]) -> Model:
    """Fit the model on (text, label) pairs, deterministically."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.svm import LinearSVC

    vectorisers = (
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True),
        TfidfVectorizer(analyzer="word", ngram_range=(1, 2), min_df=1, sublinear_tf=True),
    )
    texts = [fold(text) for text, _ in pairs]
    blocks, offset = [], 0
    matrices = []
    for vectoriser in vectorisers:
        matrices.append(vectoriser.fit_transform(texts))
        vocabulary = {str(k): int(v) for k, v in vectoriser.vocabulary_.items()}
        blocks.append(Block(vectoriser.build_analyzer(), vocabulary, [float(x) for x in vectoriser.idf_], offset))
        offset += len(vocabulary)
    from scipy.sparse import hstack

    features = hstack(matrices).tocsr()
    is_crisis = [int(label != NONE) for _, label in pairs]
    crisis = LogisticRegression(C=10.0, solver="liblinear", dual=True, random_state=0, class_weight="balanced")
    crisis.fit(features, is_crisis)
    rows = [i for i, (_, label) in enumerate(pairs) if label != NONE]
    situation = LinearSVC(C=1.0, random_state=0)
    situation.fit(features[rows], [pairs[i][1] for i in rows])
    classes = [str(c) for c in situation.classes_]
    coef = situation.coef_ if len(classes) > 2 else [-situation.coef_[0], situation.coef_[0]]
    bias = situation.intercept_ if len(classes) > 2 else [-situation.intercept_[0], situation.intercept_[0]]
    return Model(
        tuple(blocks),
        _floats(crisis.coef_[0]),
        float(crisis.intercept_[0]),
        tuple(Category(c) for c in classes),
        tuple(_floats(row) for row in coef),
        tuple(float(b) for b in bias),
    )


@functools.cache
def model() -> Model:
    """The model trained on the repo's corpus, once per process."""
    return train(corpus())


def raise_to_possible(text: str, threshold: float | None = None) -> tuple[Category, str] | None:
    """(category, "model:0.83") when the model would raise `text` to possible, else None."""
    if len(text.split()) < MIN_WORDS:
        return None
    trained = model()
    features = trained.features(fold(text))
    probability = trained.probability(features)
    if probability < (THRESHOLD if threshold is None else threshold):
        return None
    return trained.situation(features), f"{PATTERN_PREFIX}{probability:.2f}"
