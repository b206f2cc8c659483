"""Questionnaires on a schedule: one planner pass over 10,000 clients; prints figures, asserts nothing.

The clients of `planner_bench` (spread over the seven US zones, enrolled on a Friday), with the
shipped schedule (BAM weekly, PHQ-9 and GAD-7 every two weeks, Monday 18:00 local). Timed: a quiet
minute (nothing due: what the planner pays every minute), the first pass in the Monday evening
window (rows written for every client whose 18:00 falls in it), and the same window again (all
planned already: a restart or a second process).

Run: .venv/bin/python bench/questionnaire_planner_bench.py [--clients 10000]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import planner_bench

from bot.core import crypto
from bot.core.config import Settings
from bot.db import migrate
from bot.db.session import Database
from bot.domain.questionnaires import due

GRACE, HORIZON = dt.timedelta(hours=2), dt.timedelta(minutes=30)


async def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clients", type=int, default=10_000)
    args = ap.parse_args()
    crypto.configure(crypto.generate_key())
    db = Database(f"sqlite+aiosqlite:///{tempfile.mkdtemp()}/questionnaires.sqlite3")
    await migrate.upgrade(db.engine)
    await planner_bench.fill(db, args.clients, False)  # enrolled Friday 27 Nov: first due Monday 30 Nov
    rules = due.DuePlan.from_settings(Settings(bot_token=""))
    monday = dt.datetime(2026, 11, 30, 23, 45, tzinfo=dt.UTC)  # 18:00 in New York is inside the window
    for label, at in (
        ("quiet minute (nothing due)", planner_bench.NOW + dt.timedelta(hours=12)),
        ("Monday evening, first pass", monday),
        ("the same window again", monday + dt.timedelta(minutes=1)),
    ):
        wall, cpu = time.perf_counter(), time.process_time()
        async with db.session() as s, s.begin():
            done = await due.plan(s, at, GRACE, HORIZON, rules)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(f"{label:28} wall {wall * 1000:6.0f} ms  CPU {cpu * 1000:6.0f} ms  rows written {done.messages}")
    await db.dispose()


if __name__ == "__main__":
    asyncio.run(main())
