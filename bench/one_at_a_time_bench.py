"""What the one-conversation-at-a-time check (conversations/one_at_a_time.py) costs each update.

Run from the project root:  .venv/bin/python bench/one_at_a_time_bench.py [--updates 20000]
It is the first handler of group 0, so every private update pays for its look at the open
conversations: with none open (the usual case), and with a check-in open and its answer typed.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # runnable without installing the package

from conversations.one_at_a_time import OneAtATime  # noqa: E402
from tests.conftest import make_settings  # noqa: E402
from tests.support import tg  # noqa: E402
from tests.support.harness import Harness  # noqa: E402

CLIENT = 5


def per_update(check: OneAtATime, update: object, n: int) -> float:
    start = time.perf_counter()
    for _ in range(n):
        check.check_update(update)
    return (time.perf_counter() - start) / n * 1e6


async def main(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        harness = Harness(make_settings(Path(tmp)))
        await harness.start()
        try:
            await harness.enroll(CLIENT)
            [check] = [h for h in harness.app.handlers[0] if isinstance(h, OneAtATime)]
            idle = per_update(check, tg.text(harness.bot, CLIENT, "what time is group"), n)
            await harness.send(CLIENT, "/checkin")
            busy = per_update(check, tg.text(harness.bot, CLIENT, "3"), n)
        finally:
            await harness.stop()
    print(f"{'nothing open (the usual case)':40} {idle:8.1f} µs per update")
    print(f"{'a check-in open, its answer typed':40} {busy:8.1f} µs per update")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=20000, help="check_update calls per case")
    asyncio.run(main(parser.parse_args().updates))
