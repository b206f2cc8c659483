"""Training the crisis screen's learned layer, and writing it to the file the bot loads.

Issue 17 item 6. Training is a maintainer's step, not the bot's: `python -m bot triage --train`
fits the model on the labelled corpus in `tests/data` (every file listed in `TRAINING`, never a
held-out file) and writes `crisis_model.json.gz` beside `learned`. The bot only reads that file,
so it starts without scikit-learn (which is a test and training dependency) and without the
corpus. Training is deterministic (liblinear, `random_state=0`); `tests/unit/safety/` checks that
training again gives the shipped file, so the file can never drift from the corpus.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import yaml

from bot.domain.safety.learned import MODEL_FILE, NONE, Block, Model, fold
from bot.domain.safety.patterns import Category

DATA = Path(__file__).resolve().parents[3] / "tests" / "data"
# Every labelled file whose lines have been read; a held-out file joins only once it has been
# reported on and read (tests/data/crisis_corpus.md says which files are which).
TRAINING = (
    DATA / "crisis_dev.jsonl",
    DATA / "crisis_heldout.jsonl",
    DATA / "crisis_heldout_v2.jsonl",
    DATA / "crisis_v3_dev.jsonl",  # the development half of the third author's set; never its held-out half
    DATA / "crisis_train_a.jsonl",  # written for training by two more authors (longer messages; younger slang)
    DATA / "crisis_train_b.jsonl",
    DATA / "crisis_train_c.jsonl",  # and two more: bilingual and older clients; the hard look-alikes
    DATA / "crisis_train_d.jsonl",
    DATA / "crisis_heldout_v5.jsonl",  # the seventh author's set: held out in round five, read in round six
    DATA / "crisis_heldout_v6.jsonl",  # the eighth author's set: held out in round six, read in round seven
    DATA / "crisis_heldout_v7.jsonl",  # the ninth author's set: held out in round seven, read in round eight
    DATA / "crisis_heldout_v8.jsonl",  # the tenth author's set: held out in round eight, read in round nine
    DATA / "crisis_heldout_v9.jsonl",  # the eleventh author's set: held out in round nine, read in round ten
    DATA / "crisis_heldout_v10.jsonl",  # the twelfth author's set: held out in round ten, read in round eleven
    DATA / "crisis_heldout_v11.jsonl",  # the thirteenth author's set: held out in round eleven, read in round twelve
    DATA / "crisis_heldout_v12.jsonl",  # the fourteenth author's set: held out in round twelve, read in round thirteen
    DATA / "crisis_heldout_v13.jsonl",  # the fifteenth author's set: held out in round thirteen, read in round fourteen
    DATA / "crisis_heldout_v14.jsonl",  # the sixteenth author's set: held out in round fourteen, read in round fifteen
    DATA / "crisis_heldout_v15.jsonl",  # the seventeenth author's set: held out in round fifteen, read in round sixteen
    DATA / "crisis_heldout_v16.jsonl",  # the eighteenth author's: held out in round sixteen, read in round seventeen
    DATA / "crisis_heldout_v17.jsonl",  # the nineteenth author's: held out in round seventeen, read in round eighteen
    DATA / "crisis_heldout_v18.jsonl",  # the twentieth author's: held out in round eighteen, read in round nineteen
    DATA / "crisis_heldout_v19.jsonl",  # the twenty-first author's: held out in round nineteen, read in round twenty
    DATA / "crisis_heldout_v20.jsonl",  # the twenty-second author's: held out in round twenty, read in round twenty-one
    DATA / "crisis_heldout_v21.jsonl",  # the twenty-third author's: held out in round 21, read in round 22
    DATA / "crisis_heldout_v22.jsonl",  # the twenty-fourth author's: held out in round 22, read in round 23
    DATA / "crisis_heldout_v23.jsonl",  # the twenty-fifth author's: held out in round 23, read in round 24
    DATA / "crisis_heldout_v24.jsonl",  # the twenty-sixth author's: held out in round 24, read in round 25
    DATA / "crisis_heldout_v25.jsonl",  # the twenty-seventh author's: held out in round 25, read in round 26
    DATA / "crisis_heldout_v26.jsonl",  # the twenty-eighth author's: held out in round 26, read in round 27
    DATA / "crisis_heldout_v27.jsonl",  # the twenty-ninth author's: held out in round 27, read in round 28
    DATA / "crisis_heldout_v28.jsonl",  # the thirtieth author's: held out in round 28, read in round 29
    DATA / "crisis_heldout_v29.jsonl",  # the thirty-first author's: held out in round 29, read in round 30
    DATA / "crisis_heldout_v30.jsonl",  # the thirty-second author's: held out in round 30, read in round 31
    DATA / "crisis_heldout_v31.jsonl",  # the thirty-third author's: held out in round 31, read in round 32
    DATA / "crisis_heldout_v32.jsonl",  # the thirty-fourth author's: held out in round 32, read in round 33
    DATA / "crisis_heldout_v33.jsonl",  # the thirty-fifth author's: held out in round 33, read in round 34
    DATA / "crisis_heldout_v34.jsonl",  # the thirty-sixth author's: held out in round 34, read in round 35
    DATA / "crisis_heldout_v35.jsonl",  # the thirty-seventh author's: held out in round 35, read in round 36
    DATA / "crisis_heldout_v36.jsonl",  # the thirty-eighth author's: held out in round 36, read in round 37
    DATA / "crisis_heldout_v37.jsonl",  # the thirty-ninth author's: held out in round 37, read in round 38
    DATA / "crisis_heldout_v38.jsonl",  # the fortieth author's: held out in round 38, read in round 39
    DATA / "crisis_heldout_v39.jsonl",  # the forty-first author's: held out in round 39, read in round 40
    DATA / "crisis_heldout_v40.jsonl",  # the forty-second author's: held out in round 40, read in round 41
    DATA / "crisis_heldout_v41.jsonl",  # the forty-third author's: held out in round 41, read in round 42
    DATA / "crisis_heldout_v42.jsonl",  # the forty-fourth author's: held out in round 42, read in round 43
)
LABELLED = DATA / "crisis_labelled.yaml"
DIGITS = 7  # significant digits kept in the file: far below what changes a probability's 4th decimal


def corpus(paths: tuple[Path, ...] = TRAINING, labelled: Path | None = LABELLED) -> list[tuple[str, str]]:
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


def _floats(row: Any) -> list[float]:
    return [float(f"{float(v):.{DIGITS}g}") for v in row]


def train(pairs: list[tuple[str, str]]) -> Model:
    """Fit the model on (text, label) pairs, deterministically (needs scikit-learn)."""
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.svm import LinearSVC

    kinds = (("char_wb", 2, 5, 2), ("word", 1, 2, 1))
    texts = [fold(text) for text, _ in pairs]
    blocks, matrices, offset = [], [], 0
    for kind, low, high, min_df in kinds:
        vectoriser = TfidfVectorizer(analyzer=kind, ngram_range=(low, high), min_df=min_df, sublinear_tf=True)
        matrices.append(vectoriser.fit_transform(texts))
        by_column = sorted(vectoriser.vocabulary_.items(), key=lambda item: int(item[1]))
        grams = [str(gram) for gram, _ in by_column]
        blocks.append(Block(kind, low, high, {g: i for i, g in enumerate(grams)}, _floats(vectoriser.idf_), offset))
        offset += len(grams)
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
        _floats(crisis.intercept_)[0],
        tuple(Category(c) for c in classes),
        tuple(_floats(row) for row in coef),
        tuple(_floats(bias)),
    )


def as_data(model: Model) -> dict[str, Any]:
    """The model as plain JSON data, in the shape `learned.from_data` reads."""
    return {
        "blocks": [
            {"kind": b.kind, "low": b.low, "high": b.high, "grams": list(b.vocabulary), "idf": b.idf}
            for b in model.blocks
        ],
        "crisis_weights": model.crisis_weights,
        "crisis_bias": model.crisis_bias,
        "situations": [c.value for c in model.situations],
        "situation_weights": [list(w) for w in model.situation_weights],
        "situation_bias": list(model.situation_bias),
    }


def write(model: Model, path: Path = MODEL_FILE) -> int:
    """Write `model` to `path` (gzip with no timestamp, so the same model gives the same bytes)."""
    body = json.dumps(as_data(model), separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    packed = gzip.compress(body, compresslevel=9, mtime=0)
    path.write_bytes(packed)
    return len(packed)
