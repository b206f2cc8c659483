"""The audit table is append-only at the database: INSERT works, UPDATE and DELETE are refused."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, func, select, text, update
from sqlalchemy.exc import DBAPIError

from bot.db import migrate
from bot.db.models import AuditEntry
from bot.domain.records import audit


async def _insert(db) -> None:  # type: ignore[no-untyped-def]
    async with db.session() as s, s.begin():
        audit.record(s, "test.action", actor_person_id=1, note="first")


async def _count(db) -> int:  # type: ignore[no-untyped-def]
    async with db.session() as s:
        return int((await s.execute(select(func.count()).select_from(AuditEntry))).scalar_one())


async def test_insert_works(db):
    await _insert(db)
    await _insert(db)
    assert await _count(db) == 2


async def test_update_is_refused(db):
    await _insert(db)
    with pytest.raises(DBAPIError, match="append-only"):
        async with db.session() as s, s.begin():
            await s.execute(update(AuditEntry).values(action="tampered"))
    async with db.session() as s:
        assert (await s.execute(select(AuditEntry.action))).scalar_one() == "test.action"


async def test_delete_is_refused(db):
    await _insert(db)
    with pytest.raises(DBAPIError, match="append-only"):
        async with db.session() as s, s.begin():
            await s.execute(delete(AuditEntry))
    assert await _count(db) == 1


@pytest.mark.postgres
async def test_truncate_is_refused_on_postgres(empty_pg):
    db = empty_pg
    await migrate.upgrade(db.engine)
    await _insert(db)
    with pytest.raises(DBAPIError, match="append-only"):
        async with db.engine.begin() as conn:
            await conn.execute(text("TRUNCATE audit"))
    assert await _count(db) == 1


async def test_downgrade_lifts_the_guard(db):
    """The revision before it has no triggers: downgrading removes them cleanly."""
    await migrate.downgrade(db.engine, "0003")
    await _insert(db)
    async with db.session() as s, s.begin():
        await s.execute(delete(AuditEntry))
    assert await _count(db) == 0
    await migrate.upgrade(db.engine)
    await _insert(db)
    with pytest.raises(DBAPIError, match="append-only"):
        async with db.session() as s, s.begin():
            await s.execute(delete(AuditEntry))
