"""The check back 15 minutes after every craving, through the real Application: rated once from its own
message (across a restart), the check-in's high flag when it has not eased, and every wrong press."""

from __future__ import annotations

import datetime as dt

import time_machine
from sqlalchemy import select

from bot import texts
from bot.db.coping_models import CopingUse
from bot.db.models import Alert, FlagRecord, OutboxMessage, Role
from conversations.coping.steps import CravingLater
from tests.support.checkin import buttons, tap
from tests.support.harness import Harness

CLIENT, OTHER, THERAPIST = 7801, 7802, 7803
T0 = dt.datetime(2027, 1, 11, 17, 0, tzinfo=dt.UTC)
LATER = T0 + dt.timedelta(minutes=16)


async def _ride(harness: Harness, uid: int, before: str, after: str) -> None:
    await harness.send(uid, "/craving")
    await tap(harness, uid, before)
    await tap(harness, uid, "🖐 5-4-3-2-1")
    await tap(harness, uid, "I'm done")
    await tap(harness, uid, after)


async def _setup(harness: Harness, before: str = "7", after: str = "4") -> None:
    with time_machine.travel(T0, tick=False):
        therapist = await harness.enroll(THERAPIST, Role.THERAPIST)
        await harness.enroll(CLIENT, therapist_id=therapist.id, person_code="C-7801")
        await _ride(harness, CLIENT, before, after)


async def _check_back_arrives(harness: Harness) -> None:
    with time_machine.travel(LATER, tick=False):
        await harness.delivery.run_once()
    assert harness.last(CLIENT).text == texts.COPING_CHECK_BACK


async def _use(harness: Harness) -> CopingUse:
    async with harness.db.session() as s:
        return (await s.execute(select(CopingUse))).scalar_one()


async def _alerts(harness: Harness) -> list[tuple[str, str, str]]:
    async with harness.db.session() as s:
        rows = await s.execute(
            select(Alert.severity, FlagRecord.rule, FlagRecord.explanation).join(
                FlagRecord, FlagRecord.alert_id == Alert.id
            )
        )
        return [(a, b, c) for a, b, c in rows.tuples()]


async def test_every_craving_gets_a_check_back_that_outlives_a_restart_and_is_rated_once(harness: Harness) -> None:
    await _setup(harness)
    async with harness.db.session() as s:
        [row] = (await s.execute(select(OutboxMessage).where(OutboxMessage.dedupe_key.like("craving-check:%")))).all()
    assert row[0].due_at == T0 + dt.timedelta(minutes=15)
    await harness.restart()
    with time_machine.travel(T0 + dt.timedelta(minutes=10), tick=False):
        await harness.delivery.run_once()
    assert texts.COPING_CHECK_BACK not in harness.req.texts(CLIENT)  # not yet
    await _check_back_arrives(harness)
    assert list(buttons(harness, CLIENT)) == [*(str(n) for n in range(11)), texts.COPING_START_BUTTON]
    nine = buttons(harness, CLIENT)["9"]
    with time_machine.travel(LATER, tick=False):
        assert await tap(harness, CLIENT, "2") == [texts.COPING_LATER_EASED.format(before=7, value=2)]
        use = await _use(harness)
        assert (use.before, use.after, use.later, use.later_at) == (7, 4, 2, LATER)
        assert await harness.press(CLIENT, nine) == []  # a second tap: the first answer stays, a note says so
    assert harness.answered_callbacks()[-1].get("text") == texts.COPING_LATER_ALREADY.format(value=2)
    assert (await _use(harness)).later == 2 and await _alerts(harness) == []


async def test_still_high_at_the_check_back_raises_the_check_in_s_high_flag(harness: Harness) -> None:
    await _setup(harness, before="9", after="6")
    await _check_back_arrives(harness)
    with time_machine.travel(LATER, tick=False):
        [told] = await tap(harness, CLIENT, "8")
    assert "988" in told and "I'm telling your therapist now" in told  # "told" waits for a delivered push
    assert [label for label, _ in harness.last(CLIENT).buttons] == [texts.COPING_START_BUTTON]
    assert await _alerts(harness) == [
        ("high", "high_craving", "craving 8 of 10 fifteen minutes after grounding (was 9, then 6)")
    ]
    async with harness.db.session() as s:  # pushed to the therapist now, not left for the digest
        pushes = (await s.execute(select(OutboxMessage).where(OutboxMessage.chat_id == THERAPIST))).scalars().all()
    assert [p.kind for p in pushes if p.kind == "alert"] == ["alert"]
    for minutes in (1, 2):  # the push goes out; then the client's receipt, once someone has it
        with time_machine.travel(LATER + dt.timedelta(minutes=minutes), tick=False):
            await harness.delivery.run_once()
    assert harness.last(CLIENT).text == texts.CLIENT_RECEIPT_TOLD


async def test_the_same_craving_rated_the_same_is_told_so(harness: Harness) -> None:
    await _setup(harness, before="6", after="6")
    await _check_back_arrives(harness)
    with time_machine.travel(LATER, tick=False):
        assert await tap(harness, CLIENT, "6") == [texts.COPING_LATER_SAME.format(before=6, value=6)]


async def test_someone_else_s_or_an_erased_check_back_changes_nothing(harness: Harness) -> None:
    await _setup(harness)
    await _check_back_arrives(harness)
    use = await _use(harness)
    with time_machine.travel(LATER, tick=False):
        await harness.enroll(OTHER)
        replies = await harness.press(OTHER, CravingLater(use.id, 3).pack())  # a forged or forwarded button
    assert replies == [texts.COPING_LATER_GONE]
    assert (await _use(harness)).later is None
    with time_machine.travel(LATER, tick=False):
        await harness.send(CLIENT, "/delete")
        await tap(harness, CLIENT, "Yes, erase everything")
        replies = await harness.press(CLIENT, CravingLater(use.id, 3).pack())
    assert len(replies) == 1 and "ask your care team for an enrollment code" in replies[0]  # no one here now


async def test_a_check_back_answered_in_the_middle_of_a_check_in_leaves_the_check_in_open(harness: Harness) -> None:
    await _setup(harness)
    await _check_back_arrives(harness)
    rate = buttons(harness, CLIENT)["1"]
    with time_machine.travel(LATER, tick=False):
        first = await harness.send(CLIENT, "/checkin")
        assert await harness.press(CLIENT, rate) == [texts.COPING_LATER_EASED.format(before=7, value=1)]
        assert (await _use(harness)).later == 1
        again = await harness.send(CLIENT, "5")  # the check-in's craving question takes the answer
    assert first and again and again != first
    assert not any("I don't" in r for r in again)


async def test_a_paused_client_is_told_how_to_come_back(harness: Harness) -> None:
    await _setup(harness)
    await _check_back_arrives(harness)
    rate = buttons(harness, CLIENT)["1"]
    with time_machine.travel(LATER, tick=False):
        await harness.send(CLIENT, "/stop")
        replies = await harness.press(CLIENT, rate)
    assert replies and replies[0].startswith("You've paused")
    assert (await _use(harness)).later is None
