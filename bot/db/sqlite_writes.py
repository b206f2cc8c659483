"""One writer at a time on a SQLite file, queued inside the process instead of by SQLite's busy wait.

SQLite lets one transaction write at a time. The others poll, sleeping longer each time, and
give up with "database is locked" after the busy timeout; under a burst (500 clients checking in
at once) the polling is unfair and some give up. Here a write transaction first takes an
asyncio lock, held from its first INSERT, UPDATE or DELETE (where Python's sqlite3 opens the
transaction) until it commits or rolls back, so writers of this process take turns in order
and SQLite's own wait is left for other processes (a backup, `python -m bot` commands).

A transaction that waits longer than the busy timeout fails as SQLite would, with "database is
locked", so the update is retried as before; a wait can never hang for good.
"""

from __future__ import annotations

import asyncio
import re
import sqlite3
import weakref
from typing import Any

from sqlalchemy import event
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.util import await_only

# The statements with which Python's sqlite3 opens a transaction (and SQLite takes the write lock).
_WRITE = re.compile(r"^\s*(?:INSERT|UPDATE|DELETE|REPLACE)\b", re.IGNORECASE)
_HELD = "iop_write_lock"  # key in the connection's info: this connection holds the lock


class WriteLock:
    """The in-process queue of writers for one engine (one lock per event loop)."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self._locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = weakref.WeakKeyDictionary()
        self.waits = 0  # writers that found the lock taken (for bench figures)

    def _lock(self) -> asyncio.Lock:
        loop = asyncio.get_running_loop()
        lock = self._locks.get(loop)
        if lock is None:
            lock = self._locks[loop] = asyncio.Lock()
        return lock

    async def acquire(self, statement: str) -> asyncio.Lock:
        lock = self._lock()
        if lock.locked():
            self.waits += 1
        try:
            await asyncio.wait_for(lock.acquire(), self.timeout)
        except TimeoutError:
            raise OperationalError(statement, None, sqlite3.OperationalError("database is locked")) from None
        return lock


def install(engine: AsyncEngine, timeout: float) -> WriteLock:
    """Queue the engine's write transactions behind one lock; returns it."""
    writes = WriteLock(timeout)

    @event.listens_for(engine.sync_engine, "before_cursor_execute")
    def _before(conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if _HELD in conn.info or not _WRITE.match(statement):
            return
        # Event hooks run inside SQLAlchemy's greenlet, where await_only may wait on the loop.
        conn.info[_HELD] = await_only(writes.acquire(statement))

    def _release(info: dict[str, Any]) -> None:
        lock = info.pop(_HELD, None)
        if lock is not None and lock.locked():
            lock.release()

    # Released when the transaction ends, and when the pool resets or drops a connection
    # that was returned without either (a task cancelled mid-transaction).
    event.listen(engine.sync_engine, "commit", lambda conn: _release(conn.info))
    event.listen(engine.sync_engine, "rollback", lambda conn: _release(conn.info))
    pool = engine.sync_engine.pool
    event.listen(pool, "reset", lambda _dbapi, record, *_a: _release(record.info))
    event.listen(pool, "invalidate", lambda _dbapi, record, *_a: _release(record.info))
    event.listen(pool, "close", lambda _dbapi, record: _release(record.info))
    return writes
