"""Shared fixtures: settings, databases (SQLite and PostgreSQL), the offline bot harness, the Bot API stand-in."""

from __future__ import annotations

import os
import secrets
import time
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import pytest
import time_machine
from sqlalchemy import text as sql
from sqlalchemy.ext.asyncio import create_async_engine

from bot.core import crypto
from bot.core.config import Settings
from bot.db import migrate
from bot.db.session import Database
from standin import Limits, StandIn
from tests.support.harness import Harness, running

PG_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test")
TEST_KEY = crypto.generate_key()
TOKEN = "123456:TEST-TOKEN"  # the bot's token in every test; the stand-in gives it the bot's profile


def make_settings(tmp_path: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "bot_token": TOKEN,
        "database_url": f"sqlite+aiosqlite:///{tmp_path / 'test.sqlite3'}",
        "telegram_api_base_url": "http://127.0.0.1:9/bot",
        "clinic_name": "Riverside Recovery",
        "clinic_timezone": "America/New_York",
        "encryption_key": TEST_KEY,
        "text_overrides_dir": str(tmp_path),  # never a developer's own data/texts.*.yaml
        "_env_file": None,
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture(autouse=True, scope="session")
def _wall_clock() -> Iterator[None]:
    """IOP_TEST_WALL_CLOCK=2026-12-08T01:30Z runs the suite as if started then (the clock ticks on).

    Tests that control time must not depend on when they run; this finds the ones that do
    without waiting for the evening that breaks them. Unset, the real clock is used.
    """
    at = os.environ.get("IOP_TEST_WALL_CLOCK")
    if not at:
        yield
        return
    with time_machine.travel(at, tick=True):
        yield


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path)


async def _postgres_reachable() -> bool:
    engine = create_async_engine(PG_URL)
    try:
        async with engine.connect() as conn:
            await conn.execute(sql("select 1"))
        return True
    except Exception:
        return False
    finally:
        await engine.dispose()


async def _postgres_schema_db() -> tuple[Database, str]:
    """A fresh schema per test keeps PostgreSQL tests isolated and fast."""
    if not await _postgres_reachable():
        if os.environ.get("REQUIRE_POSTGRES") == "1":
            pytest.fail(f"PostgreSQL is required but not reachable at {PG_URL}")
        pytest.skip(f"PostgreSQL not reachable at {PG_URL}")
    schema = "t_" + secrets.token_hex(6)
    admin = create_async_engine(PG_URL)
    async with admin.begin() as conn:
        await conn.execute(sql(f'CREATE SCHEMA "{schema}"'))
    await admin.dispose()
    return Database(PG_URL, connect_args={"server_settings": {"search_path": schema}}), schema


async def _drop_schema(schema: str) -> None:
    admin = create_async_engine(PG_URL)
    async with admin.begin() as conn:
        await conn.execute(sql(f'DROP SCHEMA "{schema}" CASCADE'))
    await admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    """A migrated, empty database: once on SQLite, once on PostgreSQL."""
    crypto.configure(TEST_KEY)
    schema = None
    if request.param == "sqlite":
        database = Database(f"sqlite+aiosqlite:///{tmp_path / 'db.sqlite3'}")
    else:
        database, schema = await _postgres_schema_db()
    await migrate.upgrade(database.engine)
    try:
        yield database
    finally:
        await database.dispose()
        if schema:
            await _drop_schema(schema)


@pytest.fixture
async def empty_db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    """An unmigrated SQLite database."""
    database = Database(f"sqlite+aiosqlite:///{tmp_path / 'empty.sqlite3'}")
    yield database
    await database.dispose()


@pytest.fixture
async def empty_pg() -> AsyncIterator[Database]:
    """An unmigrated PostgreSQL schema."""
    database, schema = await _postgres_schema_db()
    try:
        yield database
    finally:
        await database.dispose()
        await _drop_schema(schema)


@pytest.fixture
async def harness(settings: Settings) -> AsyncIterator[Harness]:
    """The real Application with an offline Bot API, on a migrated SQLite database."""
    async with running(settings) as h:
        yield h


@pytest.fixture
def standin_limits() -> Limits:
    """The rules the `standin` fixture enforces: all of Telegram's. Override or parametrize to relax some."""
    return Limits()


@pytest.fixture
def standin_clock() -> Callable[[], float]:
    """The clock of the stand-in's flood limits: real time unless overridden (tests/standin uses a manual one)."""
    return time.monotonic


@pytest.fixture
async def standin(standin_limits: Limits, standin_clock: Callable[[], float]) -> AsyncIterator[StandIn]:
    """A Bot API stand-in on a free loopback port, stopped afterwards."""
    # Short hangs and quick webhook retries keep fault tests fast; e2e faults set their own delays.
    server = StandIn(
        token=TOKEN,
        limits=standin_limits,
        clock=standin_clock,
        hang_seconds=5.0,
        webhook_retry_delays=(0.01, 0.05, 0.2),
    )
    await server.start()
    try:
        yield server
    finally:
        await server.stop()
