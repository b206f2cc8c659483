"""A Telegram outage on a controlled clock: the outbox loop and the escalation loop run step by step.

Used by the safety delivery tests and `bench/outage_bench.py`. Wall time (time-machine) and
the pacer's monotonic clock move together; nothing sleeps.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import time_machine
from telegram import Bot

from bot.db.models import ClientProfile, Person
from bot.db.session import Database
from bot.delivery import outbox
from bot.delivery.pacing import Pacer
from bot.domain.care import alerts, oncall
from standin import ManualClock
from tests.support.offline import OfflineRequest

T0 = dt.datetime(2026, 11, 27, 15, 0, tzinfo=dt.UTC)
THERAPIST, ONCALL, ADMIN_1, ADMIN_2 = 1, 2, 3, 4  # Telegram ids; clients are 100 and up
POLICY = alerts.EscalationPolicy()
STEP = dt.timedelta(seconds=30)  # how often the escalation loop looks (its job's default poll)
TICK = dt.timedelta(seconds=1)  # how often the outbox loop looks when nothing wakes it


async def people(db: Database, clients: int = 1) -> dict[int, int]:
    """A therapist, a staff member on call, two admins and `clients` clients: Telegram id -> person id."""
    made: dict[int, int] = {}
    async with db.session() as s, s.begin():
        team = [(THERAPIST, "therapist"), (ONCALL, "staff"), (ADMIN_1, "admin"), (ADMIN_2, "admin")]
        for uid, role in team + [(100 + i, "client") for i in range(clients)]:
            p = Person(telegram_id=uid, role=role, code=f"X-{uid}", timezone="UTC")
            s.add(p)
            await s.flush()
            made[uid] = p.id
        for i in range(clients):
            s.add(ClientProfile(person_id=made[100 + i], therapist_id=made[THERAPIST], checkin_time=dt.time(19)))
        await oncall.take_oncall(s, made[ONCALL], at=T0 - dt.timedelta(hours=1))
    return made


@dataclass
class Run:
    db: Database
    traveller: time_machine.Coordinates
    req: OfflineRequest
    clock: ManualClock
    delivery: outbox.Delivery
    at: dt.datetime = T0
    tick: dt.timedelta = STEP  # the outbox loop's look; the bench uses TICK (its real poll), tests save time

    @classmethod
    def start(cls, db: Database, traveller: time_machine.Coordinates) -> Run:
        req, clock = OfflineRequest(), ManualClock()
        bot = Bot("123:TEST", base_url="http://127.0.0.1:9/bot", request=req)
        delivery = outbox.Delivery(db, bot, pacer=Pacer(30, 1.0, monotonic=clock), sleep=clock.sleep)
        return cls(db, traveller, req, clock, delivery)

    async def step(self) -> None:
        """One look by the escalation loop, then the outbox loop every `tick` for STEP."""
        await alerts.escalate_due(self.db, POLICY, at=self.at)
        for _ in range(int(STEP / self.tick)):
            for _ in range(50):  # deliver everything due now (receipts queued by a delivery included)
                report = await self.delivery.run_once()
                if report.handled == 0:
                    break
            self.at += self.tick
            self.traveller.move_to(self.at)
            self.clock.advance(self.tick.total_seconds())

    async def run_for(self, span: dt.timedelta) -> None:
        end = self.at + span
        while self.at < end:
            await self.step()

    def texts(self, chat_id: int) -> list[str]:
        return self.req.texts(chat_id)
