"""The guard's person cache: a hit saves the query; any write to the person table makes it stale."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import event, select, text, update

from bot.db.models import Person, Role
from bot.domain.people import directory, enrollment
from bot.domain.people.directory import PersonCache
from tests.support import tx
from tests.support.tx import in_tx


async def enrolled(db, telegram_id: int) -> int:  # type: ignore[no-untyped-def]
    issued = await in_tx(db, enrollment.create_invite, Role.CLIENT)
    inv = await tx.check_code(db, telegram_id, issued.code)
    person = await in_tx(
        db,
        enrollment.enroll,
        telegram_id,
        inv.id,
        timezone="UTC",
        checkin_time=dt.time(9),
        consent_version="v1",
    )
    return person.id


class Queries:
    def __init__(self, db) -> None:  # type: ignore[no-untyped-def]
        self.n = 0
        event.listen(db.engine.sync_engine, "before_cursor_execute", self._count)

    def _count(self, *_args: Any) -> None:
        self.n += 1


async def lookup(db, cache: PersonCache, telegram_id: int) -> directory.PersonView | None:  # type: ignore[no-untyped-def]
    async with db.session() as s, s.begin():
        return await cache.by_telegram_id(s, telegram_id)


async def test_a_second_lookup_costs_no_query(db):
    await enrolled(db, 11)
    cache, queries = PersonCache(db), Queries(db)
    first = await lookup(db, cache, 11)
    after_first = queries.n
    assert await lookup(db, cache, 11) == first and queries.n == after_first
    assert await lookup(db, cache, 99) is None  # strangers are not cached
    assert await lookup(db, cache, 99) is None and queries.n == after_first + 2


@pytest.mark.parametrize("how", ["orm", "bulk", "raw"])
async def test_any_write_to_the_person_table_is_seen_at_once(db, how):
    pid = await enrolled(db, 12)
    cache = PersonCache(db)
    assert (await lookup(db, cache, 12)).active
    async with db.session() as s, s.begin():
        if how == "orm":
            (await s.get(Person, pid)).active = False
        elif how == "bulk":
            await s.execute(update(Person).where(Person.id == pid).values(active=False))
        else:
            await s.execute(text("UPDATE person SET active = :a WHERE id = :i"), {"a": False, "i": pid})
    assert not (await lookup(db, cache, 12)).active


async def test_entries_expire_after_the_ttl(db):
    await enrolled(db, 13)
    cache, queries = PersonCache(db, ttl=0.0), Queries(db)
    await lookup(db, cache, 13)
    before = queries.n
    await lookup(db, cache, 13)
    assert queries.n > before


async def test_a_lookup_in_a_transaction_older_than_a_change_is_not_stored(db):
    """Its snapshot may predate a change committed meanwhile (SQLite), so it must not be kept."""
    pid = await enrolled(db, 14)
    cache, queries = PersonCache(db), Queries(db)
    async with db.session() as s, s.begin():
        await s.execute(select(Person.id))
        async with db.session() as other, other.begin():
            (await other.get(Person, pid)).display_name = "changed meanwhile"
        assert await cache.by_telegram_id(s, 14) is not None
    before = queries.n
    await lookup(db, cache, 14)
    assert queries.n > before
