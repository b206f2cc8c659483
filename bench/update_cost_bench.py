"""Cost per update: bare PTB echoing vs the bot answering `/help` and an FAQ question, in one process.

Run from the project root:  .venv/bin/python bench/update_cost_bench.py [--updates 2000] [--profile help|faq]
SQLite file, encryption on, the offline Bot API (tests/support/offline.py), handler replies
not rate-limited (bare PTB has no limiter either). Updates are built before timing starts;
each figure is the median of several interleaved rounds, so machine noise hits all three alike.
Runs once with 20 enrolled clients and once with 1,000 enrolled people.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import itertools
import pstats
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # runnable without installing the package
warnings.filterwarnings("ignore", message=r"If 'per_message=False'")

from telegram import Update  # noqa: E402
from telegram.ext import Application, ApplicationBuilder, ContextTypes, MessageHandler, filters  # noqa: E402

from bot.db.models import Role  # noqa: E402
from tests.conftest import make_settings  # noqa: E402
from tests.support import tg  # noqa: E402
from tests.support.harness import Harness  # noqa: E402
from tests.support.offline import OfflineRequest  # noqa: E402

QUESTION = "how many hours a week is the program"
ROUNDS = 5
FIRST_UID = 100_000


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message is not None and update.message.text is not None
    await update.message.reply_text(update.message.text)


async def timed(app: Application, updates: list[Update], req: OfflineRequest) -> float:  # type: ignore[type-arg]
    """Seconds per update for processing `updates` one after another."""
    t0 = time.perf_counter()
    for i, update in enumerate(updates):
        await app.process_update(update)
        if i % 200 == 199:
            req.clear()  # the offline API records every call; keep memory flat
    elapsed = time.perf_counter() - t0
    req.clear()
    return elapsed / len(updates)


async def enroll_many(harness: Harness, clients: int, others: int) -> list[int]:
    """Enroll `clients` clients through the real flow (plus `others` team members); returns client ids."""
    uids = [FIRST_UID + i for i in range(clients)]
    for uid in uids:
        await harness.enroll(uid)
    for i in range(others):
        await harness.enroll(FIRST_UID + clients + i, Role.THERAPIST if i % 2 else Role.STAFF)
    harness.req.clear()
    return uids


async def measure(people: int, n: int, profile: str | None) -> dict[str, float]:
    clients = min(people, 20)
    with tempfile.TemporaryDirectory() as tmp:
        harness = Harness(make_settings(Path(tmp)))
        await harness.start()
        bare_req = OfflineRequest()
        bare = ApplicationBuilder().token("123456:BARE").request(bare_req).get_updates_request(bare_req).build()
        bare.add_handler(MessageHandler(filters.TEXT, echo))
        await bare.initialize()
        try:
            uids = await enroll_many(harness, clients, people - clients)
            cycle = itertools.cycle(uids)
            # Warm up caches (typo cache, statement cache, PTB's) before any timing.
            for uid in uids:
                await harness.send(uid, "/help")
                await harness.send(uid, QUESTION)
            harness.req.clear()

            def build(app: Application, body: str) -> list[Update]:  # type: ignore[type-arg]
                return [tg.text(app.bot, next(cycle), body) for _ in range(n)]

            cases: dict[str, tuple[Application, str, OfflineRequest]] = {  # type: ignore[type-arg]
                "bare PTB echo": (bare, "hello", bare_req),
                "/help": (harness.app, "/help", harness.req),
                "FAQ question": (harness.app, QUESTION, harness.req),
            }
            if profile:
                app, body, req = cases["/help" if profile == "help" else "FAQ question"]
                updates = build(app, body)
                prof = cProfile.Profile()
                prof.enable()
                await timed(app, updates, req)
                prof.disable()
                pstats.Stats(prof).sort_stats("cumulative").print_stats(45)
                return {}
            samples: dict[str, list[float]] = {label: [] for label in cases}
            for _ in range(ROUNDS):
                for label, (app, body, req) in cases.items():
                    samples[label].append(await timed(app, build(app, body), req))
            return {label: statistics.median(values) for label, values in samples.items()}
        finally:
            await bare.shutdown()
            await harness.stop()


def report(people: int, figures: dict[str, float]) -> None:
    base = figures["bare PTB echo"]
    print(f"\n{people:,} enrolled ({min(people, 20)} clients sending)")
    for label, seconds in figures.items():
        print(f"  {label:<14} {seconds * 1e6:9.1f} µs/update  {seconds / base:6.1f}× bare")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=1000, help="updates per case and round (default 1000)")
    parser.add_argument("--people", type=int, nargs="*", default=[20, 1000], help="enrolled people (default 20 1000)")
    parser.add_argument("--profile", choices=["help", "faq"], help="print a cProfile of one case instead")
    args = parser.parse_args()
    for people in args.people:
        figures: dict[str, Any] = asyncio.run(measure(people, args.updates, args.profile))
        if figures:
            report(people, figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
