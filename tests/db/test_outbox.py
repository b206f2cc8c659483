"""The outbox delivery loop against both databases, with an offline Bot API that can fail on cue."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
import time_machine
from sqlalchemy import func, select
from telegram import Bot

from bot.db.models import AuditEntry, OutboxMessage, Person, Role
from bot.delivery import outbox
from bot.delivery.pacing import Pacer
from bot.domain.people import enrollment
from standin import ManualClock
from tests.support import tx
from tests.support.offline import OfflineRequest
from tests.support.tx import in_tx

T0 = dt.datetime(2026, 11, 27, 15, 0, tzinfo=dt.UTC)


@pytest.fixture
def req() -> OfflineRequest:
    return OfflineRequest()


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def delivery(db, req, clock):
    bot = Bot("123:TEST", base_url="http://127.0.0.1:9/bot", request=req)
    return outbox.Delivery(
        db,
        bot,
        policy=outbox.Policy(batch_size=10, max_attempts=3),
        pacer=Pacer(30, 1.0, monotonic=clock),
        sleep=clock.sleep,
    )


@pytest.fixture
def traveller():
    with time_machine.travel(T0, tick=False) as t:
        yield t


async def add(db, chat_id, text="Hello", person_id=None, key=None, due=None) -> bool:
    async with db.session() as s, s.begin():
        return await outbox.enqueue(
            s, chat_id=chat_id, kind="notice", text=text, person_id=person_id, dedupe_key=key, due_at=due
        )


async def statuses(db) -> dict[int, tuple[str, int, str | None]]:
    async with db.session() as s:
        rows = (await s.execute(select(OutboxMessage).order_by(OutboxMessage.id))).scalars()
        return {r.id: (r.status, r.attempts, r.last_error) for r in rows}


async def make_person(db, telegram_id, role=Role.CLIENT) -> int:
    issued = await in_tx(db, enrollment.create_invite, role)
    inv = await tx.check_code(db, telegram_id, issued.code)
    p = await in_tx(
        db, enrollment.enroll, telegram_id, inv.id, timezone="UTC", checkin_time=dt.time(9), consent_version="v"
    )
    return p.id


async def test_dedupe_key_stores_a_planned_message_once(db):
    assert await add(db, 1, key="reminder:1:2026-11-27") is True
    assert await add(db, 1, key="reminder:1:2026-11-27") is False
    assert len(await statuses(db)) == 1


async def test_batch_is_delivered_in_order_and_recorded(db, delivery, req, traveller):
    for chat in range(1, 6):
        await add(db, chat, text=f"msg {chat}")
    report = await delivery.run_once()
    assert report.delivered == 5
    assert [s.text for s in req.sent] == [f"msg {c}" for c in range(1, 6)]
    assert {v[0] for v in (await statuses(db)).values()} == {"delivered"}


async def test_future_rows_wait_until_due(db, delivery, req, traveller):
    await add(db, 1, due=T0 + dt.timedelta(minutes=5))
    assert (await delivery.run_once()).handled == 0
    traveller.shift(dt.timedelta(minutes=5))
    assert (await delivery.run_once()).delivered == 1


async def test_one_message_per_chat_per_second(db, delivery, req, clock, traveller):
    """Three rows for one chat: one goes now, the others are handed back without using an attempt."""
    for i in range(3):
        await add(db, 42, text=f"m{i}")
    report = await delivery.run_once()
    assert (report.delivered, report.deferred) == (1, 2)
    rows = await statuses(db)
    assert sorted(v[:2] for v in rows.values()) == [("delivered", 1), ("pending", 0), ("pending", 0)]
    clock.advance(1.0)
    traveller.shift(dt.timedelta(seconds=1))
    assert (await delivery.run_once()).delivered == 1


async def test_global_pace_stays_under_the_rate(db, delivery, req, clock, traveller):
    """Ten chats in one batch take at least 9/30 s of (fake) time: never faster than 30/s."""
    start = clock.now
    for chat in range(10):
        await add(db, 100 + chat)
    await delivery.run_once()
    assert clock.now - start >= 9 / 30 - 1e-9


async def test_a_pause_from_a_reply_hands_the_batch_back(db, delivery, req, clock, traveller):
    """A RetryAfter on a handler reply pauses the shared pacer: the loop returns its rows untouched."""
    for chat in (1, 2):
        await add(db, chat)
    delivery.pacer.pause(40)  # longer than the batch lease
    report = await delivery.run_once()
    assert (report.delivered, report.deferred, report.paused) == (0, 2, True)
    assert req.sent == []
    async with db.session() as s:
        rows = (await s.execute(select(OutboxMessage).order_by(OutboxMessage.id))).scalars().all()
    assert [(r.status, r.attempts, r.claimed_until) for r in rows] == [("pending", 0, None)] * 2
    assert all(r.next_try_at == T0 + dt.timedelta(seconds=40) for r in rows)
    traveller.shift(dt.timedelta(seconds=40))
    clock.advance(40)
    assert (await delivery.run_once()).delivered == 2


async def test_retry_after_for_one_chat_holds_back_that_chat_only(db, delivery, req, clock, traveller):
    for chat in (1, 2, 3):
        await add(db, chat)
    req.faults.add(429, chat_id=2, retry_after=7)
    report = await delivery.run_once()
    assert (report.delivered, report.rate_limited) == (2, 1)
    async with db.session() as s:
        rows = (await s.execute(select(OutboxMessage).order_by(OutboxMessage.id))).scalars().all()
    assert [r.status for r in rows] == ["delivered", "pending", "delivered"]
    assert rows[1].attempts == 0 and rows[1].next_try_at == T0 + dt.timedelta(seconds=7)
    assert delivery.pacer.global_wait() < 0.1 and delivery.pacer.chat_wait(2) == pytest.approx(7, abs=0.1)
    traveller.shift(dt.timedelta(seconds=7))
    clock.advance(7)
    assert (await delivery.run_once()).delivered == 1


async def test_a_bot_wide_retry_after_holds_everything_and_crisis_replies_go_first(db, delivery, req, clock, traveller):
    for chat in (1, 2, 3, 4):
        await add(db, chat)
    async with db.session() as s, s.begin():
        await outbox.enqueue(s, chat_id=9, kind="crisis-reply", text="the lines")
    for chat in (1, 2, 3):
        req.faults.add(429, chat_id=chat, retry_after=20)
    report = await delivery.run_once()
    assert [s.chat_id for s in req.sent] == [9]  # claimed first, before the 429s
    assert report.paused is False and delivery.pacer.global_wait() == pytest.approx(20, abs=0.5)
    assert (await delivery.run_once()).delivered == 0  # everything else waits out the pause
    traveller.shift(dt.timedelta(seconds=20))
    clock.advance(20)
    await delivery.run_once()
    assert sorted(s.chat_id for s in req.sent) == [1, 2, 3, 4, 9]


@pytest.mark.parametrize("status", [500, 502, "hang"])
async def test_transient_errors_back_off_then_dead_letter(db, delivery, req, traveller, clock, status):
    await add(db, 5)
    req.faults.add(status, count=10)
    await delivery.run_once()
    ((state, attempts, error),) = (await statuses(db)).values()
    assert (state, attempts) == ("pending", 1) and error
    for _ in range(2):
        traveller.shift(dt.timedelta(minutes=15))  # past any backoff
        clock.advance(15 * 60)
        await delivery.run_once()
    ((state, attempts, error),) = (await statuses(db)).values()
    assert (state, attempts) == ("dead", 3) and error.startswith("gave up after 3 tries")
    assert [r.recipient for r in await in_tx(db, outbox.dead_rows)] == ["chat 5"]


async def test_backoff_grows():
    policy = outbox.Policy(backoff_base=2, backoff_max=600)
    assert policy.backoff(1) < policy.backoff(4) < policy.backoff(8) <= dt.timedelta(seconds=720)


async def test_transient_error_then_success(db, delivery, req, traveller, clock):
    await add(db, 5, text="eventually")
    req.faults.add(502)
    await delivery.run_once()
    traveller.shift(dt.timedelta(minutes=1))
    clock.advance(60)
    await delivery.run_once()
    ((state, attempts, error),) = (await statuses(db)).values()
    assert (state, attempts) == ("delivered", 2) and error.startswith("Bad Gateway (502)")  # nginx's page, not JSON
    assert [s.text for s in req.sent] == ["eventually"]


async def test_bad_request_is_dead_at_once(db, delivery, req, traveller):
    await add(db, 5)
    req.faults.add(400, description="Bad Request: can't parse entities")
    await delivery.run_once()
    assert list((await statuses(db)).values()) == [("dead", 1, "bad request: Can't parse entities")]


async def test_forbidden_marks_unreachable_and_tells_staff_once(db, delivery, req, traveller):
    client_id = await make_person(db, 501)
    staff_id = await make_person(db, 502, Role.STAFF)
    await add(db, 501, text="one", person_id=client_id)
    await add(db, 501, text="two", person_id=client_id)
    req.faults.add(403, chat_id=501, count=5, description="Forbidden: bot was blocked by the user")
    await delivery.run_once()
    async with db.session() as s:
        client = await s.get(Person, client_id)
        rows = (await s.execute(select(OutboxMessage).order_by(OutboxMessage.id))).scalars().all()
        audits = await s.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "person.unreachable")
        )
    assert client.reachable is False and audits == 1
    assert [(r.chat_id, r.status) for r in rows] == [(501, "dead"), (501, "cancelled"), (502, "pending")]
    assert rows[1].last_error == "recipient blocked the bot"
    notice = rows[2]
    assert notice.person_id == staff_id and "can't be reached" in outbox.json.loads(notice.payload)["text"]
    # Later rows for the blocked client are cancelled, not sent; no second notice.
    await add(db, 501, text="three", person_id=client_id)
    await delivery.run_once()
    rows = await statuses(db)
    assert [v[0] for v in rows.values()] == ["dead", "cancelled", "delivered", "cancelled"]
    assert [s.chat_id for s in req.sent] == [502]


async def test_crash_between_send_and_record_repeats_at_most_one_batch(db, req, clock, traveller):
    """A process that claimed a batch and died: after the lease, another delivers the rows."""
    bot = Bot("123:TEST", base_url="http://127.0.0.1:9/bot", request=req)
    first = outbox.Delivery(db, bot, policy=outbox.Policy(batch_size=3), pacer=Pacer(30, 1, clock), sleep=clock.sleep)
    for chat in range(1, 6):
        await add(db, chat)
    claimed = await first.claim()  # ... and the process dies here
    assert len(claimed) == 3
    second = outbox.Delivery(db, bot, policy=outbox.Policy(batch_size=10), pacer=Pacer(30, 1, clock), sleep=clock.sleep)
    assert (await second.run_once()).delivered == 2  # the claimed rows are leased
    traveller.shift(dt.timedelta(seconds=31))
    assert (await second.run_once()).delivered == 3
    assert {v[0] for v in (await statuses(db)).values()} == {"delivered"}


async def test_two_processes_never_claim_the_same_row(db, req, clock, traveller):
    bot = Bot("123:TEST", base_url="http://127.0.0.1:9/bot", request=req)
    loops = [outbox.Delivery(db, bot, policy=outbox.Policy(batch_size=5), pacer=Pacer(30, 1, clock)) for _ in range(4)]
    for chat in range(40):
        await add(db, chat)
    claims = await asyncio.gather(*(loop.claim() for loop in loops), return_exceptions=True)
    ids = [c.id for batch in claims if not isinstance(batch, BaseException) for c in batch]
    assert len(ids) == len(set(ids)) and len(ids) > 0


async def test_rows_for_paused_people_are_cancelled(db, delivery, req, traveller):
    from bot.domain.people import consent

    pid = await make_person(db, 601)
    await add(db, 601, person_id=pid)
    async with db.session() as s, s.begin():
        (await s.get(Person, pid)).active = False  # paused without going through withdraw
    await delivery.run_once()
    assert next(iter((await statuses(db)).values()))[0] == "cancelled"
    assert req.sent == []
    assert consent  # withdraw() cancels directly; this covers rows planned after the pause


async def test_payload_is_encrypted_at_rest(db):
    from sqlalchemy import text

    await add(db, 1, text="Your group moved to 6 pm")
    async with db.engine.connect() as conn:
        raw = (await conn.execute(text("select payload from outbox"))).scalar_one()
    assert "group moved" not in raw and raw.startswith("enc:v1:")
