"""Paced coping tools for many clients at once: prints figures, asserts nothing.

N clients start a paced tool within the same minute; each gets the tool's steps queued by
`bot.domain.coping.sequences.queue`, exactly as the craving flow does. The real outbox loop then
delivers them through an in-process Bot API that answers at once, under Telegram's limits as the
bot paces them (30 messages/s overall, one per chat per second). Time is virtual: the loop's waits
advance a clock instead of sleeping (time-machine for the wall clock, the pacer's monotonic clock
by hand), so ten minutes of sequences take seconds. Printed: how late the steps were against their
due time, the most messages in any one second, and the shortest gap between two to one chat.

Run: .venv/bin/python bench/paced_bench.py --clients 1000 --tool urge_surfing
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import time_machine
from outbox_bench import NullRequest
from sqlalchemy import select
from telegram import Bot
from telegram.request import RequestData

from bot.core import crypto
from bot.core.clock import now
from bot.db import migrate
from bot.db.models import OutboxKind, OutboxMessage, Person, Role
from bot.db.session import Database
from bot.delivery import outbox
from bot.delivery.pacing import Pacer
from bot.domain.coping import sequences, tools

T0 = dt.datetime(2027, 1, 11, 20, 0, tzinfo=dt.UTC)


class Clock:
    """The pacer's monotonic clock and the loop's sleep, both virtual; moving one moves the wall clock too."""

    def __init__(self, traveller: Any) -> None:
        self.t = 0.0
        self.traveller = traveller

    def monotonic(self) -> float:
        return self.t

    async def sleep(self, seconds: float) -> None:
        if seconds > 0:
            self.t += seconds
            self.traveller.shift(dt.timedelta(seconds=seconds))


class Recording(NullRequest):
    """outbox_bench's instant Bot API, noting (virtual second, chat) of each message."""

    def __init__(self, clock: Clock) -> None:
        super().__init__()
        self.clock = clock
        self.sent: list[tuple[float, int]] = []

    async def do_request(self, url: str, method: str, request_data: RequestData | None = None, *a: Any, **k: Any):
        chat_id = int(request_data.parameters.get("chat_id", 1)) if request_data else 1
        self.sent.append((self.clock.t, chat_id))
        return await super().do_request(url, method, request_data, *a, **k)


async def seed(db: Database, clients: int, tool: tools.Tool, spread: float) -> int:
    """The clients, and their tool's steps 2.. queued as the flow queues them, starting within `spread` s."""
    rng = random.Random(7)
    steps = [(f"step {n + 1} of {len(tool.steps)}", []) for n in range(1, len(tool.steps))]
    async with db.session() as s, s.begin():
        people = [
            Person(telegram_id=100_000 + i, role=Role.CLIENT, code=f"C-{i:05d}", timezone="UTC", consent_version="1")
            for i in range(clients)
        ]
        s.add_all(people)
        await s.flush()
        queued = 0
        for p in people:
            start = T0 + dt.timedelta(seconds=rng.uniform(0, spread))
            queued += await sequences.queue(s, p.id, p.telegram_id, "bench", steps, start, tool.pace or 60)
    return queued


async def run(clients: int, tool_key: str, spread: float) -> None:
    tool = tools.load()[tool_key]
    crypto.configure(crypto.generate_key())
    db = Database(f"sqlite+aiosqlite:///{tempfile.mkdtemp()}/paced.sqlite3")
    await migrate.upgrade(db.engine)
    with time_machine.travel(T0, tick=False) as traveller:
        queued = await seed(db, clients, tool, spread)
        clock = Clock(traveller)
        request = Recording(clock)
        bot = Bot("1:BENCH", request=request)
        pacer = Pacer(rate=30, chat_interval=1.0, monotonic=clock.monotonic)
        delivery = outbox.Delivery(db, bot, policy=outbox.Policy(batch_size=50), pacer=pacer, sleep=clock.sleep)
        while len(request.sent) < queued:
            report = await delivery.run_once()
            if report.handled == 0:
                async with db.session() as s:
                    due = await s.scalar(
                        select(OutboxMessage.due_at)
                        .where(OutboxMessage.status == "pending")
                        .order_by(OutboxMessage.due_at)
                        .limit(1)
                    )
                await clock.sleep(max(0.5, (due - now()).total_seconds()) if due is not None else 0.5)
    async with db.session() as s:
        rows = (
            await s.execute(
                select(OutboxMessage.due_at, OutboxMessage.finished_at).where(
                    OutboxMessage.kind == OutboxKind.COPING_STEP
                )
            )
        ).all()
    await db.dispose()
    late = sorted((done - due).total_seconds() for due, done in rows if done is not None)
    per_second = Counter(int(t) for t, _ in request.sent)
    last: dict[int, float] = {}
    gap = float("inf")
    for t, chat in request.sent:
        if chat in last:
            gap = min(gap, t - last[chat])
        last[chat] = t

    def pct(p: float) -> float:
        return late[min(len(late) - 1, int(p * len(late)))]

    print(f"tool                {tool.name} (pace {tool.pace} s, {len(tool.steps)} steps)")
    print(f"clients             {clients}, starting within {spread:.0f} s")
    print(f"steps sent          {len(late)} of {queued}")
    print(f"late p50/p95/max    {pct(0.5):.1f} / {pct(0.95):.1f} / {late[-1]:.1f} s")
    print(f"late by > 30 s      {sum(x > 30 for x in late)}")
    print(f"most in one second  {max(per_second.values())} (Telegram: 30)")
    print(f"shortest chat gap   {gap:.2f} s (Telegram: 1 per chat per second)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--clients", type=int, default=1000)
    ap.add_argument("--tool", default="urge_surfing", choices=[k for k, t in tools.load().items() if t.pace])
    ap.add_argument("--spread", type=float, default=60.0, help="seconds over which the clients start")
    args = ap.parse_args()
    asyncio.run(run(args.clients, args.tool, args.spread))


if __name__ == "__main__":
    main()
