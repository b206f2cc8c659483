"""Round nine's held-out set: an eleventh author's lines, pinned, sharing no line with any other set.

Written without reading a rule, the code or any set; the 22 lines that matched a line of another set
word for word were dropped, unread, before anything ran on it. Run once, when round nine was frozen;
read in round ten, and trained on since.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "data"
HELDOUT_V9 = DATA / "crisis_heldout_v9.jsonl"
SHA = "8831e852fec8198bffeeb95b8e632686f0eb28bb9f73db9005217dc6bef0d6bc"


def _lines(path: Path) -> list[dict[str, str]]:
    return [json.loads(raw) for raw in path.read_text(encoding="utf-8").splitlines() if raw.strip()]


def _key(line: dict[str, str]) -> str:
    return " ".join(line["text"].casefold().split())


def test_the_ninth_held_out_set_is_pinned_and_apart_from_every_other_set() -> None:
    assert hashlib.sha256(HELDOUT_V9.read_bytes()).hexdigest() == SHA
    v9 = _lines(HELDOUT_V9)
    assert len(v9) >= 800
    assert len({_key(x) for x in v9}) == len(v9)
    others = [line for path in DATA.glob("crisis_*.jsonl") if path != HELDOUT_V9 for line in _lines(path)]
    assert not {_key(x) for x in v9} & {_key(x) for x in others}
    assert all((line["category"] is None) == (line["level"] == "none") for line in v9)


def test_the_ninth_held_out_set_trains_the_model_once_read() -> None:
    """Round ten read v9 (its figures were reported first); from then on it is training material."""
    from bot.domain.safety import training

    assert HELDOUT_V9.name in {p.name for p in training.TRAINING}
