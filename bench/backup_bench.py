"""Backup, restore, key check and key rotation timings for a clinic-sized database.

Run from the project root:  .venv/bin/python bench/backup_bench.py [--clients 1000] [--days 60]
                            [--database postgresql+asyncpg://postgres@127.0.0.1:5432/test]

Fills a fresh database (SQLite file, or a schema of its own on PostgreSQL, dropped afterwards) with
`clients` clients × `days` days of check-ins, each with an encrypted note, an alert with its flag and
outbox row on every fifth day, and the check-ins' audit rows. Then times `db backup`, `db restore` into
an empty database (with the counts and the key check restore does), the key check `run` does at start,
and a full key rotation. Prints one line per figure.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import secrets
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # runnable without installing the package

from sqlalchemy import insert, text  # noqa: E402

from bot.core import crypto  # noqa: E402
from bot.db import backup, migrate, restore, rotation  # noqa: E402
from bot.db.encryption import probe_unreadable, unreadable_values  # noqa: E402
from bot.db.models import Alert, AuditEntry, Checkin, ClientProfile, FlagRecord, OutboxMessage, Person  # noqa: E402
from bot.db.session import Database  # noqa: E402

T0 = dt.datetime(2026, 9, 1, 23, 0, tzinfo=dt.UTC)
CHUNK = 5000


async def fill(db: Database, clients: int, days: int) -> None:
    async with db.session() as s, s.begin():
        await s.execute(insert(Person), [dict(id=1, telegram_id=1, role="therapist", code="T-1", timezone="UTC")])
        people = [
            dict(id=10 + n, telegram_id=10 + n, role="client", code=f"C-{n}", timezone="UTC") for n in range(clients)
        ]
        await s.execute(insert(Person), people)
        profiles = [dict(person_id=10 + n, therapist_id=1, checkin_time=dt.time(19)) for n in range(clients)]
        await s.execute(insert(ClientProfile), profiles)
    checkins, alerts, flags, outbox, audit = [], [], [], [], []
    alert_id = 0
    for n in range(clients):
        for d in range(days):
            at = T0 + dt.timedelta(days=d)
            checkins.append(
                dict(
                    person_id=10 + n,
                    local_date=at.date(),
                    craving=d % 11,
                    mood=1 + d % 5,
                    used="no",
                    sleep=2,
                    safety_yes=False,
                    note=f"day {d}: slept badly, went to group, called my sponsor",
                    note_flagged=False,
                    created_at=at,
                )
            )
            audit.append(
                dict(
                    at=at,
                    action="checkin.saved",
                    actor_person_id=10 + n,
                    client_person_id=10 + n,
                    detail=json.dumps({"day": at.date().isoformat()}),
                )
            )
            if d % 5 == 0:
                alert_id += 1
                alerts.append(
                    dict(
                        id=alert_id,
                        client_id=10 + n,
                        therapist_id=1,
                        severity="high",
                        status="open",
                        level=0,
                        created_at=at,
                    )
                )
                flags.append(
                    dict(
                        person_id=10 + n,
                        alert_id=alert_id,
                        source="checkin",
                        severity="high",
                        rule="craving_high",
                        explanation="craving 9, 7-day mean 3",
                        created_at=at,
                    )
                )
                outbox.append(
                    dict(
                        due_at=at,
                        chat_id=1,
                        person_id=1,
                        kind="alert",
                        status="delivered",
                        attempts=1,
                        next_try_at=at,
                        created_at=at,
                        dedupe_key=f"alert:{alert_id}",
                        payload=json.dumps({"text": f"high alert A-{alert_id}", "buttons": []}),
                    )
                )
    for model, rows in (
        (Checkin, checkins),
        (AuditEntry, audit),
        (Alert, alerts),
        (FlagRecord, flags),
        (OutboxMessage, outbox),
    ):
        for i in range(0, len(rows), CHUNK):
            async with db.session() as s, s.begin():
                await s.execute(insert(model), rows[i : i + CHUNK])
    if db.is_postgres:  # explicit ids above: move the sequences on, as a restore does
        async with db.engine.begin() as conn:
            for table in ("person", "alert"):
                await conn.execute(
                    text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
                )


async def database(url: str | None, folder: Path, name: str) -> tuple[Database, str | None]:
    if url is None:
        return Database(f"sqlite+aiosqlite:///{folder / name}"), None
    schema = "bench_" + secrets.token_hex(4)
    admin = Database(url)
    async with admin.engine.begin() as conn:
        await conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    await admin.dispose()
    return Database(url, connect_args={"server_settings": {"search_path": schema}}), schema


async def drop(url: str | None, db: Database, schema: str | None) -> None:
    await db.dispose()
    if url and schema:
        admin = Database(url)
        async with admin.engine.begin() as conn:
            await conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        await admin.dispose()


def timed(label: str, started: float, extra: str = "") -> None:
    print(f"{label:38} {time.perf_counter() - started:7.2f} s  {extra}")


async def main(clients: int, days: int, url: str | None) -> None:
    crypto.configure(crypto.generate_key())
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source, s_schema = await database(url, folder, "source.sqlite3")
        target, t_schema = await database(url, folder, "target.sqlite3")
        try:
            await migrate.upgrade(source.engine)
            await migrate.upgrade(target.engine)
            started = time.perf_counter()
            await fill(source, clients, days)
            counts = await restore.table_counts(source)
            timed("fill", started, f"{sum(counts.values()):,} rows ({counts['checkin']:,} check-ins)")

            started = time.perf_counter()
            taken = await backup.backup(source, folder / "backups", dt.datetime.now(dt.UTC))
            extra = f" + pg_dump {taken.pg_dump.stat().st_size / 1e6:.1f} MB" if taken.pg_dump else ""
            timed("db backup", started, f"{taken.size / 1e6:.1f} MB compressed{extra}; {taken.method}")

            started = time.perf_counter()
            report = await restore.restore(target, taken.path)
            timed("db restore (counts and key check)", started, f"{sum(report.counts.values()):,} rows")

            started = time.perf_counter()
            assert not await probe_unreadable(source)
            timed("key check at start (oldest, newest 50)", started)
            started = time.perf_counter()
            assert await unreadable_values(source) == {}
            timed("key check of every value (restore)", started)

            old = crypto.configured_keys()[0]
            crypto.configure(crypto.generate_key(), [old])
            started = time.perf_counter()
            done = await rotation.reencrypt(source)
            timed("db rotate-key (re-encrypt, batch 500)", started, f"{sum(r.rotated for r in done):,} values")
        finally:
            await drop(url, source, s_schema)
            await drop(url, target, t_schema)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--days", type=int, default=60)
    parser.add_argument("--database", default=None, help="a postgresql+asyncpg:// URL (default: a SQLite file)")
    args = parser.parse_args()
    asyncio.run(main(args.clients, args.days, args.database))
