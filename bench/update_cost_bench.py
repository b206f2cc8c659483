"""Cost per update: bare PTB echoing vs the bot answering `/help` and an FAQ question, in one process.

Each case runs for English readers and for Spanish readers (their own 20 clients, a Spanish question):
the catalogue lookup and the Spanish search must stay within 10% of English.

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
QUESTION_ES = "cuantas horas a la semana es el programa"
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


async def enroll_many(harness: Harness, clients: int, others: int) -> tuple[list[int], list[int]]:
    """Enroll `clients` English and `clients` Spanish readers through the real flow (plus `others` team
    members); returns the two lists of client ids."""
    uids = [FIRST_UID + i for i in range(clients)]
    spanish = [FIRST_UID - 1 - i for i in range(clients)]
    for uid in uids:
        await harness.enroll(uid)
    for uid in spanish:
        await harness.enroll(uid, language="es")
    for i in range(others):
        await harness.enroll(FIRST_UID + clients + i, Role.THERAPIST if i % 2 else Role.STAFF)
    harness.req.clear()
    return uids, spanish


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
            uids, spanish = await enroll_many(harness, clients, people - clients)
            cycles = {"en": itertools.cycle(uids), "es": itertools.cycle(spanish)}
            # Warm up caches (typo cache, statement cache, PTB's, the catalogue) before any timing.
            for uid in uids:
                await harness.send(uid, "/help")
                await harness.send(uid, QUESTION)
            for uid in spanish:
                await harness.send(uid, "/help")
                await harness.send(uid, QUESTION_ES)
            harness.req.clear()

            def build(app: Application, body: str, lang: str = "en") -> list[Update]:  # type: ignore[type-arg]
                return [tg.text(app.bot, next(cycles[lang]), body) for _ in range(n)]

            cases: dict[str, tuple[Application, str, OfflineRequest, str]] = {  # type: ignore[type-arg]
                "bare PTB echo": (bare, "hello", bare_req, "en"),
                "/help": (harness.app, "/help", harness.req, "en"),
                "/help (es)": (harness.app, "/help", harness.req, "es"),
                "FAQ question": (harness.app, QUESTION, harness.req, "en"),
                "FAQ question (es)": (harness.app, QUESTION_ES, harness.req, "es"),
            }
            if profile:
                app, body, req, lang = cases[profile]
                updates = build(app, body, lang)
                prof = cProfile.Profile()
                prof.enable()
                await timed(app, updates, req)
                prof.disable()
                pstats.Stats(prof).sort_stats("cumulative").print_stats(45)
                return {}
            samples: dict[str, list[float]] = {label: [] for label in cases}
            for _ in range(ROUNDS):
                for label, (app, body, req, lang) in cases.items():
                    samples[label].append(await timed(app, build(app, body, lang), req))
            return {label: statistics.median(values) for label, values in samples.items()}
        finally:
            await bare.shutdown()
            await harness.stop()


def report(people: int, figures: dict[str, float]) -> None:
    base = figures["bare PTB echo"]
    print(f"\n{people:,} enrolled ({min(people, 20)} clients sending)")
    for label, seconds in figures.items():
        print(f"  {label:<18} {seconds * 1e6:9.1f} µs/update  {seconds / base:6.1f}× bare")
    for case in ("/help", "FAQ question"):
        print(f"  {case} in Spanish vs English: {figures[case + ' (es)'] / figures[case] - 1:+.1%}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=1000, help="updates per case and round (default 1000)")
    parser.add_argument("--people", type=int, nargs="*", default=[20, 1000], help="enrolled people (default 20 1000)")
    parser.add_argument(
        "--profile", choices=["/help", "/help (es)", "FAQ question", "FAQ question (es)"], help="cProfile one case"
    )
    args = parser.parse_args()
    for people in args.people:
        figures: dict[str, Any] = asyncio.run(measure(people, args.updates, args.profile))
        if figures:
            report(people, figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
