"""Hot standby: one process of a clinic leads (polls or serves the webhook, delivers, runs the jobs).

The lease is a row in the clinic's database (bot/db/lease.py says why a row and not an advisory
lock). A process waits as a standby, heartbeating, until the lease is free or has run out; it
takes it, and only then is its Application built, so conversation state is read fresh. The
leader renews every `renew` seconds. It is **self-fencing**: from the start of its last
successful renewal it trusts its lease for `lease - margin` only; past that, every Bot API
request is refused in the process (`FencedRequest`) before anything goes out, and every outbox
batch first proves the lease with its token in the database (`FencedDelivery`). A leader frozen
by SIGSTOP that wakes finds its clock past that deadline and sends nothing; it steps back to
standby. Admins are told through the outbox whenever leadership changes hands.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import html
import logging
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from telegram.error import NetworkError
from telegram.request import BaseRequest, RequestData

from bot import texts
from bot.core.clock import now
from bot.db.lease import Clock, LeaseStore, Taken
from bot.db.models import OutboxKind, Person, Role
from bot.db.session import Database
from bot.delivery import outbox
from bot.domain.records.outbox import enqueue
from bot.texts import catalogue

log = logging.getLogger("iop.leader")


def process_name() -> tuple[str, int]:
    return socket.gethostname(), os.getpid()


class Leadership:
    """This process's side of the lease: wait, take, renew, fence, step down."""

    def __init__(
        self,
        db: Database,
        *,
        lease: dt.timedelta,
        renew: dt.timedelta,
        clock: Clock = now,
        host: str | None = None,
        pid: int | None = None,
    ) -> None:
        default_host, default_pid = process_name()
        self.db = db
        self.host, self.pid = host or default_host, pid if pid is not None else default_pid
        self.me = f"{self.host}:{self.pid}"
        self.store = LeaseStore(lease, clock)
        self.clock = clock
        self.lease, self.renew_every = lease, renew
        # Trust stops this long before the lease runs out, so a standby never overlaps a leader that
        # still believes in its lease (clocks assumed to agree within the margin).
        self.margin = max(dt.timedelta(seconds=1), renew / 2)
        self.token: int | None = None
        self.trusted_until: dt.datetime | None = None

    def holds(self) -> bool:
        """Whether this process may act as leader now: a lease, and its own deadline not passed."""
        return self.token is not None and self.trusted_until is not None and self.clock() < self.trusted_until

    async def beat(self) -> None:
        async with self.db.session() as s, s.begin():
            await self.store.beat(s, self.me, self.host, self.pid, "leader" if self.holds() else "standby")

    async def try_lead(self) -> Taken | None:
        """Take the lease if it is free; tell the admins in the same transaction when it changed hands."""
        started = self.clock()
        async with self.db.session() as s, s.begin():
            taken = await self.store.try_take(s, self.me)
            if taken is not None and taken.previous not in (None, self.me):
                await _tell_admins(s, taken, self.me)
            await self.store.beat(s, self.me, self.host, self.pid, "leader" if taken else "standby")
        if taken is not None:
            self.token, self.trusted_until = taken.token, started + self.lease - self.margin
            log.info("leading now (lease token %d, was %s)", taken.token, taken.previous or "nobody")
        return taken

    async def wait_to_lead(self, stop: asyncio.Event) -> bool:
        """Wait as a standby until this process leads (True) or `stop` is set (False)."""
        log.info("%s waits as a standby", self.me)
        while not stop.is_set():
            try:
                if await self.try_lead() is not None:
                    return True
            except Exception as exc:  # the database is away: keep waiting, say why once per try
                log.warning("standby could not reach the database: %s", type(exc).__name__)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=self.renew_every.total_seconds())
        return False

    async def renew_once(self) -> bool:
        """Renew the lease; False once it is lost (taken over, or not renewed in time)."""
        if self.token is None or not self.holds():
            return self._lose("the lease ran out before it was renewed")
        started, deadline = self.clock(), self.trusted_until
        try:
            async with self.db.session() as s, s.begin():
                expires = await self.store.renew(s, self.me, self.token)
                await self.store.beat(s, self.me, self.host, self.pid, "leader" if expires else "standby")
        except Exception as exc:  # keep trusting the lease until its deadline; renew again soon
            log.warning("could not renew the lease: %s", type(exc).__name__)
            return self.holds()
        if expires is None:
            return self._lose("the lease was taken over")
        if deadline is None or self.clock() >= deadline:
            # Fencing never lifts: updates dropped while it was not trusted must not be confirmed
            # to Telegram by this Application; it stops, and the process may lead again afresh.
            return self._lose("the renewal came after the lease was no longer trusted")
        self.trusted_until = started + self.lease - self.margin
        return self.holds()

    def _lose(self, why: str) -> bool:
        if self.token is not None:
            log.warning("%s: this process stops leading", why)
        self.token = self.trusted_until = None
        return False

    async def keep(self, on_lost: Callable[[], object]) -> None:
        """Renew every `renew` seconds while leading; call `on_lost()` once the lease is gone."""
        while True:
            if not await self.renew_once():
                break
            await asyncio.sleep(self.renew_every.total_seconds())
        self.token = self.trusted_until = None
        log.warning("%s no longer leads: it stops processing and sends nothing more", self.me)
        on_lost()

    async def confirm(self) -> bool:
        """Prove the lease in the database with its token (before each outbox batch)."""
        if not self.holds() or self.token is None:
            return False
        async with self.db.session() as s, s.begin():
            return await self.store.holds(s, self.me, self.token)

    async def release(self) -> None:
        """Step down on a clean stop, so a standby takes over at once."""
        token, self.token, self.trusted_until = self.token, None, None
        with contextlib.suppress(Exception):  # stopping anyway: the lease simply runs out
            async with self.db.session() as s, s.begin():
                if token is not None:
                    await self.store.release(s, self.me, token)
                await self.store.beat(s, self.me, self.host, self.pid, "stopped")

    def wrap(self, request: BaseRequest) -> BaseRequest:
        return FencedRequest(request, self)


