"""The leader's lease on SQLite and PostgreSQL, with a clock the test moves: no sleeping."""

from __future__ import annotations

import datetime as dt

from bot.db.lease import LeaseStore

T0 = dt.datetime(2026, 12, 4, 12, 0, tzinfo=dt.UTC)
LEASE = dt.timedelta(seconds=8)


class Clock:
    def __init__(self) -> None:
        self.at = T0

    def __call__(self) -> dt.datetime:
        return self.at

    def advance(self, seconds: float) -> None:
        self.at += dt.timedelta(seconds=seconds)


async def _take(db, store, me):  # type: ignore[no-untyped-def]
    async with db.session() as s, s.begin():
        return await store.try_take(s, me)


async def test_one_process_leads_and_the_other_waits_until_the_lease_runs_out(db):
    """A held lease is refused to a second process; once it expires unrenewed, the second takes it."""
    clock = Clock()
    store = LeaseStore(LEASE, clock)
    first = await _take(db, store, "a:1")
    assert first is not None and first.token == 1 and first.previous is None
    assert await _take(db, store, "b:2") is None
    clock.advance(7.9)
    assert await _take(db, store, "b:2") is None
    clock.advance(0.2)
    second = await _take(db, store, "b:2")
    assert second is not None and second.token == 2
    assert second.previous == "a:1" and not second.previous_released


async def test_renewing_keeps_the_lease_and_a_lost_lease_cannot_be_renewed(db):
    """Renewal pushes the expiry on; after a takeover the old holder's renewal and fencing check fail."""
    clock = Clock()
    store = LeaseStore(LEASE, clock)
    taken = await _take(db, store, "a:1")
    assert taken is not None
    for _ in range(5):
        clock.advance(3)
        async with db.session() as s, s.begin():
            assert await store.renew(s, "a:1", taken.token) == clock.at + LEASE
    assert await _take(db, store, "b:2") is None
    clock.advance(9)  # a:1 froze and missed its renewals
    assert await _take(db, store, "b:2") is not None
    async with db.session() as s, s.begin():
        assert await store.renew(s, "a:1", taken.token) is None
        assert not await store.holds(s, "a:1", taken.token)


async def test_the_fencing_check_fails_once_the_lease_has_run_out(db):
    """Even before anyone takes over, an expired lease no longer proves leadership."""
    clock = Clock()
    store = LeaseStore(LEASE, clock)
    taken = await _take(db, store, "a:1")
    assert taken is not None
    async with db.session() as s, s.begin():
        assert await store.holds(s, "a:1", taken.token)
    clock.advance(8)
    async with db.session() as s, s.begin():
        assert not await store.holds(s, "a:1", taken.token)


async def test_a_released_lease_is_taken_at_once_and_says_so(db):
    """Stepping down lets a standby lead without waiting for the expiry."""
    clock = Clock()
    store = LeaseStore(LEASE, clock)
    taken = await _take(db, store, "a:1")
    assert taken is not None
    async with db.session() as s, s.begin():
        assert await store.release(s, "a:1", taken.token)
    clock.advance(0.1)
    second = await _take(db, store, "b:2")
    assert second is not None and second.previous == "a:1" and second.previous_released


async def test_heartbeats_list_every_process_with_its_role_and_last_beat(db):
    """Each process has one row, updated in place; the lease view names the holder."""
    clock = Clock()
    store = LeaseStore(LEASE, clock)
    async with db.session() as s, s.begin():
        await store.beat(s, "a:1", "a", 1, "standby")
        await store.beat(s, "b:2", "b", 2, "standby")
    await _take(db, store, "a:1")
    clock.advance(2)
    async with db.session() as s, s.begin():
        await store.beat(s, "a:1", "a", 1, "leader")
    async with db.session() as s, s.begin():
        lease, procs = await store.read(s)
    assert lease.holder == "a:1" and lease.live(clock.at)
    assert [(p.holder, p.role, p.last_seen) for p in procs] == [("a:1", "leader", clock.at), ("b:2", "standby", T0)]
