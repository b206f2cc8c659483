"""A process's side of the lease: it leads only while its lease is trusted, and fences itself in time.

The clock is injected: a "frozen" process is one whose clock jumps while it did nothing.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from telegram.error import NetworkError
from telegram.request import BaseRequest

from bot.db.models import OutboxMessage, Person, Role
from bot.delivery import outbox
from bot.entry import leader
from bot.services.leadership import FencedDelivery, Leadership
from tests.db.test_leader_lease import Clock


class Counting(BaseRequest):
    """A transport that only counts what would have gone out."""

    calls = 0

    @property
    def read_timeout(self) -> float | None:
        return None

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def do_request(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        self.calls += 1
        return 200, b'{"ok": true, "result": true}'


LEASE, RENEW = dt.timedelta(seconds=8), dt.timedelta(seconds=2)


def _process(db, clock: Clock, pid: int) -> Leadership:  # type: ignore[no-untyped-def]
    return Leadership(db, lease=LEASE, renew=RENEW, clock=clock, host="h", pid=pid)


async def test_a_leader_that_cannot_renew_stops_before_its_lease_runs_out(db):
    """Trust ends a margin before the expiry a standby goes by, so the two never overlap."""
    clock = Clock()
    a, b = _process(db, clock, 1), _process(db, clock, 2)
    assert await a.try_lead() is not None and a.holds()
    clock.advance(6.9)
    assert a.holds()
    clock.advance(0.2)  # 7.1 s: past lease - margin, and no renewal came
    assert not a.holds()
    assert await b.try_lead() is None  # the standby still waits: the lease itself runs 8 s
    clock.advance(1)
    assert await b.try_lead() is not None and b.holds()


async def test_a_frozen_leader_that_wakes_sends_nothing_and_steps_down(db):
    """SIGSTOP past the lease: on waking its requests are refused, its renewal fails, its batch is empty."""
    clock = Clock()
    a, b = _process(db, clock, 1), _process(db, clock, 2)
    await a.try_lead()
    request = Counting()
    fenced = a.wrap(request)
    await fenced.do_request("https://api.example/bot1:x/sendMessage", "POST")
    assert request.calls == 1
    clock.advance(30)  # frozen
    await b.try_lead()
    with pytest.raises(NetworkError):
        await fenced.do_request("https://api.example/bot1:x/sendMessage", "POST")
    assert request.calls == 1
    async with db.session() as s, s.begin():
        await outbox.enqueue(s, chat_id=5, kind="notice", text="queued")
    delivery = FencedDelivery(db, None, leadership=a)  # type: ignore[arg-type]
    assert await delivery.claim() == []
    assert not await a.renew_once() and a.token is None
    async with db.session() as s:
        assert (await s.execute(select(OutboxMessage.status))).scalar_one() == "pending"


async def test_renewing_keeps_a_leader_trusted(db):
    """Each renewal moves the deadline on from the moment it started."""
    clock = Clock()
    a = _process(db, clock, 1)
    await a.try_lead()
    for _ in range(10):
        clock.advance(2)
        assert await a.renew_once()
    assert a.holds() and await a.confirm()


async def test_admins_are_told_through_the_outbox_when_leadership_changes(db):
    """A takeover queues one notice per admin; the first leader and a re-take by the same process queue none."""
    async with db.session() as s, s.begin():
        s.add(Person(telegram_id=700, role=Role.ADMIN, code="A-1", timezone="UTC"))
        s.add(Person(telegram_id=701, role=Role.STAFF, code="S-1", timezone="UTC"))
    clock = Clock()
    a, b = _process(db, clock, 1), _process(db, clock, 2)
    await a.try_lead()
    clock.advance(9)
    await a.try_lead()  # its own lease ran out, nobody else took it: no news
    clock.advance(9)
    await b.try_lead()
    async with db.session() as s:
        rows = (await s.execute(select(OutboxMessage.chat_id, OutboxMessage.payload))).all()
    assert [chat for chat, _ in rows] == [700]
    assert "h:2" in rows[0][1] and "h:1" in rows[0][1] and "stopped answering" in rows[0][1]


async def test_status_names_the_leader_and_every_heartbeat(db):
    """`python -m bot status`: the leader, since when, each process's last heartbeat (PostgreSQL)."""
    if not db.is_postgres:
        assert (await leader.status_lines(db))[0].startswith("leader: no lease on SQLite")
        return
    clock = Clock()
    a, b = _process(db, clock, 1), _process(db, clock, 2)
    await a.try_lead()
    await b.beat()
    clock.advance(3)
    await a.renew_once()
    lines = await leader.status_lines(db, at=clock.at)
    assert lines[0].startswith("leader: h:1 since 2026-12-04 12:00:00 UTC (renewed 0 s ago")
    assert lines[1] == "processes: 2"
    assert "h:1" in lines[2] and "leader" in lines[2] and "last heartbeat 0 s ago" in lines[2]
    assert "h:2" in lines[3] and "standby" in lines[3] and "last heartbeat 3 s ago" in lines[3]
    clock.advance(9)  # h:1 was killed: its row stays, marked silent once older than a lease
    await b.beat()
    lines = await leader.status_lines(db, at=clock.at)
    assert lines[0].startswith("leader: none now (h:1 stopped renewing")
    assert "h:2" in lines[2] and "standby" in lines[2]
    assert "h:1" in lines[3] and "silent" in lines[3] and "last heartbeat 9 s ago" in lines[3]


def test_a_second_process_on_sqlite_is_refused_in_one_line(tmp_path: Path) -> None:
    """SQLite is single-process: the lock beside the database names the holder and the way out."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'iop.sqlite3'}"
    assert leader.hold_sqlite_lock(url) is None
    try:
        refusal = leader.hold_sqlite_lock(url)
        assert refusal is not None and "\n" not in refusal
        assert "is in use by a running bot (pid" in refusal and "PostgreSQL" in refusal
    finally:
        leader._held.pop().close()
    assert leader.hold_sqlite_lock(url) is None  # free again once the first let go
    leader._held.pop().close()


async def test_fencing_never_lifts_even_when_the_lease_could_still_be_renewed(db):
    """Past its trusted deadline a leader stops for good (its dropped updates stay unconfirmed); it may lead anew."""
    clock = Clock()
    a = _process(db, clock, 1)
    first = await a.try_lead()
    clock.advance(7.5)  # the lease itself still runs half a second; nobody took it
    assert not await a.renew_once() and not a.holds()
    again = await a.try_lead()
    assert first is not None and again is not None and again.token == first.token + 1
