"""Typed answers to the safety question, measured on replies written apart from the word lists.

`safety_answers_dev.jsonl` and `safety_answers_heldout.jsonl` were written by an author who never
read `typed_answer`, and split by id hash (40% held out) before the lists were widened. The dev part
was read to widen them; the held-out part is only run. Its figures are a floor every change must keep.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

from bot.domain.safety.typed_answer import read

DATA = Path(__file__).resolve().parents[2] / "data"
DEV, HELDOUT = DATA / "safety_answers_dev.jsonl", DATA / "safety_answers_heldout.jsonl"
PINNED = {
    DEV: "ad9c72b4d625fa920d7a726210596bef34dc525cb0d27f464f4ea619176dffb4",
    HELDOUT: "d5fba330bae6762ec837617f6ad5ecd8e86c848b319ed825b905d91ef5404a53",
}
READ_AS = {True: "yes", False: "no", None: "other"}


def _outcomes(path: Path) -> Counter[tuple[str, str]]:
    lines = [json.loads(raw) for raw in path.read_text(encoding="utf-8").splitlines() if raw.strip()]
    return Counter((line["label"], READ_AS[read(line["text"])]) for line in lines)


def test_the_answer_sets_are_the_ones_written_and_split_before_the_lists_changed() -> None:
    assert {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in PINNED} == PINNED
    for path, held in ((DEV, False), (HELDOUT, True)):
        for raw in path.read_text(encoding="utf-8").splitlines():
            line_id = json.loads(raw)["id"]
            assert (int(hashlib.sha256(line_id.encode()).hexdigest(), 16) % 100 < 40) is held


def test_on_the_held_out_part_a_yes_is_never_read_as_no_and_nine_in_ten_are_right() -> None:
    got = _outcomes(HELDOUT)
    assert got[("yes", "no")] == 0  # the one mistake that could leave a person alone
    assert got[("other", "no")] <= 1
    assert sum(n for (label, read_as), n in got.items() if label == read_as) / sum(got.values()) >= 0.90


def test_on_the_dev_part_every_yes_is_a_yes() -> None:
    got = _outcomes(DEV)
    assert got[("yes", "no")] == 0 and got[("yes", "other")] == 0
