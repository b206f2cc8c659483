"""Key rotation on SQLite and PostgreSQL: every encrypted column moves to the new key in batches, the old
and the new key both read meanwhile, and a rotation stopped half-way goes on where it stopped."""

from __future__ import annotations

import asyncio

from sqlalchemy import Text, select, type_coerce

from bot.core import crypto
from bot.db.encryption import encrypted_columns, probe_unreadable, unreadable_values
from bot.db.models import Checkin
from bot.db.rotation import not_current, reencrypt
from bot.db.session import Database
from tests.conftest import TEST_KEY
from tests.support.load import day_of_work, people

NEW_KEY = crypto.generate_key()


async def _load(db: Database, clients: int = 5, days: int = 3) -> None:
    for client in await people(db, clients):
        for day in range(days):
            await day_of_work(db, client, day)


async def readable_only_with_old_key(db: Database) -> dict[str, int]:
    """Search every encrypted column for values the new key alone does not read but the old key does."""
    from cryptography.fernet import Fernet, InvalidToken

    new, old = Fernet(NEW_KEY.encode()), Fernet(TEST_KEY.encode())
    found: dict[str, int] = {}
    async with db.session() as s:
        for table, column in encrypted_columns():
            for value in (await s.scalars(select(type_coerce(column, Text)).where(column.is_not(None)))).all():
                token = value.removeprefix(crypto.PREFIX).encode()
                try:
                    new.decrypt(token)
                    continue
                except InvalidToken:
                    old.decrypt(token)  # raises if neither key reads it
                name = f"{table.name}.{column.name}"
                found[name] = found.get(name, 0) + 1
    return found


async def _notes(db: Database) -> list[str | None]:
    async with db.session() as s:
        return list((await s.scalars(select(Checkin.note).order_by(Checkin.id))).all())


async def test_rotation_leaves_no_value_that_only_the_old_key_reads(db: Database) -> None:
    """After the rotation every column's values read with the new key alone, and say what they said."""
    await _load(db)
    before = await _notes(db)
    assert (await readable_only_with_old_key(db))["checkin.note"] == 15
    crypto.configure(NEW_KEY, [TEST_KEY])
    report = {r.column: r.rotated for r in await reencrypt(db, batch=4)}
    assert report["checkin.note"] == 15 and report["flag.explanation"] == 5
    assert await readable_only_with_old_key(db) == {}
    crypto.configure(NEW_KEY)  # the old key dropped: everything still reads
    assert await _notes(db) == before
    assert await unreadable_values(db) == {}


async def test_a_killed_rotation_resumes_where_it_stopped(db: Database) -> None:
    """Stopped after two batches, the next run skips what already has the new key and finishes the rest."""
    await _load(db)
    crypto.configure(NEW_KEY, [TEST_KEY])
    first = await reencrypt(db, batch=3, max_batches=2)
    assert sum(r.rotated for r in first) == 6  # conversation_state is empty: its column ends at once
    left = await not_current(db)
    assert sum(left.values()) > 0
    again = await reencrypt(db, batch=3)
    assert sum(r.current for r in again) == 6  # the six already done were skipped, not written again
    assert sum(r.rotated for r in again) == sum(left.values())
    assert await not_current(db) == {} and await readable_only_with_old_key(db) == {}


async def test_during_the_rotation_both_keys_read_and_the_bot_keeps_writing(db: Database) -> None:
    """Check-ins written while the rotation runs (new key) and rows not yet reached (old key) all read."""
    await _load(db, clients=4, days=2)
    clients = await people_ids(db)
    crypto.configure(NEW_KEY, [TEST_KEY])

    async def bot_writes() -> None:
        for day in range(2, 6):
            for client in clients:
                await day_of_work(db, client, day)

    await asyncio.gather(reencrypt(db, batch=2), bot_writes())
    notes = await _notes(db)
    assert len(notes) == 4 * 6 and all(n and n.startswith("day ") for n in notes)
    assert await readable_only_with_old_key(db) == {}


async def people_ids(db: Database) -> list[int]:
    async with db.session() as s:
        return sorted(set((await s.scalars(select(Checkin.person_id))).all()))


async def test_the_start_check_finds_a_wrong_key_and_then_counts_per_column(db: Database) -> None:
    """A wrong key fails the cheap probe at start; the full count names each column and how many values."""
    await _load(db, clients=3, days=2)
    assert not await probe_unreadable(db)
    crypto.configure(NEW_KEY)
    assert await probe_unreadable(db)
    # outbox: one alert push per alert (the receipt waits until a push is delivered)
    assert await unreadable_values(db) == {"checkin.note": 6, "flag.explanation": 3, "outbox.payload": 3}
    crypto.configure(NEW_KEY, [TEST_KEY])  # the earlier key listed, as during a rotation: all read
    assert not await probe_unreadable(db) and await unreadable_values(db) == {}
