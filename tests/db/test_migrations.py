"""Migrations from empty on SQLite and PostgreSQL, and back down."""

from __future__ import annotations

from sqlalchemy import inspect

from bot.db import migrate
from bot.db.types import Base


async def _tables(db):
    async with db.engine.connect() as conn:
        return set(await conn.run_sync(lambda c: inspect(c).get_table_names()))


async def _check_up_down(db):
    await migrate.upgrade(db.engine)
    assert await migrate.current(db.engine) is not None
    assert set(Base.metadata.tables) <= await _tables(db)
    await migrate.downgrade(db.engine, "base")
    assert await _tables(db) <= {"alembic_version"}
    await migrate.upgrade(db.engine)  # and up again
    assert set(Base.metadata.tables) <= await _tables(db)


async def test_sqlite_from_empty(empty_db):
    await _check_up_down(empty_db)


async def test_postgres_from_empty(empty_pg):
    await _check_up_down(empty_pg)


async def test_models_match_migrations(db):
    """No model change is missing a migration."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    async with db.engine.connect() as conn:
        diff = await conn.run_sync(lambda c: compare_metadata(MigrationContext.configure(c), Base.metadata))
    assert diff == []


async def test_the_database_refuses_an_undeclared_role_or_status(db):
    """Roles and outbox statuses are closed sets: revision 0004 checks them in the database too."""
    import pytest
    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError

    bad = {
        "person": "INSERT INTO person (telegram_id, role, code, display_name, timezone, language, active, reachable,"
        " created_at) VALUES (1, 'king', 'K-1', '', 'UTC', 'en', true, true, '2026-01-01')",
        "outbox": "INSERT INTO outbox (due_at, chat_id, kind, payload, status, attempts, next_try_at, created_at)"
        " VALUES ('2026-01-01', 1, 'notice', 'x', 'lost', 0, '2026-01-01', '2026-01-01')",
    }
    for table, statement in bad.items():
        with pytest.raises(IntegrityError):
            async with db.engine.begin() as conn:
                await conn.execute(text(statement))
        async with db.engine.connect() as conn:
            assert (await conn.execute(text(f"SELECT count(*) FROM {table}"))).scalar_one() == 0
