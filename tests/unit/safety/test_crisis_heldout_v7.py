"""Round seven's held-out set: a ninth author's lines, pinned, sharing no line with any other set.

Written without reading a rule, the code or any set; the 24 lines that matched a line of another set
word for word were dropped, unread, before anything ran on it. Run once, when round seven was frozen;
read in round eight, and trained on since.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "data"
HELDOUT_V7 = DATA / "crisis_heldout_v7.jsonl"
SHA = "769bdfb8456d6057d32eb2a41a61c4f40dea7877dda202012e6a03ac0759f119"


def _lines(path: Path) -> list[dict[str, str]]:
    return [json.loads(raw) for raw in path.read_text(encoding="utf-8").splitlines() if raw.strip()]


def _key(line: dict[str, str]) -> str:
    return " ".join(line["text"].casefold().split())


def test_the_seventh_held_out_set_is_pinned_and_apart_from_every_other_set() -> None:
    assert hashlib.sha256(HELDOUT_V7.read_bytes()).hexdigest() == SHA
    v7 = _lines(HELDOUT_V7)
    assert len(v7) >= 800
    others = [line for path in DATA.glob("crisis_*.jsonl") if path != HELDOUT_V7 for line in _lines(path)]
    assert not {_key(x) for x in v7} & {_key(x) for x in others}
    assert all((line["category"] is None) == (line["level"] == "none") for line in v7)


def test_the_seventh_held_out_set_trains_the_model_once_read() -> None:
    """Round eight read v7 (its figures were reported first); from then on it is training material."""
    from bot.domain.safety import training

    assert HELDOUT_V7.name in {p.name for p in training.TRAINING}
