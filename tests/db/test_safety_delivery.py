"""Safety rows never die of an outage; a refused push moves the chain on; receipts follow deliveries.

Telegram faults come from the offline Bot API (the stand-in's fault rules); time moves with
time-machine and a manual pacing clock (tests/support/outage.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
import time_machine
from sqlalchemy import select

from bot import texts
from bot.db.models import Alert, OutboxMessage
from bot.db.session import Database
from bot.delivery import safety_rows
from bot.domain.care import alerts
from tests.support import outage
from tests.support.outage import ADMIN_1, ADMIN_2, ONCALL, T0, THERAPIST

CLIENT = 100


@dataclass(frozen=True)
class F:
    severity: str = "crisis"
    rule: str = "msg_suicide"
    explanation: str = "message read as suicide"


@pytest.fixture
def traveller():  # type: ignore[no-untyped-def]
    with time_machine.travel(T0, tick=False) as t:
        yield t


async def _raise(db: Database, client_person: int) -> int:
    async with db.session() as s, s.begin():
        alert_id = await alerts.raise_alert(s, client_person, [F()], source="message", at=T0)
    assert alert_id is not None
    return alert_id


async def _rows(db: Database) -> list[tuple[int, str, str]]:
    async with db.session() as s:
        rows = (await s.execute(select(OutboxMessage).order_by(OutboxMessage.id))).scalars()
        return [(r.chat_id, r.kind, r.status) for r in rows]


@pytest.mark.parametrize("minutes", [10, 60])
async def test_an_outage_delays_every_push_and_receipt_but_loses_none(db: Database, traveller, minutes: int) -> None:  # type: ignore[no-untyped-def]
    ids = await outage.people(db)
    await _raise(db, ids[CLIENT])
    run = outage.Run.start(db, traveller)
    run.req.faults.add(502, count=10**6)
    await run.run_for(dt.timedelta(minutes=minutes))
    assert run.req.sent == []
    assert "dead" not in {status for _, _, status in await _rows(db)}
    run.req.faults.clear()
    await run.run_for(safety_rows.BACKOFF_CAP_DELTA + dt.timedelta(minutes=1))
    for chat in (THERAPIST, ONCALL, ADMIN_1, ADMIN_2):  # admins: 15 minutes passed unacknowledged
        assert len([t for t in run.texts(chat) if "A-1" in t]) == (1 if minutes >= 15 or chat < ADMIN_1 else 0)
    assert run.texts(CLIENT) == [texts.CLIENT_RECEIPT_TOLD]  # once, and only after a delivery
    notices = [t for t in run.texts(ADMIN_1) + run.texts(ADMIN_2) if "could not be reached" in t]
    assert len(notices) == 2 and all("so 1 alert reached" in n for n in notices)  # each admin, once


async def test_a_short_blip_tells_no_admin(db: Database, traveller) -> None:  # type: ignore[no-untyped-def]
    ids = await outage.people(db)
    await _raise(db, ids[CLIENT])
    run = outage.Run.start(db, traveller)
    run.req.faults.add(502, count=2)
    await run.run_for(dt.timedelta(minutes=1))
    assert run.texts(CLIENT) == [texts.CLIENT_RECEIPT_TOLD]
    assert not any("could not be reached" in t for t in run.texts(ADMIN_1))


async def test_a_blocked_on_call_push_goes_to_the_admins_at_once(db: Database, traveller) -> None:  # type: ignore[no-untyped-def]
    ids = await outage.people(db)
    alert_id = await _raise(db, ids[CLIENT])
    run = outage.Run.start(db, traveller)
    run.req.faults.add(403, chat_id=ONCALL, description="Forbidden: bot was blocked by the user")
    await run.run_for(dt.timedelta(minutes=2))  # far less than the 15-minute window
    assert any("A-1" in t for t in run.texts(ADMIN_1)) and any("A-1" in t for t in run.texts(ADMIN_2))
    async with db.session() as s:
        alert = await s.get(Alert, alert_id)
    assert alert is not None and alert.level == alerts.ADMINS


async def test_chat_not_found_moves_the_push_on_like_a_block(db: Database, traveller) -> None:  # type: ignore[no-untyped-def]
    ids = await outage.people(db)
    await _raise(db, ids[CLIENT])
    run = outage.Run.start(db, traveller)
    run.req.faults.add(400, chat_id=ONCALL, description="Bad Request: chat not found")
    await run.run_for(dt.timedelta(minutes=2))
    assert any("A-1" in t for t in run.texts(ADMIN_1))


async def test_an_acknowledged_alert_stops_its_queued_pushes(db: Database, traveller) -> None:  # type: ignore[no-untyped-def]
    ids = await outage.people(db)
    alert_id = await _raise(db, ids[CLIENT])
    run = outage.Run.start(db, traveller)
    run.req.faults.add(502, chat_id=ONCALL, count=10**6)
    await run.run_for(dt.timedelta(minutes=1))  # the therapist has it; on-call's push keeps failing
    async with db.session() as s, s.begin():
        await alerts.acknowledge(s, alert_id, ids[THERAPIST])
    run.req.faults.clear()
    await run.run_for(dt.timedelta(minutes=5))
    assert not any("A-1" in t and "acknowledged" not in t for t in run.texts(ONCALL))
    assert run.texts(CLIENT) == [texts.CLIENT_RECEIPT_TOLD, texts.CLIENT_RECEIPT_ACKED]


def test_only_safety_rows_outlive_transient_errors() -> None:
    open_alerts = {7}
    assert safety_rows.keeps_trying("crisis-reply", None, open_alerts)
    assert safety_rows.keeps_trying("alert", 7, open_alerts)
    assert not safety_rows.keeps_trying("alert", 8, open_alerts)  # acknowledged: ordinary retries
    assert not safety_rows.keeps_trying("reminder", None, open_alerts)
    assert safety_rows.backoff(30) <= safety_rows.BACKOFF_CAP_DELTA
