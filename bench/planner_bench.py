"""Reminder planner benchmark: one planning pass over 10,000 clients; prints figures, asserts nothing.

Every client's reminder falls in the same half hour (the worst case: a row to write for
each), spread over the US zones; one in ten has checked in already. Timed: the first pass
(writes the rows), a second pass (finds them all planned: a restart or a second process),
and a quiet tick (clients spread over the day, the usual case). Memory: tracemalloc's peak
during a first pass on a fresh database, and the process's peak RSS.

Run: .venv/bin/python bench/planner_bench.py [--clients 10000] [--database postgresql+asyncpg://...]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import resource
import secrets
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import delete, insert, text
from sqlalchemy.ext.asyncio import create_async_engine

from bot.core import crypto
from bot.db import migrate
from bot.db.models import Checkin, ClientProfile, OutboxMessage, Person
from bot.db.session import Database
from bot.delivery import planner
from bot.domain.people.timezones import US_ZONES

NOW = dt.datetime(2026, 11, 27, 23, 45, tzinfo=dt.UTC)
GRACE, HORIZON = dt.timedelta(hours=2), dt.timedelta(minutes=30)


async def fill(db: Database, clients: int, all_due: bool) -> None:
    rng = random.Random(7)
    people, profiles, checkins = [], [], []
    for i in range(1, clients + 1):
        zone = US_ZONES[i % len(US_ZONES)][1]
        offset = dt.timedelta(minutes=rng.randrange(30)) if all_due else dt.timedelta(minutes=rng.randrange(1440))
        local = (NOW + offset).astimezone(ZoneInfo(zone))
        people.append(
            dict(id=i, telegram_id=10_000_000 + i, role="client", code=f"C-{i}", display_name="", timezone=zone,
                 language="en", active=True, reachable=True, consent_version="2026-11", created_at=NOW)
        )  # fmt: skip
        profiles.append(dict(person_id=i, cohort="", checkin_time=local.time().replace(second=0, microsecond=0),
                             reminders_on=True))  # fmt: skip
        if i % 10 == 0:
            checkins.append(dict(person_id=i, local_date=local.date(), craving=1, mood=4, used="no", sleep=3,
                                 safety_yes=False, note_flagged=False, created_at=NOW))  # fmt: skip
    async with db.session() as s, s.begin():
        for table, rows in ((Person, people), (ClientProfile, profiles), (Checkin, checkins)):
            for i in range(0, len(rows), 2000):
                await s.execute(insert(table), rows[i : i + 2000])


async def one_pass(db: Database, at: dt.datetime = NOW) -> tuple[float, float, planner.PlanReport]:
    """Wall time and CPU time (all threads: aiosqlite works in one) of one pass, with its report."""
    start, cpu = time.perf_counter(), time.process_time()
    async with db.session() as s, s.begin():
        report = await planner.plan_checkin_reminders(s, at, GRACE, HORIZON)
    return time.perf_counter() - start, time.process_time() - cpu, report


async def fresh_db(url: str | None, tmp: Path, name: str) -> tuple[Database, str | None]:
    if url is None:
        db = Database(f"sqlite+aiosqlite:///{tmp / name}.sqlite3")
        await migrate.upgrade(db.engine)
        return db, None
    schema = "bench_" + secrets.token_hex(4)
    admin = create_async_engine(url)
    async with admin.begin() as conn:
        await conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    await admin.dispose()
    db = Database(url, connect_args={"server_settings": {"search_path": schema}})
    await migrate.upgrade(db.engine)
    return db, schema


async def drop(db: Database, url: str | None, schema: str | None) -> None:
    await db.dispose()
    if url and schema:
        admin = create_async_engine(url)
        async with admin.begin() as conn:
            await conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        await admin.dispose()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=10_000)
    parser.add_argument("--database", default=None, help="a postgresql+asyncpg:// URL (default: a SQLite file)")
    args = parser.parse_args()
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # after imports, before any data
    crypto.configure(crypto.generate_key())
    with tempfile.TemporaryDirectory() as tmp:
        db, schema = await fresh_db(args.database, Path(tmp), "timed")
        try:
            await fill(db, args.clients, all_due=True)
            first, first_cpu, report = await one_pass(db)
            second, second_cpu, again = await one_pass(db, NOW + dt.timedelta(minutes=1))
            async with db.session() as s, s.begin():
                await s.execute(delete(OutboxMessage))
            tracemalloc.start()
            await one_pass(db)
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
        finally:
            await drop(db, args.database, schema)
        db, schema = await fresh_db(args.database, Path(tmp), "quiet")
        try:
            await fill(db, args.clients, all_due=False)
            await one_pass(db)
            quiet, quiet_cpu, quiet_report = await one_pass(db, NOW + dt.timedelta(minutes=1))
        finally:
            await drop(db, args.database, schema)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    load = os.getloadavg()[0]
    print(f"database: {'PostgreSQL' if args.database else 'SQLite'}; clients: {args.clients:,}; load {load:.1f}")
    print(f"first pass, all due: {first * 1000:.0f} ms wall, {first_cpu * 1000:.0f} ms CPU; ", end="")
    print(f"{report.planned:,} rows written, {report.checked_in:,} checked in")
    print(
        f"second pass, {again.already:,} planned already: {second * 1000:.0f} ms wall, {second_cpu * 1000:.0f} ms CPU"
    )
    print(f"quiet tick, spread over the day: {quiet * 1000:.0f} ms wall, {quiet_cpu * 1000:.0f} ms CPU", end="")
    print(f" ({quiet_report.due} due)")
    print(f"tracemalloc peak during a first pass: {peak / 2**20:.1f} MiB; ", end="")
    print(f"process peak RSS: {rss:.0f} MiB ({base_rss:.0f} MiB after imports)")


if __name__ == "__main__":
    asyncio.run(main())
