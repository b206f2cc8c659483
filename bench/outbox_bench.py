"""Outbox delivery benchmark: prints figures, asserts nothing.

Modes:
  --transport standin --limits on    10,000 rows to the local Bot API stand-in with Telegram's
                                     flood limits on: achieved messages/s vs the 30/s ceiling, 429s.
  --transport standin --limits off   the same with limits off and pacing lifted: loop + HTTP cost.
  --transport null                   an in-process transport that answers at once: the loop's own
                                     cost per message (claim, send call, record), and peak memory.

Run: .venv/bin/python bench/outbox_bench.py --transport null --rows 10000
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import text
from telegram import Bot
from telegram.request import BaseRequest, RequestData

from bot.core import crypto
from bot.db import migrate
from bot.db.models import OutboxMessage
from bot.db.session import Database
from bot.delivery import outbox
from bot.delivery.pacing import Pacer


class NullRequest(BaseRequest):
    """Answers every sendMessage with a minimal valid Message, without any I/O."""

    def __init__(self) -> None:
        self.count = 0

    async def initialize(self) -> None: ...

    async def shutdown(self) -> None: ...

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def do_request(self, url: str, method: str, request_data: RequestData | None = None, *a: Any, **k: Any):
        self.count += 1
        chat_id = request_data.parameters.get("chat_id", 1) if request_data else 1
        msg = {"message_id": self.count, "date": 0, "chat": {"id": chat_id, "type": "private"}, "text": "x"}
        return 200, json.dumps({"ok": True, "result": msg}).encode()


async def fill(db: Database, rows: int, chats: int) -> None:
    now = outbox.now()
    async with db.session() as s, s.begin():
        await s.execute(
            OutboxMessage.__table__.insert(),
            [
                {
                    "chat_id": 10_000 + (i % chats),
                    "kind": "bench",
                    "payload": outbox.payload(f"Message {i}"),
                    "status": "pending",
                    "attempts": 0,
                    "due_at": now,
                    "next_try_at": now,
                    "created_at": now,
                }
                for i in range(rows)
            ],
        )


async def drain(delivery: outbox.Delivery, rows: int) -> tuple[float, int]:
    start, delivered = time.perf_counter(), 0
    while delivered < rows:
        report = await delivery.run_once()
        delivered += report.delivered
        if report.handled == 0:
            await asyncio.sleep(0.01)
    return time.perf_counter() - start, delivered


async def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--transport", choices=["null", "standin"], default="null")
    ap.add_argument("--limits", choices=["on", "off"], default="on")
    ap.add_argument("--rows", type=int, default=10_000)
    ap.add_argument("--chats", type=int, default=1000)
    ap.add_argument("--batch", type=int, default=50)
    ap.add_argument("--database", default="", help="database URL (default: a temporary SQLite file)")
    args = ap.parse_args()

    crypto.configure(crypto.generate_key())
    url = args.database or f"sqlite+aiosqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    schema = None
    if url.startswith("postgresql"):
        # A schema of its own, so the run starts empty and leaves nothing behind.
        schema = f"bench_{int(time.time())}"
        async with Database(url).engine.begin() as conn:
            await conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        db = Database(url, connect_args={"server_settings": {"search_path": schema}})
    else:
        db = Database(url)
    await migrate.upgrade(db.engine)
    await fill(db, args.rows, args.chats)

    standin = None
    if args.transport == "null":
        bot = Bot("1:BENCH", request=NullRequest())
        pacer = Pacer(rate=1e9, chat_interval=0)
    else:
        from standin import Limits, StandIn

        limits_on = args.limits == "on"
        standin = StandIn(limits=Limits(flood=limits_on, validation=limits_on, strict_chats=False))
        await standin.start()
        bot = Bot("1:BENCH", base_url=standin.base_url)
        await bot.initialize()
        pacer = Pacer(rate=30 if limits_on else 1e9, chat_interval=1.0 if limits_on else 0)
    delivery = outbox.Delivery(db, bot, policy=outbox.Policy(batch_size=args.batch), pacer=pacer)

    # Time is measured without tracemalloc (it slows Python down); memory is the process peak RSS.
    elapsed, delivered = await drain(delivery, args.rows)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

    dialect = "PostgreSQL" if db.is_postgres else "SQLite"
    rate = delivered / elapsed
    print(f"database            {dialect}")
    print(f"transport           {args.transport}" + (f" (limits {args.limits})" if standin else ""))
    print(f"rows delivered      {delivered}")
    print(f"elapsed             {elapsed:.2f} s")
    print(f"messages/s          {rate:.1f}")
    if standin is not None and args.limits == "on":
        print(f"fraction of 30/s    {rate / 30:.3f}")
    print(f"cost per message    {elapsed / delivered * 1000:.3f} ms")
    print(f"peak RSS (process)  {peak / 1e6:.1f} MB")
    if standin is not None:
        print(f"429 answers         {(await standin.stats())['flood_429']}")
        await bot.shutdown()
        await standin.stop()
    await db.dispose()
    if schema:
        admin = Database(url)
        async with admin.engine.begin() as conn:
            await conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        await admin.dispose()


if __name__ == "__main__":
    asyncio.run(main())