async def _tell_admins(s: Any, taken: Taken, me: str) -> None:
    admins = select(Person.id, Person.telegram_id, Person.language).where(
        Person.role == Role.ADMIN, Person.active, Person.reachable
    )
    for person_id, chat_id, language in (await s.execute(admins)).all():
        with catalogue.speaking(language):  # each admin reads it in their own language
            template = texts.LEADER_HANDED_OVER if taken.previous_released else texts.LEADER_TOOK_OVER
            text = template.format(holder=html.escape(me), previous=html.escape(taken.previous or "?"))
        await enqueue(
            s,
            chat_id=chat_id,
            person_id=person_id,
            kind=OutboxKind.NOTICE,
            text=text,
            dedupe_key=f"leader:{taken.token}:{person_id}",
        )


class FencedRequest(BaseRequest):
    """A Bot API transport that sends nothing unless this process holds its lease right now."""

    def __init__(self, inner: BaseRequest, leadership: Leadership) -> None:
        self.inner = inner
        self.leadership = leadership

    @property
    def read_timeout(self) -> float | None:
        return self.inner.read_timeout

    async def initialize(self) -> None:
        await self.inner.initialize()

    async def shutdown(self) -> None:
        await self.inner.shutdown()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if not self.leadership.holds():
            raise NetworkError("this process does not hold the leader's lease: nothing is sent")
        return await self.inner.do_request(
            url, method, request_data, read_timeout, write_timeout, connect_timeout, pool_timeout
        )


@dataclass
class FencedDelivery(outbox.Delivery):
    """The outbox loop, claiming a batch only after proving the lease with its token."""

    leadership: Leadership | None = field(default=None)

    async def claim(self) -> list[outbox.Claimed]:
        if self.leadership is not None and not await self.leadership.confirm():
            return []
        return await super().claim()
