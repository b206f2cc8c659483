"""Database transactions per update: count BEGINs while the bot handles `/settings` and an FAQ question.

Run from the project root:  .venv/bin/python bench/transactions_bench.py
Uses the offline Bot API and a temporary SQLite file; one enrolled client.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import event

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # runnable without installing the package

from tests.conftest import make_settings  # noqa: E402
from tests.support.harness import Harness  # noqa: E402

CLIENT = 4242
CASES = {
    "/settings": "/settings",
    "FAQ question": "how many hours a week is the program",
    "FAQ, no answer": "what is the capital city of peru",  # also logs the gap
}


async def measure() -> dict[str, int]:
    with tempfile.TemporaryDirectory() as tmp:
        harness = Harness(make_settings(Path(tmp)))
        await harness.start()
        try:
            await harness.enroll(CLIENT)
            begins = 0

            def on_begin(_conn: Any) -> None:
                nonlocal begins
                begins += 1

            counts: dict[str, int] = {}
            for label, text in CASES.items():
                await harness.send(CLIENT, "/cancel")  # leave any conversation the last case opened
                event.listen(harness.db.engine.sync_engine, "begin", on_begin)
                begins = 0
                await harness.send(CLIENT, text)
                counts[label] = begins
                event.remove(harness.db.engine.sync_engine, "begin", on_begin)
            return counts
        finally:
            await harness.stop()


def main() -> int:
    counts = asyncio.run(measure())
    for label, n in counts.items():
        print(f"{label:<16} {n} transaction(s) per update")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
