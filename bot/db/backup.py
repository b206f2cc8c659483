"""`python -m bot db backup`: a consistent, compressed copy of the database while the bot runs.

SQLite is copied with its online backup API (`sqlite3.Connection.backup`). PostgreSQL is written as
a logical dump: every table's rows, read in one REPEATABLE READ transaction (one snapshot, as
pg_dump reads it), so it restores into any empty schema with `python -m bot db restore`. Where
`pg_dump` is installed its custom-format dump of the same schema is written beside it, for
operators who restore with `pg_restore`.

A backup is `iop-<UTC time>.sqlite3.gz` or `.jsonl.gz`, mode 0600, with `<file>.sha256` beside it
(`sha256sum -c` reads it). The encryption key is configuration, never data: it is not in any table,
so no backup holds it.
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import decimal
import gzip
import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from sqlalchemy import MetaData, Row, Table, select, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.core.errors import BackupError
from bot.db.lease_models import PROCESS_TABLES
from bot.db.session import Database

PREFIX = "iop-"
SQLITE_SUFFIX = ".sqlite3.gz"
LOGICAL_SUFFIX = ".jsonl.gz"
PG_DUMP_SUFFIX = ".pg_dump"
FORMAT = "iop-logical-dump"
ROWS_PER_READ = 2000


@dataclass(frozen=True)
class BackupResult:
    """What one backup wrote: the archive, its checksum file, how it was made, and its size in bytes."""

    path: Path
    checksum: Path
    method: str
    size: int
    pg_dump: Path | None = None


def checksum_path(archive: Path) -> Path:
    return archive.with_name(archive.name + ".sha256")


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _private(path: Path) -> IO[bytes]:
    """A new file only its owner can read (0600 from the start, never widened)."""
    return os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb")


def _stem(to_dir: Path, at: dt.datetime) -> str:
    """A file name stem no earlier backup in `to_dir` has; makes `to_dir` (mode 0700) if missing."""
    to_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    stem = f"{PREFIX}{at.astimezone(dt.UTC):%Y%m%d-%H%M%S}"
    n = 1
    candidate = stem
    while any(to_dir.glob(candidate + ".*")):
        n += 1
        candidate = f"{stem}-{n}"
    return candidate


async def backup(db: Database, to_dir: Path, at: dt.datetime) -> BackupResult:
    """Write one backup of `db` into `to_dir` (made if missing, mode 0700) and its checksum."""
    stem = await asyncio.to_thread(_stem, to_dir, at)
    pg_dump_file: Path | None = None
    if db.is_postgres:
        archive = to_dir / (stem + LOGICAL_SUFFIX)
        await _logical_dump(db, archive)
        if shutil.which("pg_dump"):
            pg_dump_file = to_dir / (stem + PG_DUMP_SUFFIX)
            await _pg_dump(db, pg_dump_file)
            method = "PostgreSQL: logical dump in one REPEATABLE READ transaction, and pg_dump's beside it"
        else:
            method = "PostgreSQL: logical dump in one REPEATABLE READ transaction (pg_dump is not installed)"
    else:
        archive = to_dir / (stem + SQLITE_SUFFIX)
        await asyncio.to_thread(_sqlite_backup, sqlite_path(db), archive)
        method = "SQLite: online backup API"
    check, size = await asyncio.to_thread(_write_checksum, archive, pg_dump_file)
    return BackupResult(archive, check, method, size, pg_dump_file)


def _write_checksum(archive: Path, pg_dump_file: Path | None) -> tuple[Path, int]:
    """Write `<archive>.sha256` (sha256sum's format) for the archive and the pg_dump file; the archive's size."""
    lines = [f"{sha256(p)}  {p.name}\n" for p in (archive, pg_dump_file) if p is not None]
    check = checksum_path(archive)
    with _private(check) as f:
        f.write("".join(lines).encode())
    return check, archive.stat().st_size


def _discard(path: Path) -> None:
    path.unlink(missing_ok=True)


def sqlite_path(db: Database) -> str:
    path = make_url(db.url).database
    if not path or path == ":memory:":
        raise BackupError("an in-memory SQLite database cannot be backed up")
    return path


def _sqlite_backup(source: str, archive: Path) -> None:
    """Copy with SQLite's online backup API into a private temporary file, then compress it."""
    fd, tmp = tempfile.mkstemp(dir=archive.parent, prefix=".iop-backup-")  # mode 0600
    os.close(fd)
    try:
        with closing(sqlite3.connect(source, timeout=30)) as src, closing(sqlite3.connect(tmp)) as dst:
            src.backup(dst)  # one step: a consistent snapshot while others write (WAL)
        with open(tmp, "rb") as raw, _private(archive) as out, gzip.GzipFile(fileobj=out, mode="wb") as gz:
            shutil.copyfileobj(raw, gz, 1 << 20)
    finally:
        os.unlink(tmp)


# --- PostgreSQL: the logical dump ----------------------------------------------------------------


def _encode(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return {"$dt": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$d": value.isoformat()}
    if isinstance(value, dt.time):
        return {"$t": value.isoformat()}
    if isinstance(value, decimal.Decimal):
        return {"$n": str(value)}
    if isinstance(value, bytes | memoryview):
        return {"$b": base64.b64encode(bytes(value)).decode()}
    raise TypeError(f"cannot write {type(value).__name__} into a backup")


def decode(obj: dict[str, Any]) -> Any:
    """json object_hook: the tagged values `_encode` wrote, back as Python values."""
    if len(obj) == 1:
        ((tag, value),) = obj.items()
        if tag == "$dt":
            return dt.datetime.fromisoformat(value)
        if tag == "$d":
            return dt.date.fromisoformat(value)
        if tag == "$t":
            return dt.time.fromisoformat(value)
        if tag == "$n":
            return decimal.Decimal(value)
        if tag == "$b":
            return base64.b64decode(value)
    return obj


def line(obj: Any) -> bytes:
    return json.dumps(obj, default=_encode, separators=(",", ":")).encode() + b"\n"


def reflect(conn: Connection) -> list[Table]:
    """Every table of the clinic's data as stored (no model types: encrypted text stays as written), FK order.

    Alembic's own table and the processes' lease and heartbeats are not the clinic's data.
    """
    meta = MetaData()
    meta.reflect(conn)
    return [t for t in meta.sorted_tables if t.name != "alembic_version" and t.name not in PROCESS_TABLES]


async def snapshot_conn(db: Database) -> AsyncConnection:
    conn = await db.engine.connect()
    await conn.execution_options(isolation_level="REPEATABLE READ")
    return conn


async def _logical_dump(db: Database, archive: Path) -> None:
    conn = await snapshot_conn(db)
    try:
        async with conn.begin():
            await conn.execute(text("SET TRANSACTION READ ONLY"))
            tables = await conn.run_sync(reflect)
            revision = await conn.scalar(text("SELECT version_num FROM alembic_version"))
            with _private(archive) as out, gzip.GzipFile(fileobj=out, mode="wb", compresslevel=6) as gz:
                gz.write(line({"format": FORMAT, "version": 1, "revision": revision}))
                for table in tables:
                    gz.write(line({"table": table.name, "columns": [c.name for c in table.columns]}))
                    order = list(table.primary_key.columns) or list(table.columns)
                    result = await conn.stream(select(table).order_by(*order))
                    async for part in result.partitions(ROWS_PER_READ):
                        # Encoding and compressing in a thread keeps the bot's event loop answering.
                        await asyncio.to_thread(_write_rows, gz, part)
    except BaseException:
        await asyncio.to_thread(_discard, archive)
        raise
    finally:
        await conn.close()


def _write_rows(gz: gzip.GzipFile, rows: Sequence[Row[Any]]) -> None:
    gz.write(b"".join(line(list(row)) for row in rows))


def read_dump(archive: Path) -> Iterator[dict[str, Any] | list[Any]]:
    """The header, then per table its {"table", "columns"} line and its rows."""
    with gzip.open(archive, "rb") as gz:
        for raw in gz:
            yield json.loads(raw, object_hook=decode)


async def _pg_dump(db: Database, dest: Path) -> None:
    """pg_dump's custom format of the bot's schema; the password goes by environment, never argv."""
    url = make_url(db.url)
    async with db.engine.connect() as conn:
        schema = await conn.scalar(text("SELECT current_schema()"))
    env = {**os.environ, "PGHOST": url.host or "", "PGPORT": str(url.port or 5432), "PGUSER": url.username or ""}
    env["PGDATABASE"] = url.database or ""
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    await asyncio.to_thread(lambda: _private(dest).close())  # 0600 before pg_dump writes into it
    proc = await asyncio.create_subprocess_exec(
        "pg_dump", "--format=custom", f"--schema={schema}", f"--file={dest}", env=env, stderr=asyncio.subprocess.PIPE
    )
    _, err = await proc.communicate()
    if proc.returncode != 0:
        await asyncio.to_thread(_discard, dest)
        raise BackupError(f"pg_dump failed: {err.decode(errors='replace').strip().splitlines()[-1:]}")


# --- retention -------------------------------------------------------------------------------------


def backups(to_dir: Path) -> list[Path]:
    """The archives in `to_dir`, oldest first."""
    found = [p for p in to_dir.glob(PREFIX + "*") if p.name.endswith((SQLITE_SUFFIX, LOGICAL_SUFFIX))]
    return sorted(found, key=lambda p: p.name)  # names carry the UTC time


def prune(to_dir: Path, keep: int) -> list[Path]:
    """Remove all but the newest `keep` backups (each with its checksum and pg_dump files)."""
    removed = []
    found = backups(to_dir)
    for archive in found[: max(0, len(found) - keep)]:
        stem = archive.name.split(".", 1)[0]
        for p in (archive, checksum_path(archive), to_dir / (stem + PG_DUMP_SUFFIX)):
            if p.exists():
                p.unlink()
                removed.append(p)
    return removed
