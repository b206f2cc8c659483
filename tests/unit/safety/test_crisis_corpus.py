"""The crisis corpus and its split stay as they were made: pinned by hash, each line in its part."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "data"
DEV, HELDOUT = DATA / "crisis_dev.jsonl", DATA / "crisis_heldout.jsonl"
# A second held-out set by another author, written after the first held-out part had been read.
HELDOUT_V2 = DATA / "crisis_heldout_v2.jsonl"
# A third author's set, split in halves by id before any rule was written from it: the dev half trains
# the model and was read to write rules; the held-out half is only ever run, never read.
V3_DEV, HELDOUT_V3 = DATA / "crisis_v3_dev.jsonl", DATA / "crisis_heldout_v3.jsonl"
# Two more authors wrote training material (read, trained on); a fifth wrote v4, held out whole: only run.
TRAIN_A, TRAIN_B = DATA / "crisis_train_a.jsonl", DATA / "crisis_train_b.jsonl"
HELDOUT_V4 = DATA / "crisis_heldout_v4.jsonl"
# Two more training authors (C, D) and a seventh author's set (v5): held out in round five, read and
# trained on in round six (crisis_corpus.md).
TRAIN_C, TRAIN_D, HELDOUT_V5 = (
    DATA / "crisis_train_c.jsonl",
    DATA / "crisis_train_d.jsonl",
    DATA / "crisis_heldout_v5.jsonl",
)
PINNED = {
    TRAIN_C: "db056e613060c3c4a5ca70b31027f6473995fdd502aae4a07a5b88100f46d3ac",
    TRAIN_D: "0d600eb41475a9fee5976f54fda46e0300e78a6108df4c829e5e38097a22cc9f",
    HELDOUT_V5: "b1a2e8a631b14fdaca685168e127bd39a2ef699fae4c8aac5f69f0ea21f92ed0",
    TRAIN_A: "f0fe3ff485885212616ec570e19f3eac5e950d86ff7037a7916081d95018024b",
    TRAIN_B: "59c9f3b734ef131e230b7958c1547c5a09da3fc85d182a9cd488db7d9ee26beb",
    HELDOUT_V4: "d9446a77c38617735872197162f758be199b6777b88edc5c41e957a4c432a1f6",
    V3_DEV: "a467af5e9469ebed807100f180b34a6847409c1e7ea8d49c37914da6c4a3e8f1",
    HELDOUT_V3: "24f36ebdaa6a594b1258383c72f284ffff459f69bf1a4d46269cb898c334776a",
    DEV: "5c58b4e00430a36b866b6f1c0941099d7902b5ad0ee276989150c3cdd8503a6b",
    HELDOUT: "6e0fee9736fdb918cfce356bdbe81761c4966c1768f4be3b8d45c5bfe6492c55",
    HELDOUT_V2: "3b0c9368d60c9d3d52baae148efbb9cb6c4ac4221beb666e68e7dae5a2f681e1",
}
LEVELS = {"explicit", "possible", "none"}


def _lines(path: Path) -> list[dict[str, str]]:
    return [json.loads(raw) for raw in path.read_text(encoding="utf-8").splitlines() if raw.strip()]


def _held_out(line_id: str) -> bool:
    return int(hashlib.sha256(line_id.encode()).hexdigest(), 16) % 100 < 35


def test_the_split_files_are_the_ones_made_before_any_rule() -> None:
    """Editing either part (to make a figure look better) changes its hash and fails here."""
    assert {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in PINNED} == PINNED


def test_every_line_sits_in_the_part_its_id_hashes_to() -> None:
    """The split is by id alone: no line was moved between the parts by hand."""
    assert all(not _held_out(line["id"]) for line in _lines(DEV))
    assert all(_held_out(line["id"]) for line in _lines(HELDOUT))


def test_the_corpus_is_large_enough_and_the_held_out_part_is_at_least_30_percent() -> None:
    """At least 1,500 lines; at least 30% held out; every situation in both parts; ids and texts unique."""
    dev, held = _lines(DEV), _lines(HELDOUT)
    everything = dev + held
    assert len(everything) >= 1500
    assert len(held) / len(everything) >= 0.30
    assert {line["situation"] for line in dev} == {line["situation"] for line in held}
    assert len({line["id"] for line in everything}) == len(everything)
    assert len({line["text"] for line in everything}) == len(everything)
    assert {line["level"] for line in everything} == LEVELS
    assert all((line["category"] is None) == (line["level"] == "none") for line in everything)


def test_ordinary_messages_are_a_large_share() -> None:
    """False alarms are measured on enough ordinary text: at least 40% of each part is level none."""
    for part in (_lines(DEV), _lines(HELDOUT)):
        levels = Counter(line["level"] for line in part)
        assert levels["none"] / len(part) >= 0.40


def test_the_second_held_out_set_is_apart_from_the_first() -> None:
    """v2 shares no line with the corpus the rules were tuned on, and has the same situations and labels."""
    first = {line["text"] for line in _lines(DEV) + _lines(HELDOUT)}
    v2 = _lines(HELDOUT_V2)
    assert len(v2) >= 900 and not {line["text"] for line in v2} & first
    assert {line["situation"] for line in v2} == {line["situation"] for line in _lines(HELDOUT)}
    assert all((line["category"] is None) == (line["level"] == "none") for line in v2)


def _v3_held_out(line_id: str) -> bool:
    return int(hashlib.sha256(line_id.encode()).hexdigest(), 16) % 100 < 50


def test_the_third_set_is_split_by_id_and_apart_from_everything_read_before() -> None:
    dev, held = _lines(V3_DEV), _lines(HELDOUT_V3)
    assert all(not _v3_held_out(line["id"]) for line in dev)
    assert all(_v3_held_out(line["id"]) for line in held)
    assert len(held) >= 500 and len(held) / (len(dev) + len(held)) >= 0.30
    before = {" ".join(line["text"].casefold().split()) for line in _lines(DEV) + _lines(HELDOUT) + _lines(HELDOUT_V2)}
    assert not {" ".join(line["text"].casefold().split()) for line in dev + held} & before
    assert all((line["category"] is None) == (line["level"] == "none") for line in dev + held)


def test_the_fourth_and_fifth_held_out_sets_shared_no_line_with_what_was_read_before_them() -> None:
    read = _lines(DEV) + _lines(HELDOUT) + _lines(HELDOUT_V2) + _lines(V3_DEV) + _lines(TRAIN_A) + _lines(TRAIN_B)
    read += _lines(TRAIN_C) + _lines(TRAIN_D)
    v4 = _lines(HELDOUT_V4) + _lines(HELDOUT_V5)
    assert len(v4) >= 1600

    def key(line: dict[str, str]) -> str:
        return " ".join(line["text"].casefold().split())

    assert not {key(x) for x in v4} & {key(x) for x in read}
    assert all((line["category"] is None) == (line["level"] == "none") for line in v4)


def test_v5_is_read_now_and_trains_the_model() -> None:
    """Round six read v5: it is a training file; v3's and v4's held-out files still are not."""
    from bot.domain.safety import training

    names = {p.name for p in training.TRAINING}
    assert HELDOUT_V5.name in names
    assert not {HELDOUT_V3.name, HELDOUT_V4.name} & names


# Round six: an eighth author's set, held out whole, written without reading a rule, the code or any
# set; lines that matched a line of any other set word for word were dropped before anyone ran it.
HELDOUT_V6 = DATA / "crisis_heldout_v6.jsonl"
HELDOUT_V6_SHA = "260dd200547f116f36f3df6d9cc29f509822fcd32f0e99889c2156898e9dc501"


def test_the_sixth_held_out_set_is_pinned_and_shares_no_line_with_any_other_set() -> None:
    assert hashlib.sha256(HELDOUT_V6.read_bytes()).hexdigest() == HELDOUT_V6_SHA
    v6 = _lines(HELDOUT_V6)
    assert len(v6) >= 750

    def key(line: dict[str, str]) -> str:
        return " ".join(line["text"].casefold().split())

    others = [line for path in DATA.glob("crisis_*.jsonl") if path != HELDOUT_V6 for line in _lines(path)]
    assert not {key(x) for x in v6} & {key(x) for x in others}
    assert all(line["level"] in LEVELS for line in v6)
    assert all((line["category"] is None) == (line["level"] == "none") for line in v6)


def test_v6_is_read_now_and_trains_the_model() -> None:
    """Round seven read v6 (held out in round six, run once): it is a training file now, pinned as it
    was; v3's and v4's held-out files still are not (the newest held-out set: test_crisis_heldout_sets)."""
    from bot.domain.safety import training

    names = {p.name for p in training.TRAINING}
    read_later = {f"crisis_heldout_v{n}.jsonl" for n in range(7, 12)}
    assert {HELDOUT_V5.name, HELDOUT_V6.name} | read_later <= names
    assert not {HELDOUT_V3.name, HELDOUT_V4.name} & names
