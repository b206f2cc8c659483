"""One clinic's schema when several clinics share one PostgreSQL database (`DATABASE_SCHEMA`).

Every connection of a clinic's engine starts with `search_path` set to its schema alone, so
the models' unqualified table names, raw SQL and Alembic's version table all land in that
schema: the migrations run per schema, and no statement can reach another clinic's tables
without naming them. An empty `DATABASE_SCHEMA` keeps the database's default (`public`).
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import text

from bot.db import migrate
from bot.db.session import Database

_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


def engine_kwargs(url: str, schema: str = "") -> dict[str, Any]:
    """Engine arguments that pin every connection to `schema` (PostgreSQL; nothing for an empty schema).

    Connections are named `iop:<schema>` in pg_stat_activity, so a shared server shows each clinic's."""
    if not url.startswith("postgresql"):
        if schema:
            raise ValueError("a schema per clinic needs PostgreSQL")
        return {}
    if not schema:
        return {"connect_args": {"server_settings": {"application_name": "iop:public"}}}
    if not _NAME.fullmatch(schema):
        raise ValueError(f"not a schema name: {schema!r}")
    return {"connect_args": {"server_settings": {"search_path": schema, "application_name": f"iop:{schema}"}}}


def open_database(url: str, schema: str = "", **engine_kwargs_: Any) -> Database:
    """The clinic's Database: its URL, pinned to its schema when it has one."""
    return Database(url, **engine_kwargs(url, schema), **engine_kwargs_)


async def ensure_schema(url: str, schema: str) -> None:
    """Create the clinic's schema if it is missing (its tables come from the migrations)."""
    if not schema:
        return
    admin = Database(url)  # the default search_path: the schema may not exist yet
    try:
        async with admin.engine.begin() as conn:
            await conn.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
    finally:
        await admin.dispose()


async def prepare(url: str, schema: str = "") -> None:
    """Create the schema if needed and bring it to head; each clinic's schema has its own alembic_version."""
    engine_kwargs(url, schema)  # refuses a bad name before any SQL is built from it
    await ensure_schema(url, schema)
    db = open_database(url, schema)
    try:
        await migrate.upgrade(db.engine)
    finally:
        await db.dispose()
