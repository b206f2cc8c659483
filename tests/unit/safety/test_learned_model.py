"""The learned layer's shipped file: the plain-Python reader agrees with scikit-learn, and training
again on the corpus gives the file that ships (so it cannot drift from the labelled lines)."""

from __future__ import annotations

import gzip
import json

import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from bot.domain.safety import learned, training

SAMPLES = [
    "i feel empty and nothing helps",
    "what time is group tomorrow?",
    "ya no aguanto más",
    "i took too many   of my pills",
    "a",
    "",
    "k i l l  myself",
    "héllo wörld it's ME, 2nd try!!",
]


@pytest.fixture(scope="module")
def pairs() -> list[tuple[str, str]]:
    return training.corpus()


@pytest.mark.parametrize(
    ("kind", "low", "high"), [("char_wb", 2, 5), ("word", 1, 2), ("word", 2, 3), ("char_wb", 1, 3)]
)
def test_the_analysers_read_as_scikit_learn_does(kind: str, low: int, high: int, pairs: list[tuple[str, str]]) -> None:
    reference = TfidfVectorizer(analyzer=kind, ngram_range=(low, high)).build_analyzer()
    ours = learned.char_wb if kind == "char_wb" else learned.words
    for text in SAMPLES + [learned.fold(t) for t, _ in pairs[::40]]:
        assert ours(text, low, high) == reference(text), text


def test_the_features_are_scikit_learns(pairs: list[tuple[str, str]]) -> None:
    """Each block's features are what a fitted TfidfVectorizer gives, to rounding."""
    model = learned.model()
    texts = [learned.fold(t) for t, _ in pairs]
    for block in model.blocks:
        min_df = 2 if block.kind == "char_wb" else 1
        vectoriser = TfidfVectorizer(
            analyzer=block.kind, ngram_range=(block.low, block.high), min_df=min_df, sublinear_tf=True
        )
        vectoriser.fit(texts)
        assert {str(k): int(v) for k, v in vectoriser.vocabulary_.items()} == block.vocabulary
        for text in SAMPLES + texts[::97]:
            row = vectoriser.transform([text]).tocoo()
            expected = {int(c): float(v) for c, v in zip(row.col, row.data, strict=True)}
            got = {
                c - block.offset: v
                for c, v in model.features(text).items()
                if block.offset <= c < block.offset + len(block.vocabulary)
            }
            assert got.keys() == expected.keys(), text
            assert all(abs(got[c] - expected[c]) < 1e-5 for c in got), text


def test_training_again_gives_the_shipped_file(pairs: list[tuple[str, str]]) -> None:
    shipped = json.loads(gzip.decompress(learned.MODEL_FILE.read_bytes()))
    again = training.as_data(training.train(pairs))
    assert [b["grams"] for b in again["blocks"]] == [b["grams"] for b in shipped["blocks"]]
    assert again["situations"] == shipped["situations"]
    for key in ("crisis_weights", "situation_bias"):
        assert again[key] == pytest.approx(shipped[key], rel=1e-5, abs=1e-7)
    assert again["crisis_bias"] == pytest.approx(shipped["crisis_bias"], rel=1e-5)
    shipped_model, fresh = learned.model(), learned.from_data(again)
    texts = [t for t, _ in pairs[::25]] + SAMPLES
    for a, b in zip(shipped_model.probabilities(texts), fresh.probabilities(texts), strict=True):
        assert a == pytest.approx(b, abs=1e-5)


def test_the_training_corpus_never_includes_a_held_out_file() -> None:
    """Only files that have been read train the model. v5 to v11 were each read in the round after the
    one that held them out, and they train it; v3's held-out half and v4 stay out of training. The
    later sets, the current held-out one among them, are checked against their pins in
    test_crisis_heldout_sets (`trains`)."""
    names = {path.name for path in training.TRAINING}
    read = {"crisis_v3_dev.jsonl", "crisis_heldout_v5.jsonl", "crisis_heldout_v6.jsonl", "crisis_heldout_v7.jsonl"}
    later = {
        "crisis_heldout_v8.jsonl",
        "crisis_heldout_v9.jsonl",
        "crisis_heldout_v10.jsonl",
        "crisis_heldout_v11.jsonl",
    }
    assert read | later <= names
    assert not {"crisis_heldout_v3.jsonl", "crisis_heldout_v4.jsonl"} & names


def test_the_bot_reads_the_model_without_scikit_learn() -> None:
    """Loading and using the model imports nothing from scikit-learn (start-up time, install weight)."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from bot.domain.safety import learned\n"
        "learned.model(); learned.raise_to_possible('i feel empty and nothing helps at all')\n"
        "print(any(m.split('.')[0] in ('sklearn', 'scipy') for m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
