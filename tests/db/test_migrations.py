"""Migrations from empty on SQLite and PostgreSQL, and back down."""

from __future__ import annotations

from sqlalchemy import inspect

from bot.db import migrate
from bot.db.models import Base


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
