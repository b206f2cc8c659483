"""Round twelve's held-out set: a fourteenth author's lines, pinned, sharing no line with any other set.

Written without reading a rule, the code or any set; the 8 lines that matched a line of another set
word for word were dropped, unread, before anything ran on it. Run once, when round twelve is frozen.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "data"
HELDOUT_V12 = DATA / "crisis_heldout_v12.jsonl"
SHA = "28131142ec4bf4cbee7b0b90fab6f5f5738cdf0324e6a633c66c128e5e9678df"


def _lines(path: Path) -> list[dict[str, str]]:
    return [json.loads(raw) for raw in path.read_text(encoding="utf-8").splitlines() if raw.strip()]


def _key(line: dict[str, str]) -> str:
    return " ".join(line["text"].casefold().split())


def test_the_twelfth_held_out_set_is_pinned_and_apart_from_every_other_set() -> None:
    assert hashlib.sha256(HELDOUT_V12.read_bytes()).hexdigest() == SHA
    v12 = _lines(HELDOUT_V12)
    assert len(v12) >= 800
    assert len({_key(x) for x in v12}) == len(v12)
    others = [line for path in DATA.glob("crisis_*.jsonl") if path != HELDOUT_V12 for line in _lines(path)]
    assert not {_key(x) for x in v12} & {_key(x) for x in others}
    assert all((line["category"] is None) == (line["level"] == "none") for line in v12)


def test_the_twelfth_held_out_set_never_trains_the_model() -> None:
    from bot.domain.safety import training

    assert HELDOUT_V12.name not in {p.name for p in training.TRAINING}
