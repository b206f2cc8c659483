"""Paced coping tools through the real Application: the steps come on their own at their pace through the
outbox (across a restart), "I'm done", /cancel and /stop end them, and words typed meanwhile get the status."""

from __future__ import annotations

import datetime as dt

import time_machine
from sqlalchemy import select

from bot import texts
from bot.db.coping_models import CopingUse
from bot.db.models import OutboxKind, OutboxMessage
from tests.support.checkin import tap
from tests.support.harness import Harness

CLIENT = 7901
T0 = dt.datetime(2027, 1, 11, 17, 0, tzinfo=dt.UTC)


async def _start_breathing(harness: Harness) -> None:
    with time_machine.travel(T0, tick=False):
        await harness.enroll(CLIENT)
        await harness.send(CLIENT, "/craving")
        await tap(harness, CLIENT, "7")
        await tap(harness, CLIENT, "🫁 Box breathing")


async def _steps(harness: Harness) -> list[tuple[dt.datetime, str]]:
    async with harness.db.session() as s:
        rows = await s.execute(
            select(OutboxMessage.due_at, OutboxMessage.status)
            .where(OutboxMessage.kind == OutboxKind.COPING_STEP)
            .order_by(OutboxMessage.due_at)
        )
        return [(due, str(status)) for due, status in rows.tuples()]


async def _deliver(harness: Harness, at: dt.datetime) -> None:
    with time_machine.travel(at, tick=False):
        await harness.delivery.run_once()


def _seconds(n: int) -> dt.datetime:
    return T0 + dt.timedelta(seconds=n)


async def test_the_steps_come_on_their_own_at_their_pace_across_a_restart(harness: Harness) -> None:
    await _start_breathing(harness)  # 4 steps, 35 s apart
    first = harness.last(CLIENT)
    assert "1 of 4" in first.text and texts.COPING_PACED_INTRO.format(minutes=2) in first.text
    assert [label for label, _ in first.buttons] == ["I'm done"]  # no Next: the next step comes by itself
    assert await _steps(harness) == [(_seconds(35 * n), "pending") for n in range(1, 4)]
    await _deliver(harness, _seconds(30))
    assert "1 of 4" in harness.last(CLIENT).text  # not yet
    await _deliver(harness, _seconds(40))
    assert "Rounds 1 and 2 of 4" in harness.last(CLIENT).text and "2 of 4" in harness.last(CLIENT).text
    await harness.restart()  # the rest are durable rows: nothing is lost, nothing repeated
    await _deliver(harness, _seconds(75))
    assert "Rounds 3 and 4 of 4" in harness.last(CLIENT).text
    await _deliver(harness, _seconds(110))
    sent = [t for t in harness.history + harness.req.texts(CLIENT) if "of 4</i>" in t]  # before and since
    assert [t.split("·")[1].split("</i>")[0].strip() for t in sent] == [f"{n} of 4" for n in range(1, 5)]
    assert [label for label, _ in harness.last(CLIENT).buttons] == ["I'm done"]
    with time_machine.travel(_seconds(120), tick=False):
        await tap(harness, CLIENT, "I'm done")  # the last step's button, after the restart
        assert "How strong is the craving <b>now</b>" in harness.last(CLIENT).text
        await tap(harness, CLIENT, "3")
    async with harness.db.session() as s:
        use = (await s.execute(select(CopingUse))).scalar_one()
    assert (use.tool, use.before, use.after) == ("breathing", 7, 3)


async def test_i_m_done_early_withdraws_the_steps_still_waiting(harness: Harness) -> None:
    await _start_breathing(harness)
    await _deliver(harness, _seconds(40))
    with time_machine.travel(_seconds(45), tick=False):
        await tap(harness, CLIENT, "I'm done")
    assert "How strong is the craving <b>now</b>" in harness.last(CLIENT).text
    assert await _steps(harness) == [(_seconds(35), "delivered")]
    await _deliver(harness, _seconds(200))
    assert "How strong is the craving <b>now</b>" in harness.last(CLIENT).text  # nothing came after


async def test_cancel_and_stop_end_the_sequence(harness: Harness) -> None:
    await _start_breathing(harness)
    with time_machine.travel(_seconds(5), tick=False):
        assert await harness.send(CLIENT, "/cancel") == [texts.COPING_CANCELLED]
    assert await _steps(harness) == []
    with time_machine.travel(_seconds(10), tick=False):
        await harness.send(CLIENT, "/craving")
        await tap(harness, CLIENT, "6")
        await tap(harness, CLIENT, "🌊 Ride the wave")
        await harness.send(CLIENT, "/stop")
    await _deliver(harness, _seconds(20 * 60))
    assert not any("2 of 6" in t for t in harness.req.texts(CLIENT))
    assert {status for _, status in await _steps(harness)} <= {"cancelled"}


async def test_words_typed_meanwhile_get_where_we_are_and_crisis_words_the_crisis_reply(harness: Harness) -> None:
    await _start_breathing(harness)
    with time_machine.travel(_seconds(10), tick=False):
        [status] = await harness.send(CLIENT, "ok")
        assert status == texts.COPING_PACED_STATUS.format(name="🫁 Box breathing")
        replies = await harness.send(CLIENT, "i want to kill myself")
    assert any("988" in r for r in replies)
    assert len(await _steps(harness)) == 3  # the exercise goes on unless they stop it


async def test_a_spanish_client_gets_the_tools_and_their_paced_steps_in_spanish(harness: Harness) -> None:
    with time_machine.travel(T0, tick=False):
        await harness.enroll(CLIENT, language="es")
        await harness.send(CLIENT, "/craving")
        await tap(harness, CLIENT, "7")
        await tap(harness, CLIENT, "🫁 Respiración cuadrada")
    assert "Vamos a respirar en cuadrado" in harness.last(CLIENT).text
    await _deliver(harness, _seconds(40))
    assert "Rondas 1 y 2 de 4" in harness.last(CLIENT).text
