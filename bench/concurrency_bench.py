"""One slow Telegram, 200 chats: updates handled one at a time vs concurrently (per chat in order), in one run.

Run from the project root:  .venv/bin/python bench/concurrency_bench.py [--chats 200] [--delay 0.2]
SQLite file, encryption on, the offline Bot API (tests/support/offline.py) with the stand-in's
fault "hang" (delay, process=True) armed on every sendMessage: each reply is answered after
`delay` seconds, as a slow Bot API would. Every enrolled client sends /help at once; an
update's reply time runs from that moment to the end of its handling (its reply sent).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # runnable without installing the package
warnings.filterwarnings("ignore", message=r"If 'per_message=False'")

from bot.db.session import Database  # noqa: E402
from bot.entry.app import build_application  # noqa: E402
from tests.conftest import make_settings  # noqa: E402
from tests.support import tg  # noqa: E402
from tests.support.harness import Harness  # noqa: E402
from tests.support.offline import OfflineRequest  # noqa: E402

FIRST_UID = 200_000


async def run(harness: Harness, db: Database, max_concurrent: int, chats: int, delay: float) -> dict[str, float]:
    settings = harness.settings.model_copy(update={"max_concurrent_updates": max_concurrent})
    req = OfflineRequest()
    req.faults.add("hang", count=10 * chats, method="sendMessage", process=True, delay=delay)
    app = build_application(settings, db, request=req, rate_limit=False, deliver=False)
    await app.initialize()
    updates = [tg.text(app.bot, FIRST_UID + i, "/help") for i in range(chats)]
    done: list[float] = []

    async def one(update: object) -> None:
        await app.update_processor.process_update(update, app.process_update(update))
        done.append(time.perf_counter() - t0)

    t0 = time.perf_counter()
    if max_concurrent == 1:  # PTB's update fetcher awaits each update when it may run only one
        for update in updates:
            await one(update)
    else:  # ... and starts a task per update otherwise
        await asyncio.gather(*(asyncio.create_task(one(u)) for u in updates))
    elapsed = time.perf_counter() - t0
    replies = len(req.methods("sendMessage"))
    await app.shutdown()
    assert replies == chats, f"{replies} replies for {chats} updates"
    return {
        "updates_per_s": chats / elapsed,
        "p50": statistics.median(done),
        "p95": statistics.quantiles(done, n=20)[18],
        "elapsed": elapsed,
    }


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chats", type=int, default=200)
    parser.add_argument("--delay", type=float, default=0.2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        settings = make_settings(Path(tmp))
        harness = Harness(settings)
        await harness.start()
        for i in range(args.chats):
            await harness.enroll(FIRST_UID + i)
        await harness.app.shutdown()
        db = harness.db
        print(f"{args.chats} chats, one /help each, every reply answered after {args.delay * 1000:.0f} ms")
        print(f"{'mode':<26} {'updates/s':>10} {'p50 reply':>10} {'p95 reply':>10} {'total':>8}")
        for label, limit in (("one at a time", 1), ("concurrent (per chat)", 64), ("concurrent, 256 at once", 256)):
            r = await run(harness, db, limit, args.chats, args.delay)
            print(f"{label:<26} {r['updates_per_s']:>10.1f} {r['p50']:>9.2f}s {r['p95']:>9.2f}s {r['elapsed']:>7.1f}s")
        await db.dispose()


if __name__ == "__main__":
    asyncio.run(main())
