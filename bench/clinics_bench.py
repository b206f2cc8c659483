"""Many clinics on one PostgreSQL: 20 clinics x 300 clients, a schema each; prints figures, asserts nothing.

Measured:
- migrating 20 schemas (each its own alembic_version);
- the daily check-in reminder reaching every client: all 6,000 are due at the same minute; for
  each clinic at once, one planner pass writes its rows and that clinic's own outbox loop
  (its own bot token, Telegram's 30 messages/s per bot and 1/s per chat, enforced by the
  stand-in running in a process of its own) delivers them. Timed from the planner pass to the
  last clinic's last reminder on record as delivered;
- database connections in use (peak of pg_stat_activity rows named iop:<schema>);
- memory: this driver's peak RSS with all 20 clinics in one process, and the RSS of a real
  `python -m bot run` leader and of a standby for one clinic, with their connections.

Twenty leaders and twenty standbys as full processes are more than this 2-core machine runs
alongside the stand-in without measuring mostly contention, so the delivery runs the planner
and the outbox loops of all clinics in one process (the code a leader runs for them); the
per-process figures come from the real processes of one clinic.

Needs PostgreSQL (TEST_POSTGRES_URL, default postgresql+asyncpg://postgres@127.0.0.1:5432/test).
Run: .venv/bin/python bench/clinics_bench.py [--clinics 20] [--clients 300]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import os
import resource
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, select, text
from telegram.ext import ExtBot
from telegram.request import HTTPXRequest

from bot.core import crypto
from bot.db import schema as clinic_schema
from bot.db.models import OutboxMessage, OutboxStatus
from bot.db.session import Database
from bot.delivery import outbox, planner
from bot.delivery.pacing import Pacer
from tests.conftest import PG_URL, TEST_KEY
from tests.e2e.conftest import ROOT, child_env
from tests.support.clinics import seed_clients

GRACE, HORIZON = dt.timedelta(hours=2), dt.timedelta(minutes=30)


def spawn(args: list[str], cwd: Path, env: dict[str, str], stdout: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, *args], cwd=cwd, env=env, stdout=stdout, stderr=subprocess.DEVNULL)


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def connections(admin: Database, prefix: str) -> int:
    async with admin.engine.connect() as conn:
        found = await conn.execute(
            text("SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE :p"), {"p": prefix + "%"}
        )
        return int(found.scalar_one())


async def deliver_clinic(db: Database, token: str, base_url: str) -> float:
    """Plan this clinic's reminders, deliver them paced under its own token; seconds until all are delivered."""
    start = time.perf_counter()
    async with db.session() as s, s.begin():
        await planner.plan_checkin_reminders(s, outbox.now(), GRACE, HORIZON)
    bot = ExtBot(token, base_url=base_url, request=HTTPXRequest(connection_pool_size=4))
    delivery = outbox.Delivery(db, bot, pacer=Pacer(rate=30, chat_interval=1.0))
    async with bot:
        while True:
            report = await delivery.run_once()
            if report.handled == 0:
                async with db.session() as s:
                    open_rows = await s.execute(
                        select(func.count()).where(
                            OutboxMessage.status.in_([OutboxStatus.PENDING, OutboxStatus.SENDING])
                        )
                    )
                if open_rows.scalar_one() == 0:
                    return time.perf_counter() - start
                await asyncio.sleep(0.2)


