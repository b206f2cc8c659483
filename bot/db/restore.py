"""`python -m bot db restore FILE`: a backup into an empty database, checked before and after.

The checksum is verified first; a database holding any row is refused. A SQLite backup is copied
back with SQLite's backup API; a logical dump (PostgreSQL) is inserted table by table in one
transaction, and each table's id sequence is moved past the restored ids. Afterwards the rows of
every table are counted and every encrypted column is read with the current key(s).
"""

from __future__ import annotations

import asyncio
import gzip
import os
import shutil
import sqlite3
import tempfile
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Integer, Table, func, insert, select, text
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.core.errors import BackupError
from bot.db import backup as archives
from bot.db.encryption import unreadable_values
from bot.db.session import Database

INSERT_BATCH = 1000


@dataclass(frozen=True)
class RestoreReport:
    """Rows per table after the restore, and encrypted columns the current key does not read (with counts)."""

    counts: dict[str, int]
    unreadable: dict[str, int]


def verify(archive: Path) -> None:
    """Raise BackupError unless the archive's checksum file names it with the right SHA-256."""
    if not archive.is_file():
        raise BackupError(f"{archive} is not a file")
    check = archives.checksum_path(archive)
    if not check.is_file():
        raise BackupError(f"no checksum file {check.name} beside the backup: it cannot be verified")
    expected = {}
    for entry in check.read_text(encoding="utf-8").splitlines():
        digest, _, name = entry.partition("  ")
        expected[name.strip()] = digest.strip()
    if expected.get(archive.name) != archives.sha256(archive):
        raise BackupError(f"{archive.name} does not match its checksum: the file is damaged or not this backup")


async def table_counts(db: Database) -> dict[str, int]:
    """Rows in every table of the database (alembic's own table aside)."""
    async with db.engine.connect() as conn:
        tables = await conn.run_sync(archives.reflect)
        return {t.name: int(await conn.scalar(select(func.count()).select_from(t)) or 0) for t in tables}


async def restore(db: Database, archive: Path) -> RestoreReport:
    """Restore `archive` into the migrated, empty database `db`; raises BackupError, saying why, in one line."""
    await asyncio.to_thread(verify, archive)
    busy = {name: n for name, n in (await table_counts(db)).items() if n}
    if busy:
        some = ", ".join(f"{name} {n}" for name, n in sorted(busy.items())[:3])
        raise BackupError(f"the database is not empty ({some}...): restore only into an empty database")
    if archive.name.endswith(archives.SQLITE_SUFFIX):
        if db.is_postgres:
            raise BackupError("this is a SQLite backup: restore it with a sqlite DATABASE_URL")
        await db.engine.dispose()  # no pooled connection holds the file while it is replaced
        await asyncio.to_thread(_sqlite_restore, archive, archives.sqlite_path(db))
    elif archive.name.endswith(archives.LOGICAL_SUFFIX):
        if not db.is_postgres:
            raise BackupError("this is a PostgreSQL backup: restore it with a postgresql DATABASE_URL")
        async with db.engine.begin() as conn:
            await _logical_restore(conn, archive)
    else:
        raise BackupError(f"{archive.name} is not a backup this bot wrote (*.sqlite3.gz or *.jsonl.gz)")
    return RestoreReport(await table_counts(db), await unreadable_values(db))


def _sqlite_restore(archive: Path, target: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=Path(target).parent, prefix=".iop-restore-")  # mode 0600
    try:
        with os.fdopen(fd, "wb") as out, gzip.open(archive, "rb") as gz:
            shutil.copyfileobj(gz, out, 1 << 20)
        with closing(sqlite3.connect(tmp)) as src, closing(sqlite3.connect(target, timeout=30)) as dst:
            src.backup(dst)
    finally:
        os.unlink(tmp)


async def _logical_restore(conn: AsyncConnection, archive: Path) -> None:
    tables = {t.name: t for t in await conn.run_sync(archives.reflect)}
    revision = await conn.scalar(text("SELECT version_num FROM alembic_version"))
    lines = archives.read_dump(archive)
    header = next(lines, None)
    if not isinstance(header, dict) or header.get("format") != archives.FORMAT:
        raise BackupError(f"{archive.name} is not a logical dump this bot wrote")
    if header.get("revision") != revision:
        raise BackupError(
            f"the backup is at schema revision {header.get('revision')}, this database at {revision}: "
            "restore with the bot version that wrote it"
        )
    table: Table | None = None
    columns: list[str] = []
    batch: list[dict[str, Any]] = []
    for entry in lines:
        if isinstance(entry, dict):
            if table is not None and batch:
                await conn.execute(insert(table), batch)
            batch = []
            if entry["table"] not in tables:
                raise BackupError(f"the backup has a table {entry['table']} this database lacks")
            table, columns = tables[entry["table"]], entry["columns"]
            continue
        batch.append(dict(zip(columns, entry, strict=True)))
        if len(batch) >= INSERT_BATCH and table is not None:
            await conn.execute(insert(table), batch)
            batch = []
    if table is not None and batch:
        await conn.execute(insert(table), batch)
    for t in tables.values():
        await _move_sequence(conn, t)


async def _move_sequence(conn: AsyncConnection, table: Table) -> None:
    """Set a serial id's sequence past the restored ids, so the next insert gets a fresh one."""
    keys = list(table.primary_key.columns)
    if len(keys) != 1 or not isinstance(keys[0].type, Integer):
        return
    seq = await conn.scalar(text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": table.name, "c": keys[0].name})
    if seq is None:
        return
    top = await conn.scalar(select(func.max(keys[0])))
    await conn.execute(text("SELECT setval(:s, :v, :called)"), {"s": seq, "v": top or 1, "called": top is not None})
