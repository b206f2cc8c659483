"""Backups and the restore drill, on SQLite and PostgreSQL: a copy taken while check-ins and alerts are
being written restores into a fresh database as one consistent moment, row for row."""

from __future__ import annotations

import asyncio
import datetime as dt
import gzip
import itertools
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from bot.core import crypto
from bot.core.errors import BackupError
from bot.db import backup, migrate, restore
from bot.db.session import Database
from tests.conftest import TEST_KEY, _drop_schema, _postgres_schema_db
from tests.support.load import day_of_work, people, table_rows

AT = dt.datetime(2026, 12, 4, 3, 30, tzinfo=dt.UTC)


@pytest.fixture
async def fresh(db: Database, tmp_path: Path) -> AsyncIterator[Callable[[], asyncio.Future[Database]]]:
    """Makes empty, migrated databases of the same kind as `db` (a new file, or a new schema)."""
    made: list[tuple[Database, str | None]] = []
    counter = itertools.count()

    async def make() -> Database:
        if db.is_postgres:
            target, schema = await _postgres_schema_db()
        else:
            target, schema = Database(f"sqlite+aiosqlite:///{tmp_path / f'restored{next(counter)}.sqlite3'}"), None
        made.append((target, schema))
        await migrate.upgrade(target.engine)
        return target

    yield make  # type: ignore[misc]
    for target, schema in made:
        await target.dispose()
        if schema:
            await _drop_schema(schema)


async def test_a_backup_during_writes_restores_one_consistent_moment_and_a_quiet_one_every_row(
    db: Database, fresh: Callable[[], asyncio.Future[Database]], tmp_path: Path
) -> None:
    """Check-ins and alerts keep being written while the backup runs: the restore holds whole transactions
    only, each row as it was written; after the writers stop, a second backup restores every table equal."""
    clients = await people(db, 20)
    started, stop = asyncio.Event(), asyncio.Event()
    written = 0

    async def writer() -> None:
        nonlocal written
        after_stop = 0
        for day in itertools.count():
            for client in clients:
                await day_of_work(db, client, day)
                written += 1
                if written == 40:
                    started.set()
                if stop.is_set():
                    after_stop += 1
                    if after_stop >= 5:
                        return

    load = asyncio.create_task(writer())
    await started.wait()
    taken = await backup.backup(db, tmp_path / "b", AT)
    stop.set()
    await load

    during = await fresh()
    report = await restore.restore(during, taken.path)
    source, restored = await table_rows(db), await table_rows(during)
    assert report.unreadable == {}
    assert report.counts == {name: len(rows) for name, rows in restored.items() if name != "alembic_version"}
    for name, rows in restored.items():
        if name == "alembic_version":
            assert rows == source[name]
            continue
        assert set(rows) <= set(source[name]), f"{name}: a restored row differs from the row written"
    checkins, alerts = len(restored["checkin"]), len(restored["alert"])
    assert 40 <= checkins < written  # taken after 40 check-ins, before the last ones
    days = [row[2] for row in restored["checkin"]]  # local_date: an alert for every day divisible by 3
    assert alerts == sum((d - dt.date(2026, 10, 1)).days % 3 == 0 for d in days)
    assert len(restored["flag"]) == alerts
    assert sum("checkin.saved" in row for row in restored["audit"]) == checkins

    quiet = await backup.backup(db, tmp_path / "b", AT + dt.timedelta(minutes=1))
    after = await fresh()
    await restore.restore(after, quiet.path)
    assert await table_rows(after) == await table_rows(db)


async def test_the_backup_is_private_checksummed_and_never_holds_the_key(db: Database, tmp_path: Path) -> None:
    """Mode 0600, a sha256sum-style checksum line, and the key's text appears in no file written."""
    for client in await people(db, 3):
        await day_of_work(db, client, 0)
    taken = await backup.backup(db, tmp_path / "b", AT)
    files = [taken.path, taken.checksum, *([taken.pg_dump] if taken.pg_dump else [])]
    assert all(f.stat().st_mode & 0o777 == 0o600 for f in files)
    assert taken.checksum.read_text().splitlines()[0] == f"{backup.sha256(taken.path)}  {taken.path.name}"
    contents = gzip.decompress(taken.path.read_bytes())
    assert b"checkin" in contents and crypto.PREFIX.encode() in contents  # it is the data, encrypted as stored
    for f in files:
        raw = gzip.decompress(f.read_bytes()) if f.suffix == ".gz" else f.read_bytes()
        assert TEST_KEY.encode() not in raw
    assert "REPEATABLE READ" in taken.method if db.is_postgres else taken.method == "SQLite: online backup API"


async def test_restore_refuses_a_database_with_rows_and_a_damaged_file(db: Database, tmp_path: Path) -> None:
    """Only into an empty database, and only a file matching its checksum: each refusal is one line."""
    await people(db, 1)
    taken = await backup.backup(db, tmp_path / "b", AT)
    with pytest.raises(BackupError, match="not empty .*restore only into an empty database"):
        await restore.restore(db, taken.path)
    damaged = bytearray(taken.path.read_bytes())
    damaged[len(damaged) // 2] ^= 0xFF
    taken.path.write_bytes(bytes(damaged))
    with pytest.raises(BackupError, match="does not match its checksum"):
        await restore.restore(db, taken.path)
    taken.checksum.unlink()
    with pytest.raises(BackupError, match="no checksum file"):
        await restore.restore(db, taken.path)


async def test_restore_names_the_columns_the_current_key_does_not_read(
    db: Database, fresh: Callable[[], asyncio.Future[Database]], tmp_path: Path
) -> None:
    """Restored with another key configured: the report names each encrypted column and how many values."""
    for client in await people(db, 2):
        await day_of_work(db, client, 0)
    taken = await backup.backup(db, tmp_path / "b", AT)
    crypto.configure(crypto.generate_key())
    report = await restore.restore(await fresh(), taken.path)
    # Per client: the alert push (the receipt waits until a push is delivered).
    assert report.unreadable == {"checkin.note": 2, "flag.explanation": 2, "outbox.payload": 2}
    assert report.counts["checkin"] == 2


async def test_old_backups_beyond_the_count_kept_are_removed_with_their_checksums(db: Database, tmp_path: Path) -> None:
    """Five nightly backups, three kept: the two oldest go, archive and checksum alike."""
    made = [await backup.backup(db, tmp_path / "b", AT + dt.timedelta(days=n)) for n in range(5)]
    removed = backup.prune(tmp_path / "b", keep=3)
    assert sorted(p.name for p in removed if p.name.endswith(".gz")) == [m.path.name for m in made[:2]]
    assert backup.backups(tmp_path / "b") == [m.path for m in made[2:]]
    assert not made[0].checksum.exists() and made[4].checksum.exists()
