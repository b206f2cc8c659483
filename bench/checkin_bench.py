"""Check-in benchmark: whole check-ins through Application.process_update, and the /history chart.

Run from the project root:  .venv/bin/python bench/checkin_bench.py [--clients 100] [--rounds 3]

Each check-in is eight updates (/checkin, six answer taps, Save) pushed through the real
Application (unit of work, persistence, SQLite file, offline Bot API), so every database
write is in the figure. In the same run, a bare PTB Application with one handler that only
replies gets the same number of updates: the ratio of the two is the figure that travels
between machines. Then the chart is drawn for 90 days of data.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # runnable without installing the package

from telegram import Update  # noqa: E402
from telegram.ext import ApplicationBuilder, MessageHandler, filters  # noqa: E402

from bot.core import crypto  # noqa: E402
from bot.core.config import Settings  # noqa: E402
from bot.db.models import Role  # noqa: E402
from bot.db.session import Database  # noqa: E402
from bot.domain.checkins import chart  # noqa: E402
from bot.domain.checkins.diary import DayPoint  # noqa: E402
from bot.domain.people import enrollment  # noqa: E402
from bot.entry.app import build_application, prepare_database  # noqa: E402
from tests.support import tg  # noqa: E402
from tests.support.offline import OfflineRequest  # noqa: E402

ANSWERS = ("3", "🙂", "No", "Well", "Skip", "No", "✅ Save")
FIRST_UID = 500_000


async def _enroll(db: Database, clients: int) -> None:
    for i in range(clients):
        async with db.session() as s, s.begin():
            issued = await enrollment.create_invite(s, Role.CLIENT)
            invite = await enrollment.check_code(s, FIRST_UID + i, issued.code)
            await enrollment.enroll(
                s, FIRST_UID + i, invite.id, timezone="America/New_York", checkin_time=dt.time(19), consent_version="b"
            )


async def _check_in(app, req: OfflineRequest, uid: int) -> int:  # type: ignore[no-untyped-def]
    """One whole check-in by taps; returns the number of updates it took."""
    await app.process_update(tg.text(app.bot, uid, "/checkin"))
    for label in ANSWERS:
        last = req.last(uid)
        await app.process_update(tg.press(app.bot, uid, dict(last.buttons)[label], last.message_id))
    return 1 + len(ANSWERS)


async def bench_checkins(clients: int, rounds: int) -> tuple[float, int]:
    """Seconds per update over `rounds` check-ins per client (one per day: later rounds edit)."""
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            bot_token="123456:BENCH",
            database_url=f"sqlite+aiosqlite:///{tmp}/bench.sqlite3",
            encryption_key=crypto.generate_key(),
            _env_file=None,  # type: ignore[call-arg]
        )
        await prepare_database(settings.database_url)
        db = Database(settings.database_url)
        req = OfflineRequest()
        app = build_application(settings, db, request=req, rate_limit=False, deliver=False)
        await app.initialize()
        await _enroll(db, clients)
        for uid in range(FIRST_UID, FIRST_UID + min(clients, 5)):  # warm-up: caches, first queries
            await _check_in(app, req, uid)
        updates, start = 0, time.perf_counter()
        for _ in range(rounds):
            for uid in range(FIRST_UID, FIRST_UID + clients):
                updates += await _check_in(app, req, uid)
                req.clear()
        elapsed = time.perf_counter() - start
        await app.shutdown()
        await db.dispose()
    return elapsed / updates, updates


async def bench_bare(updates: int) -> float:
    """Seconds per update for a PTB Application whose only handler replies."""
    req = OfflineRequest()
    app = ApplicationBuilder().token("123456:BARE").request(req).get_updates_request(req).build()

    async def echo(update: Update, context: object) -> None:
        assert update.effective_chat is not None
        await update.effective_chat.send_message("ok")

    app.add_handler(MessageHandler(filters.ALL, echo))
    await app.initialize()
    for _ in range(50):
        await app.process_update(tg.text(app.bot, 1, "warm"))
    start = time.perf_counter()
    for i in range(updates):
        await app.process_update(tg.text(app.bot, 1 + i % 100, "hello"))
        if i % 500 == 0:
            req.clear()
    elapsed = time.perf_counter() - start
    await app.shutdown()
    return elapsed / updates


def bench_chart(repeats: int) -> list[float]:
    rnd = random.Random(9)
    first = dt.date(2027, 1, 1)
    points = [
        DayPoint(first + dt.timedelta(days=i), rnd.randint(0, 10), rnd.randint(1, 5), rnd.choice("nnnny"), 2)
        if rnd.random() < 0.85
        else DayPoint(first + dt.timedelta(days=i))
        for i in range(90)
    ]
    points = [DayPoint(p.day, p.craving, p.mood, {"n": "no", "y": "yes"}.get(p.used or "")) for p in points]
    chart.render(points, "warm-up")  # fonts and caches
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        chart.render(points, "Last 90 days")
        times.append(time.perf_counter() - t0)
    return times


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--chart-repeats", type=int, default=20)
    args = parser.parse_args()

    per_update, updates = await bench_checkins(args.clients, args.rounds)
    bare = await bench_bare(updates)
    print(f"check-in updates:   {updates} ({args.clients} clients x {args.rounds} check-ins x 8 updates)")
    print(f"check-in step:      {per_update * 1000:7.3f} ms/update  ({1 / per_update:8.0f} updates/s)")
    print(f"bare PTB handler:   {bare * 1000:7.3f} ms/update  ({1 / bare:8.0f} updates/s)")
    print(f"ratio:              {per_update / bare:7.1f}x   (target <= 20x)")
    times = bench_chart(args.chart_repeats)
    print(
        f"chart, 90 days:     median {statistics.median(times) * 1000:6.0f} ms, "
        f"min {min(times) * 1000:6.0f} ms, max {max(times) * 1000:6.0f} ms   (target < 300 ms)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main()))
