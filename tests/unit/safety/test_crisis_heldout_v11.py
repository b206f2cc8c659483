"""Round eleven's held-out set: a thirteenth author's lines, pinned, sharing no line with any other set.

Written without reading a rule, the code or any set; the 17 lines that matched a line of another set
word for word were dropped, unread, before anything ran on it. Run once, when round eleven was frozen;
read in round twelve, and trained on since.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "data"
HELDOUT_V11 = DATA / "crisis_heldout_v11.jsonl"
SHA = "7b73883f07a34b4b9eac543326bc9f5de0159ab0c2e172d0ce0f1a03cf5b9800"


def _lines(path: Path) -> list[dict[str, str]]:
    return [json.loads(raw) for raw in path.read_text(encoding="utf-8").splitlines() if raw.strip()]


def _key(line: dict[str, str]) -> str:
    return " ".join(line["text"].casefold().split())


def test_the_eleventh_held_out_set_is_pinned_and_apart_from_every_other_set() -> None:
    assert hashlib.sha256(HELDOUT_V11.read_bytes()).hexdigest() == SHA
    v11 = _lines(HELDOUT_V11)
    assert len(v11) >= 800
    assert len({_key(x) for x in v11}) == len(v11)
    others = [line for path in DATA.glob("crisis_*.jsonl") if path != HELDOUT_V11 for line in _lines(path)]
    assert not {_key(x) for x in v11} & {_key(x) for x in others}
    assert all((line["category"] is None) == (line["level"] == "none") for line in v11)


def test_the_eleventh_held_out_set_trains_the_model_once_read() -> None:
    """Round twelve read v11 (its figures were reported first); from then on it is training material."""
    from bot.domain.safety import training

    assert HELDOUT_V11.name in {p.name for p in training.TRAINING}
