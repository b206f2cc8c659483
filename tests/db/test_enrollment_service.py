"""Invite and consent rules against both databases."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
import time_machine
from sqlalchemy import func, select

from bot.core.errors import EnrollmentError, Refusal
from bot.db.models import ConsentRecord, Invite, OutboxMessage, Person, Role
from bot.domain.people import consent, enrollment
from tests.support import tx
from tests.support.tx import in_tx

ZONE, AT = "America/New_York", dt.time(19, 0)


async def test_only_the_hash_of_a_code_is_stored(db):
    issued = await in_tx(db, enrollment.create_invite, Role.CLIENT)
    async with db.session() as s:
        row = (await s.execute(select(Invite))).scalar_one()
    assert issued.code not in row.code_hash and len(row.code_hash) == 64
    assert issued.person_code.startswith("C-")


async def test_check_then_enroll_uses_the_code_once(db):
    issued = await in_tx(db, enrollment.create_invite, Role.CLIENT, cohort="am")
    inv = await tx.check_code(db, 1, issued.code)
    person = await in_tx(db, enrollment.enroll, 1, inv.id, timezone=ZONE, checkin_time=AT, consent_version="v1")
    assert person.role is Role.CLIENT and person.consent_version == "v1"
    with pytest.raises(EnrollmentError) as exc:
        await tx.check_code(db, 2, issued.code)
    assert exc.value.reason == Refusal.USED


async def test_two_racing_enrollments_only_one_wins(db):
    issued = await in_tx(db, enrollment.create_invite, Role.CLIENT)
    inv = await tx.check_code(db, 1, issued.code)
    results = await asyncio.gather(
        in_tx(db, enrollment.enroll, 1, inv.id, timezone=ZONE, checkin_time=AT, consent_version="v1"),
        in_tx(db, enrollment.enroll, 2, inv.id, timezone=ZONE, checkin_time=AT, consent_version="v1"),
        return_exceptions=True,
    )
    assert sum(not isinstance(r, BaseException) for r in results) == 1
    async with db.session() as s:
        assert await s.scalar(select(func.count()).select_from(Person)) == 1


async def test_expiry_follows_policy(db):
    policy = enrollment.Policy(ttl=dt.timedelta(days=1))
    issued = await in_tx(db, enrollment.create_invite, Role.STAFF, policy=policy)
    with (
        time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(hours=25)),
        pytest.raises(EnrollmentError) as exc,
    ):
        await tx.check_code(db, 3, issued.code)
    assert exc.value.reason == Refusal.EXPIRED


async def test_lockout_window(db):
    """Five failures inside an hour lock the user out; failures spread wider do not."""
    t0 = dt.datetime(2026, 11, 27, 12, 0, tzinfo=dt.UTC)

    async def wrong() -> str:
        with pytest.raises(EnrollmentError) as exc:
            await tx.check_code(db, 9, "AAAAAAAAAA")
        return exc.value.reason

    with time_machine.travel(t0, tick=False) as clock:
        for minute in (0, 20, 40, 60):
            clock.move_to(t0 + dt.timedelta(minutes=minute))
            assert await wrong() == Refusal.INVALID
        clock.move_to(t0 + dt.timedelta(minutes=61))
        assert await wrong() == Refusal.INVALID  # the 12:00 failure has left the window: 4 in the hour
        assert await wrong() == Refusal.INVALID  # the 5th within the hour: locks from now
        assert await wrong() == Refusal.LOCKED
        clock.move_to(t0 + dt.timedelta(minutes=61 + 59))
        assert await wrong() == Refusal.LOCKED
        clock.move_to(t0 + dt.timedelta(minutes=61 + 60))
        assert await wrong() == Refusal.INVALID  # lock over; the count starts afresh
        # Another Telegram user is not affected.
        issued = await in_tx(db, enrollment.create_invite, Role.CLIENT)
        assert (await tx.check_code(db, 10, issued.code)).role is Role.CLIENT


async def test_withdraw_cancels_only_pending_rows_of_that_person(db):
    issued = await in_tx(db, enrollment.create_invite, Role.CLIENT)
    inv = await tx.check_code(db, 1, issued.code)
    person = await in_tx(db, enrollment.enroll, 1, inv.id, timezone=ZONE, checkin_time=AT, consent_version="v1")
    async with db.session() as s, s.begin():
        s.add_all(
            [
                OutboxMessage(chat_id=1, person_id=person.id, kind="reminder", payload="{}"),
                OutboxMessage(chat_id=1, person_id=person.id, kind="reminder", payload="{}", status="delivered"),
                OutboxMessage(chat_id=2, person_id=None, kind="notice", payload="{}"),
            ]
        )
    assert await in_tx(db, consent.withdraw, person.id) == 1
    async with db.session() as s:
        statuses = sorted((await s.execute(select(OutboxMessage.status))).scalars())
        decisions = [r.decision for r in (await s.execute(select(ConsentRecord).order_by(ConsentRecord.id))).scalars()]
    assert statuses == ["cancelled", "delivered", "pending"]
    assert decisions == ["agreed", "withdrawn"]


async def test_a_person_code_cannot_be_promised_twice(db):
    await in_tx(db, enrollment.create_invite, Role.CLIENT, person_code="C-1042")
    with pytest.raises(EnrollmentError) as exc:
        await in_tx(db, enrollment.create_invite, Role.CLIENT, person_code="C-1042")
    assert exc.value.reason is Refusal.CODE_TAKEN