async def one_bot_process(schema: str, base_url: str, port_file_url: str) -> tuple[float, float, int, int]:
    """RSS (MiB) of a real leader and standby of one clinic, and each one's database connections."""
    env = child_env(
        BOT_TOKEN="900001:BENCH-LEADER",
        TELEGRAM_API_BASE_URL=base_url,
        TELEGRAM_FILE_BASE_URL=port_file_url,
        DATABASE_URL=PG_URL,
        DATABASE_SCHEMA=schema,
        ENCRYPTION_KEY=TEST_KEY,
        CLINIC_NAME="Bench Clinic",
    )
    admin = Database(PG_URL)
    procs: list[subprocess.Popen[bytes]] = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for _ in range(2):
                procs.append(spawn(["-m", "bot", "run"], Path(tmp), env, subprocess.DEVNULL))
                await asyncio.sleep(0.5)  # a bench, not a test: the first should lead
            db = clinic_schema.open_database(PG_URL, schema)
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                async with db.session() as s:
                    roles = dict(
                        (await s.execute(text("SELECT holder, role FROM bot_process WHERE role <> 'stopped'"))).all()
                    )
                if sorted(roles.values()) == ["leader", "standby"]:
                    break
                await asyncio.sleep(0.5)
            await db.dispose()
            await asyncio.sleep(5)  # let the leader finish its start-up passes
            host = socket.gethostname()
            leader = next(p for p in procs if roles.get(f"{host}:{p.pid}") == "leader")
            standby = next(p for p in procs if p is not leader)
            total = await connections(admin, f"iop:{schema}")
            standby_rss, leader_rss = rss_mib(standby.pid), rss_mib(leader.pid)
            standby.terminate()
            standby.wait(15)
            leader_conns = await connections(admin, f"iop:{schema}")
            return leader_rss, standby_rss, leader_conns, total - leader_conns
    finally:
        for p in procs:
            if p.poll() is None:
                p.terminate()
                p.wait(15)
        await admin.dispose()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clinics", type=int, default=20)
    parser.add_argument("--clients", type=int, default=300)
    args = parser.parse_args()
    crypto.configure(TEST_KEY)
    tag = "bench_" + secrets.token_hex(3)
    schemas = [f"{tag}_{i:02}" for i in range(args.clinics)]
    port = 18000 + os.getpid() % 1000
    standin = spawn(["-m", "standin", "--port", str(port), "--lenient-chats"], ROOT, child_env(), subprocess.PIPE)
    assert standin.stdout is not None
    standin.stdout.readline()  # "Bot API stand-in on ..." once it listens
    base_url = f"http://127.0.0.1:{port}/bot"
    admin = Database(PG_URL)
    dbs: list[Database] = []
    try:
        start = time.perf_counter()
        for name in schemas:
            await clinic_schema.prepare(PG_URL, name)
        migrated = time.perf_counter() - start
        dbs = [clinic_schema.open_database(PG_URL, name) for name in schemas]
        at = outbox.now()
        for i, db in enumerate(dbs):
            await seed_clients(db, args.clients, first_telegram_id=10_000_000 * (i + 1), due_at=at)
        peak = 0

        async def watch() -> None:
            nonlocal peak
            while True:
                peak = max(peak, await connections(admin, f"iop:{tag}"))
                await asyncio.sleep(0.25)

        watcher = asyncio.create_task(watch())
        start = time.perf_counter()
        per_clinic = await asyncio.gather(
            *(deliver_clinic(db, f"{800000 + i}:BENCH-{i}", base_url) for i, db in enumerate(dbs))
        )
        everyone = time.perf_counter() - start
        watcher.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await watcher
        driver_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        for db in dbs:
            await db.dispose()
        dbs = []
        leader_rss, standby_rss, leader_conns, standby_conns = await one_bot_process(
            schemas[0], base_url, f"http://127.0.0.1:{port}/file/bot"
        )
    finally:
        for db in dbs:
            await db.dispose()
        async with admin.engine.begin() as conn:
            for name in schemas:
                await conn.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
        await admin.dispose()
        standin.terminate()
        standin.wait(10)
    total = args.clinics * args.clients
    print(f"{args.clinics} clinics x {args.clients} clients on one PostgreSQL ({total} clients)")
    print(f"migrating {args.clinics} schemas from empty: {migrated:.1f} s ({migrated / args.clinics:.2f} s each)")
    print(
        f"daily reminder to every client: {everyone:.1f} s "
        f"(per clinic: fastest {min(per_clinic):.1f} s, slowest {max(per_clinic):.1f} s; "
        f"{total / everyone:.0f} messages/s over all clinics; Telegram allows 30/s per bot)"
    )
    print(f"database connections in use at the peak of delivery: {peak} (all clinics, one process)")
    print(f"driver process (all {args.clinics} clinics' planner and outbox loops): peak RSS {driver_rss:.0f} MiB")
    print(
        f"one clinic as real processes: leader RSS {leader_rss:.0f} MiB with {leader_conns} connections, "
        f"standby RSS {standby_rss:.0f} MiB with {standby_conns} connections"
    )
    print(
        f"so {args.clinics} clinics, each a leader and a standby: about "
        f"{args.clinics * (leader_rss + standby_rss) / 1024:.1f} GiB and "
        f"{args.clinics * (leader_conns + standby_conns)} connections at rest"
    )


if __name__ == "__main__":
    asyncio.run(main())
