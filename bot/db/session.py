"""The async engine and session factory. Services own transactions; repositories never commit."""

from __future__ import annotations

import re
from typing import Any, cast

from sqlalchemy import CursorResult, Result, Select, event, update
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

from bot.db import sqlite_writes


def affected(result: Result[Any]) -> int:
    """Rows an INSERT, UPDATE or DELETE touched (AsyncSession.execute is typed as returning a plain Result)."""
    return int(cast(CursorResult[Any], result).rowcount or 0)


async def claim(session: AsyncSession, is_postgres: bool, model: Any, due: Select[Any], lease_until: Any) -> list[int]:
    """Lease the rows `due` selects (their ids) until `lease_until`; the ids claimed, sorted.

    Durable timers (escalations, follow-ups) are claimed the way the outbox claims messages: a
    lease, and on PostgreSQL SKIP LOCKED so two processes never take the same row.
    """
    if is_postgres:
        due = due.with_for_update(skip_locked=True)
    stmt = update(model).where(model.id.in_(due.scalar_subquery())).values(lease_until=lease_until).returning(model.id)
    return sorted((await session.execute(stmt, execution_options={"synchronize_session": False})).scalars())


SQLITE_BUSY_TIMEOUT = 30.0  # seconds; a longer wait than sqlite3's 5 lets the delivery loop and handlers share one file


def busy_timeout(engine_kwargs: dict[str, Any]) -> float:
    """The SQLite busy timeout these engine arguments give: also how long a writer waits for the process's lock."""
    return float(engine_kwargs.get("connect_args", {}).get("timeout", SQLITE_BUSY_TIMEOUT))


def make_engine(url: str, **kwargs: Any) -> AsyncEngine:
    # A failing statement must not print its parameters: they can hold what a client wrote.
    kwargs.setdefault("hide_parameters", True)
    if url.startswith("sqlite"):
        kwargs["connect_args"] = {**kwargs.get("connect_args", {}), "timeout": busy_timeout(kwargs)}
    engine = create_async_engine(url, **kwargs)
    if url.startswith("sqlite"):

        @event.listens_for(engine.sync_engine, "connect")
        def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

    return engine


# Statements that change the person table, however issued (ORM flush, bulk UPDATE, raw SQL).
_PERSON_WRITE = re.compile(r'^\s*(?:UPDATE|INSERT\s+INTO|DELETE\s+FROM)\s+"?person"?[\s(]', re.IGNORECASE)


class Database:
    """Owns the engine; `db.session()` opens a unit of work."""

    def __init__(self, url: str, **engine_kwargs: Any) -> None:
        self.url = url
        self.engine = make_engine(url, **engine_kwargs)
        # SQLite: this process's writers take turns in order (bot.db.sqlite_writes).
        self.writes = (
            sqlite_writes.install(self.engine, busy_timeout(engine_kwargs)) if url.startswith("sqlite") else None
        )
        self.session = async_sessionmaker(self.engine, expire_on_commit=False, class_=AsyncSession)
        # Bumped when a statement writes the person table and again when its transaction
        # ends, so a cache of people (bot.domain.people.directory.PersonCache) can tell it is stale.
        self.people_generation = 0
        event.listen(self.engine.sync_engine, "begin", self._transaction_began)
        event.listen(self.engine.sync_engine, "after_cursor_execute", self._after_execute)
        event.listen(self.engine.sync_engine, "commit", self._transaction_ended)
        event.listen(self.engine.sync_engine, "rollback", self._transaction_ended)

    def _transaction_began(self, conn: Any) -> None:
        # What a reader in this transaction may have seen is at most this fresh.
        conn.info["people_generation"] = self.people_generation

    def _after_execute(self, conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if _PERSON_WRITE.match(statement):
            self.people_generation += 1
            conn.info["wrote_people"] = True

    def _transaction_ended(self, conn: Any) -> None:
        if conn.info.pop("wrote_people", False):
            self.people_generation += 1

    @property
    def is_postgres(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    async def dispose(self) -> None:
        await self.engine.dispose()
