"""SQLite writers of one process take turns behind a lock instead of polling the file and giving up.

Each test holds a write transaction open across an await (as an update holds one across a
reply to Telegram) and checks what a second writer gets meanwhile."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from bot.db import sqlite_writes
from bot.db.session import Database
from bot.services.uow import is_locked

BUSY = 0.05  # SQLite's busy timeout here, and the longest wait for the lock


async def _database(path: Path) -> Database:
    db = Database(f"sqlite+aiosqlite:///{path}", connect_args={"timeout": BUSY})
    async with db.engine.begin() as conn:
        await conn.execute(text("CREATE TABLE note (id INTEGER PRIMARY KEY, who TEXT)"))
    return db


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await _database(tmp_path / "w.sqlite3")
    yield database
    await database.engine.dispose()


async def _holder(db: Database, wrote: asyncio.Event, finish: asyncio.Event, *, fail: bool = False) -> None:
    """Write, say so, wait for `finish` with the transaction open, then commit (or raise)."""
    async with db.session() as s, s.begin():
        await s.execute(text("INSERT INTO note (who) VALUES ('first')"))
        wrote.set()
        await finish.wait()
        if fail:
            raise RuntimeError("the update failed")


async def _write(db: Database, who: str) -> None:
    async with db.session() as s, s.begin():
        await s.execute(text("INSERT INTO note (who) VALUES (:who)"), {"who": who})


async def _rows(db: Database) -> list[str]:
    async with db.session() as s:
        return list((await s.execute(text("SELECT who FROM note ORDER BY id"))).scalars())


def _spy_queue(db: Database) -> asyncio.Event:
    """An event set when a writer asks for the lock."""
    assert db.writes is not None
    asked = asyncio.Event()
    real = db.writes.acquire

    async def acquire(statement: str) -> asyncio.Lock:
        asked.set()
        return await real(statement)

    db.writes.acquire = acquire  # type: ignore[method-assign]
    return asked


async def test_a_second_writer_waits_its_turn_and_is_stored_after_the_first(db: Database) -> None:
    wrote, finish = asyncio.Event(), asyncio.Event()
    first = asyncio.create_task(_holder(db, wrote, finish))
    await wrote.wait()
    asked = _spy_queue(db)
    second = asyncio.create_task(_write(db, "second"))
    await asked.wait()  # queued behind the first, well inside the busy timeout
    finish.set()
    await asyncio.gather(first, second)
    assert await _rows(db) == ["first", "second"]
    assert db.writes is not None and db.writes.waits == 1


async def test_without_the_lock_sqlite_alone_gives_up_on_the_second_writer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Why the lock is there: the same two writers on a bare engine lose the second's row."""
    monkeypatch.setattr(sqlite_writes, "install", lambda _engine, _timeout: None)
    bare = await _database(tmp_path / "bare.sqlite3")
    wrote, finish = asyncio.Event(), asyncio.Event()
    first = asyncio.create_task(_holder(bare, wrote, finish))
    await wrote.wait()
    with pytest.raises(OperationalError) as failed:
        await _write(bare, "second")
    finish.set()
    await first
    assert is_locked(failed.value)
    assert await _rows(bare) == ["first"]
    await bare.engine.dispose()


async def test_a_rolled_back_writer_lets_the_next_one_in(db: Database) -> None:
    wrote, finish = asyncio.Event(), asyncio.Event()
    first = asyncio.create_task(_holder(db, wrote, finish, fail=True))
    await wrote.wait()
    asked = _spy_queue(db)
    second = asyncio.create_task(_write(db, "second"))
    await asked.wait()
    finish.set()
    with pytest.raises(RuntimeError):
        await first
    await second
    assert await _rows(db) == ["second"]


async def test_a_writer_cancelled_mid_transaction_lets_the_next_one_in(db: Database) -> None:
    wrote, never = asyncio.Event(), asyncio.Event()
    first = asyncio.create_task(_holder(db, wrote, never))
    await wrote.wait()
    first.cancel()
    with pytest.raises(asyncio.CancelledError):
        await first
    await _write(db, "second")
    assert await _rows(db) == ["second"]


async def test_a_wait_longer_than_the_busy_timeout_fails_as_locked_so_the_update_is_retried(db: Database) -> None:
    wrote, finish = asyncio.Event(), asyncio.Event()
    first = asyncio.create_task(_holder(db, wrote, finish))
    await wrote.wait()
    with pytest.raises(OperationalError) as failed:
        await _write(db, "second")  # the first never lets go within BUSY
    assert is_locked(failed.value)
    finish.set()
    await first
    await _write(db, "third")  # the lock is free again, and the failed writer holds nothing
    assert await _rows(db) == ["first", "third"]


async def test_reads_never_wait_for_a_writer(db: Database) -> None:
    wrote, finish = asyncio.Event(), asyncio.Event()
    first = asyncio.create_task(_holder(db, wrote, finish))
    await wrote.wait()
    assert await _rows(db) == []  # WAL: the reader sees the last commit, at once
    finish.set()
    await first


async def test_postgresql_has_no_process_lock() -> None:
    assert Database("postgresql+asyncpg://nobody@127.0.0.1/test").writes is None
