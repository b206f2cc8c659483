"""Alerts under outages and their latency: prints figures for bench/README.md.

Outage: Telegram answers 502 to everything for 1, 10, 60 and 180 minutes (the stand-in's fault
rules through the offline Bot API) while crisis messages keep arriving; time is controlled
(time-machine and a manual pacing clock), the outbox and escalation loops look every 30 s.
Counts, once Telegram is back: crisis replies and alerts delivered out of those sent, the
most copies of one message any chat got, and the admins' outage notices.

Latency: a crisis message through the real Application (offline Bot API, delivery loop
running) to the crisis reply and to the first push, p50 and p95.

Run from the project root:  .venv/bin/python bench/alerts_bench.py [--database URL] [--messages 200]
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import contextlib
import datetime as dt
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # runnable without installing the package

import time_machine  # noqa: E402
from sqlalchemy import select  # noqa: E402
from sqlalchemy import text as sql  # noqa: E402
from sqlalchemy.ext.asyncio import create_async_engine  # noqa: E402

from bot.core import crypto  # noqa: E402
from bot.db import migrate  # noqa: E402
from bot.db.models import AlertRecipient, Role  # noqa: E402
from bot.db.session import Database  # noqa: E402
from bot.domain.care import alerts  # noqa: E402
from bot.domain.care.message_flags import MessageFlag  # noqa: E402
from bot.domain.records.outbox import enqueue  # noqa: E402
from tests.conftest import TEST_KEY, make_settings  # noqa: E402
from tests.support import outage  # noqa: E402
from tests.support.harness import Harness  # noqa: E402

CRISIS_TEXT = "CRISIS LINES 988"
args_verbose = False
FLAG = MessageFlag("crisis", "msg_suicide", "message read as suicide")


async def _database(url: str | None, tmp: Path, name: str) -> tuple[Database, str | None]:
    """A migrated, empty database: a SQLite file, or a PostgreSQL database made for this run."""
    if url is None:
        db = Database(f"sqlite+aiosqlite:///{tmp / (name + '.sqlite3')}")
        await migrate.upgrade(db.engine)
        return db, None
    own = await _create(url)
    db = Database(own)
    await migrate.upgrade(db.engine)
    return db, own


async def _create(url: str) -> str:
    name = "bench_" + secrets.token_hex(4)
    admin = create_async_engine(url, isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        await conn.execute(sql(f'CREATE DATABASE "{name}"'))
    await admin.dispose()
    return url.rsplit("/", 1)[0] + "/" + name


async def _drop(url: str | None, db: Database, own: str | None) -> None:
    await db.dispose()
    if url is not None and own is not None:
        admin = create_async_engine(url, isolation_level="AUTOCOMMIT")
        async with admin.connect() as conn:
            await conn.execute(sql(f'DROP DATABASE "{own.rsplit("/", 1)[1]}" WITH (FORCE)'))
        await admin.dispose()


async def one_outage(url: str | None, tmp: Path, minutes: int, clients: int) -> dict[str, Any]:
    """`clients` crisis messages spread over an outage of `minutes`; then Telegram comes back."""
    db, schema = await _database(url, tmp, f"outage{minutes}")
    try:
        with time_machine.travel(outage.T0, tick=False) as traveller:
            ids = await outage.people(db, clients)
            run = outage.Run.start(db, traveller)
            run.tick = outage.TICK  # the outbox loop's real poll: one look a second
            run.req.faults.add(502, count=10**9)
            every = dt.timedelta(minutes=minutes) / clients
            raised: list[int] = []
            for i in range(clients):
                chat = 100 + i
                async with db.session() as s, s.begin():  # record first, then the reply the guard handed over
                    alert_id = await alerts.raise_alert(s, ids[chat], [FLAG], source="message", at=run.at)
                    await enqueue(s, chat_id=chat, kind="crisis-reply", text=CRISIS_TEXT)
                assert alert_id is not None
                raised.append(alert_id)
                await run.run_for(every)
            run.req.faults.clear()
            back = run.at
            reached_at: dict[int, dt.datetime] = {}
            while run.at < back + dt.timedelta(minutes=30):
                await run.step()
                async with db.session() as s:
                    stmt = select(AlertRecipient.alert_id).where(AlertRecipient.delivered_at.is_not(None))
                    for alert_id in set((await s.execute(stmt)).scalars()) - set(reached_at):
                        reached_at[alert_id] = run.at
                if len(reached_at) == clients and all(CRISIS_TEXT in run.texts(100 + i) for i in range(clients)):
                    break
            copies = collections.Counter((s.chat_id, s.text) for s in run.req.sent)
            notices = [s for s in run.req.sent if "could not be reached" in s.text]
            return {
                "minutes": minutes,
                "replies": sum(CRISIS_TEXT in run.texts(100 + i) for i in range(clients)),
                "alerts": len(reached_at),
                "sent": clients,
                "max_copies": max(copies.values()) if copies else 0,
                "notices": len(notices),
                "all_in": max(reached_at.values(), default=back) - back,
            }
    finally:
        await _drop(url, db, schema)


async def latency(url: str | None, tmp: Path, messages: int) -> tuple[list[float], list[float]]:
    """Seconds from a crisis message to its reply and to the first push, through the real Application."""
    own = await _create(url) if url is not None else None
    settings = make_settings(tmp, database_url=own or f"sqlite+aiosqlite:///{tmp / 'latency.sqlite3'}")
    h = Harness(settings)
    await h.start()
    therapist = await h.enroll(900, Role.THERAPIST)
    for i in range(messages):
        await h.enroll(1000 + i, therapist_id=therapist.id)
    await h.delivery.bot.initialize()  # the harness drives delivery by hand; here a loop runs
    stop = asyncio.Event()

    async def deliver() -> None:
        """run_forever's way (woken by each commit), but stopped between batches, not cancelled inside one."""
        while not stop.is_set():
            report = await h.delivery.run_once()
            if report.handled == 0:
                h.delivery.wake.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(h.delivery.wake.wait(), 0.5)

    loop = asyncio.create_task(deliver())
    to_reply: list[float] = []
    to_push: list[float] = []
    reply_at: dict[int, float] = {}
    pushed = asyncio.Event()  # the therapist's phone got a push
    original = h.req.do_request

    async def stamped(url: str, method: str, request_data: Any = None, *a: Any, **kw: Any) -> tuple[int, bytes]:
        chat = request_data.parameters.get("chat_id") if request_data is not None else None
        if url.endswith("/sendMessage") and chat is not None:
            reply_at.setdefault(int(chat), time.perf_counter())  # when the first message to that chat left
            if int(chat) == 900:
                pushed.set()
        return await original(url, method, request_data, *a, **kw)

    h.req.do_request = stamped  # type: ignore[method-assign]
    try:
        for i in range(messages):
            pushed.clear()
            t0 = time.perf_counter()
            replies = await h.send(1000 + i, "i want to kill myself")
            assert replies and "988" in replies[0]
            to_reply.append(reply_at[1000 + i] - t0)
            await asyncio.wait_for(pushed.wait(), 30)
            to_push.append(time.perf_counter() - t0)
            if args_verbose:
                print(i, f"{to_reply[-1]:.3f} {to_push[-1]:.3f}", flush=True)
            h.delivery.pacer._next_chat.clear()  # one therapist gets every push: lift the 1/s per chat
    finally:
        stop.set()
        h.delivery.wake.set()
        await asyncio.gather(loop, return_exceptions=True)
        await h.stop()
        if url is not None and own is not None:
            await _drop(url, Database(own), own)
    return to_reply, to_push


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def main_async(args: argparse.Namespace) -> int:
    crypto.configure(TEST_KEY)
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        if not args.latency_only:
            print(
                "| Outage | Crisis replies delivered | Alerts reaching a human | Most copies of one message "
                "| Admin notices | All alerts in after recovery |"
            )
            print("| --- | --- | --- | --- | --- | --- |")
            for minutes in args.outages:
                r = await one_outage(args.database, tmp, minutes, args.clients)
                print(
                    f"| {r['minutes']} min | {r['replies']} of {r['sent']} | {r['alerts']} of {r['sent']} "
                    f"| {r['max_copies']} | {r['notices']} | {r['all_in'].total_seconds() / 60:.1f} min |"
                )
        replies, pushes = await latency(args.database, tmp, args.messages)
        name = "PostgreSQL" if args.database else "SQLite"
        print(
            f"{name}: crisis -> reply p50 {statistics.median(replies) * 1000:.1f} ms,"
            f" p95 {_p(replies, 0.95) * 1000:.1f} ms;"
            f" -> first push p50 {statistics.median(pushes) * 1000:.1f} ms, p95 {_p(pushes, 0.95) * 1000:.1f} ms"
            f" ({len(replies)} messages)"
        )
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--database", default=None, help="a PostgreSQL URL (default: a SQLite file)")
    parser.add_argument("--outages", type=int, nargs="*", default=[1, 10, 60, 180])
    parser.add_argument("--clients", type=int, default=20, help="crisis messages during each outage")
    parser.add_argument("--messages", type=int, default=200, help="crisis messages for the latency figures")
    parser.add_argument("--latency-only", action="store_true")
    return asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    raise SystemExit(main())
