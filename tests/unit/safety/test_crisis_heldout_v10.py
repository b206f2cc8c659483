"""Round ten's held-out set: a twelfth author's lines, pinned, sharing no line with any other set.

Written without reading a rule, the code or any set; the 27 lines that matched a line of another set
word for word were dropped, unread, before anything ran on it. Run once, when round ten was frozen;
read in round eleven, and trained on since.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "data"
HELDOUT_V10 = DATA / "crisis_heldout_v10.jsonl"
SHA = "7107ece554cf1742496cebdb46a9cdf04131e457cb9a903fd461c675a217c43f"


def _lines(path: Path) -> list[dict[str, str]]:
    return [json.loads(raw) for raw in path.read_text(encoding="utf-8").splitlines() if raw.strip()]


def _key(line: dict[str, str]) -> str:
    return " ".join(line["text"].casefold().split())


def test_the_tenth_held_out_set_is_pinned_and_apart_from_every_other_set() -> None:
    assert hashlib.sha256(HELDOUT_V10.read_bytes()).hexdigest() == SHA
    v10 = _lines(HELDOUT_V10)
    assert len(v10) >= 800
    assert len({_key(x) for x in v10}) == len(v10)
    others = [line for path in DATA.glob("crisis_*.jsonl") if path != HELDOUT_V10 for line in _lines(path)]
    assert not {_key(x) for x in v10} & {_key(x) for x in others}
    assert all((line["category"] is None) == (line["level"] == "none") for line in v10)


def test_the_tenth_held_out_set_trains_the_model_once_read() -> None:
    """Round eleven read v10 (its figures were reported first); from then on it is training material."""
    from bot.domain.safety import training

    assert HELDOUT_V10.name in {p.name for p in training.TRAINING}
