"""Broadcast benchmark: one message to 10,000 clients through the outbox to the local Bot API stand-in.

The stand-in enforces Telegram's flood limits (30 messages/s overall, 1/s per chat); the
outbox paces at 30/s. Measured: the time to queue the copies (one transaction), the delivery
rate as a fraction of the 30/s ceiling, the 429 answers, and whether the progress counts add up.

Run: .venv/bin/python bench/broadcast_bench.py [--recipients 10000] [--batch 50]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert
from telegram import Bot

from bot.core import crypto
from bot.core.clock import now
from bot.db import migrate
from bot.db.models import ClientProfile, Person
from bot.db.session import Database
from bot.delivery import broadcast_copies, outbox
from bot.delivery.pacing import Pacer
from bot.domain.meetings import broadcasts


async def fill(db: Database, recipients: int) -> int:
    t = now()
    people = [dict(id=i, telegram_id=20_000_000 + i, role="client", code=f"C-{i}", display_name="",
                   timezone="America/New_York", language="en", active=True, reachable=True,
                   consent_version="2026-11", created_at=t) for i in range(1, recipients + 1)]  # fmt: skip
    people.append(dict(id=recipients + 1, telegram_id=19_999_999, role="staff", code="S-1", display_name="Staff",
                       timezone="America/New_York", language="en", active=True, reachable=True,
                       consent_version=None, created_at=t))  # fmt: skip
    profiles = [
        dict(person_id=i, cohort="", checkin_time=dt.time(19), reminders_on=True) for i in range(1, recipients + 1)
    ]
    async with db.session() as s, s.begin():
        for table, rows in ((Person, people), (ClientProfile, profiles)):
            for i in range(0, len(rows), 2000):
                await s.execute(insert(table), rows[i : i + 2000])
    return recipients + 1


async def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--recipients", type=int, default=10_000)
    ap.add_argument("--batch", type=int, default=50)
    args = ap.parse_args()
    from standin import Limits, StandIn

    crypto.configure(crypto.generate_key())
    db = Database(f"sqlite+aiosqlite:///{tempfile.mkdtemp()}/broadcast.sqlite3")
    await migrate.upgrade(db.engine)
    staff = await fill(db, args.recipients)
    start = time.perf_counter()
    async with db.session() as s, s.begin():
        bid, queued = await broadcast_copies.start(
            s, staff, "clients", "", "text", "The clinic is closed on Monday.", now()
        )
    queue_time = time.perf_counter() - start

    standin = StandIn(limits=Limits(flood=True, validation=True, strict_chats=False))
    await standin.start()
    bot = Bot("1:BENCH", base_url=standin.base_url)
    await bot.initialize()
    delivery = outbox.Delivery(
        db, bot, policy=outbox.Policy(batch_size=args.batch), pacer=Pacer(rate=30, chat_interval=1.0)
    )
    start, delivered = time.perf_counter(), 0
    while delivered < queued:
        report = await delivery.run_once()
        delivered += report.delivered
        if report.handled == 0:
            await asyncio.sleep(0.01)
    elapsed = time.perf_counter() - start
    async with db.session() as s:
        p = await broadcasts.progress(s, bid)
    stats = await standin.stats()
    await bot.shutdown()
    await standin.stop()
    await db.dispose()
    assert p is not None
    rate = delivered / elapsed
    print(f"recipients          {args.recipients:,} (copies queued {queued:,} in {queue_time * 1000:.0f} ms)")
    print(f"delivered           {delivered:,} in {elapsed:.1f} s")
    print(f"messages/s          {rate:.2f}  ({rate / 30:.3f} of the 30/s ceiling)")
    print(f"429 answers         {stats['flood_429']}")
    print(f"progress counts     {p.sent:,} sent · {p.pending} pending · {p.failed} failed (of {p.total:,})")


if __name__ == "__main__":
    asyncio.run(main())
