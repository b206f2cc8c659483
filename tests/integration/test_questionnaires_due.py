"""Questionnaires on a schedule through the real Application: the neutral due message at the client's
local time with a button per questionnaire due, the next day's reminder for what is still open, every
two weeks, the overdue flag for the digest, cohorts, DST and a move, and who gets nothing."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import time_machine
from sqlalchemy import select, update

from bot import texts
from bot.db.models import Alert, FlagRecord, OutboxKind, OutboxMessage, Person, Role
from bot.services.jobs import run_planner
from bot.texts import catalogue
from tests.conftest import make_settings
from tests.support.checkin import tap
from tests.support.harness import Harness, running
from tests.support.questionnaires import answer_all

CLIENT, THERAPIST = 8801, 8802
ENROLLED = dt.datetime(2027, 1, 6, 15, 0, tzinfo=dt.UTC)  # a Wednesday, 10:00 in New York
MON = dt.date(2027, 1, 11)  # the first Monday after: everything is due at 18:00 local (23:00 UTC)
DUE_UTC = dt.datetime(2027, 1, 11, 23, 0, tzinfo=dt.UTC)
ALL = ["BAM (weekly)", "PHQ-9", "GAD-7"]


async def _setup(harness: Harness, **invite: Any) -> Person:
    with time_machine.travel(ENROLLED, tick=False):
        therapist = await harness.enroll(THERAPIST, Role.THERAPIST)
        return await harness.enroll(CLIENT, therapist_id=therapist.id, **invite)


async def _plan(harness: Harness, at: dt.datetime) -> None:
    with time_machine.travel(at, tick=False):
        await run_planner(harness.app.bot_data["services"])


async def _due_rows(harness: Harness) -> list[OutboxMessage]:
    async with harness.db.session() as s:
        query = select(OutboxMessage).where(OutboxMessage.dedupe_key.like("qdue:%")).order_by(OutboxMessage.id)
        return list((await s.execute(query)).scalars())


def _labels(row: OutboxMessage) -> list[str]:
    return [button[0] for line in json.loads(row.payload)["buttons"] for button in line]


async def _deliver(harness: Harness, at: dt.datetime) -> None:
    with time_machine.travel(at, tick=False):
        await harness.delivery.run_once()


async def _answer_all(harness: Harness, name: str, at: dt.datetime) -> None:
    await answer_all(harness, CLIENT, name, at)


async def _overdue(harness: Harness) -> list[tuple[str, str]]:
    async with harness.db.session() as s:
        rows = await s.execute(
            select(Alert.severity, FlagRecord.explanation)
            .join(FlagRecord, FlagRecord.alert_id == Alert.id)
            .where(FlagRecord.rule == "questionnaire_overdue")
        )
        return [(sev, why) for sev, why in rows.tuples()]


async def test_the_due_message_comes_at_six_local_neutral_with_a_button_each_and_a_tap_starts_one(
    harness: Harness,
) -> None:
    await _setup(harness)
    await _plan(harness, DUE_UTC - dt.timedelta(hours=1))  # 17:00: outside the 30-minute horizon
    assert await _due_rows(harness) == []
    await _plan(harness, DUE_UTC - dt.timedelta(minutes=20))
    await _plan(harness, DUE_UTC - dt.timedelta(minutes=10))  # twice: still one message
    [row] = await _due_rows(harness)
    assert (row.kind, row.due_at) == (OutboxKind.REMINDER, DUE_UTC)
    await _deliver(harness, DUE_UTC)
    sent = harness.last(CLIENT)
    assert sent.text == texts.Q_DUE
    for word in ("PHQ", "BAM", "depress", "anxi", "alcohol", "drug"):  # nothing on a lock screen says what for
        assert word.lower() not in sent.text.lower()
    assert [label for label, _ in sent.buttons] == ALL
    with time_machine.travel(DUE_UTC + dt.timedelta(minutes=5), tick=False):
        [first] = await tap(harness, CLIENT, "PHQ-9")
    assert "question 1 of 9" in first and "Little interest or pleasure" in first


async def test_the_next_day_reminder_names_only_what_is_still_open_and_answering_withdraws_it(
    harness: Harness,
) -> None:
    await _setup(harness)
    await _plan(harness, DUE_UTC - dt.timedelta(minutes=10))
    await _deliver(harness, DUE_UTC)
    await _answer_all(harness, "bam7", DUE_UTC + dt.timedelta(hours=1))
    tuesday = DUE_UTC + dt.timedelta(days=1)
    await _plan(harness, tuesday - dt.timedelta(minutes=10))
    again = (await _due_rows(harness))[-1]
    assert again.dedupe_key.endswith(":again") and again.due_at == tuesday
    assert _labels(again) == ["PHQ-9", "GAD-7"]
    assert json.loads(again.payload)["text"] == texts.Q_DUE_AGAIN
    # Answered before it goes out: the waiting reminder is withdrawn, and planned again with what is left.
    await _answer_all(harness, "gad7", tuesday - dt.timedelta(minutes=5))
    [again] = [r for r in await _due_rows(harness) if r.dedupe_key.endswith(":again")] or [None]
    assert again is None
    await _plan(harness, tuesday - dt.timedelta(minutes=4))
    [again] = [r for r in await _due_rows(harness) if r.dedupe_key.endswith(":again")]
    assert _labels(again) == ["PHQ-9"]


async def test_all_answered_means_no_reminder_and_phq9_and_gad7_come_every_other_week(harness: Harness) -> None:
    await _setup(harness)
    for name in ("bam7", "phq9", "gad7"):
        await _answer_all(harness, name, DUE_UTC - dt.timedelta(hours=3))  # earlier that day: it counts
    await _plan(harness, DUE_UTC - dt.timedelta(minutes=10))
    await _plan(harness, DUE_UTC + dt.timedelta(days=1) - dt.timedelta(minutes=10))
    assert await _due_rows(harness) == []
    week2, week3 = DUE_UTC + dt.timedelta(weeks=1), DUE_UTC + dt.timedelta(weeks=2)
    await _plan(harness, week2 - dt.timedelta(minutes=10))
    assert [_labels(r) for r in await _due_rows(harness)] == [["BAM (weekly)"]]
    await _answer_all(harness, "bam7", week2 + dt.timedelta(hours=1))
    await _plan(harness, week3 - dt.timedelta(minutes=10))
    assert [_labels(r) for r in await _due_rows(harness)][-1] == ALL


async def test_unanswered_three_days_after_is_one_medium_flag_for_the_digest(harness: Harness) -> None:
    await _setup(harness)
    await _plan(harness, DUE_UTC + dt.timedelta(days=3) - dt.timedelta(minutes=1))
    assert await _overdue(harness) == []
    await _plan(harness, DUE_UTC + dt.timedelta(days=3))
    await _plan(harness, DUE_UTC + dt.timedelta(days=4))  # once per due day, however often the planner runs
    [(severity, why)] = await _overdue(harness)
    assert severity == "medium"
    assert why == "BAM (weekly), PHQ-9, GAD-7 not answered 3 days after it was due (Mon 11 Jan)"
    async with harness.db.session() as s:  # the digest carries it: no one is woken by a push
        pushed = await s.scalar(select(OutboxMessage).where(OutboxMessage.kind == OutboxKind.ALERT))
    assert pushed is None
    await _plan(harness, DUE_UTC + dt.timedelta(weeks=1, days=3))  # the next week's BAM, still unanswered
    assert [w for _, w in await _overdue(harness)][-1].startswith("BAM (weekly) not answered 3 days")


@pytest.fixture
async def evening(tmp_path: Path) -> AsyncIterator[Harness]:
    async with running(
        make_settings(tmp_path, questionnaire_cohorts="evening: phq9=4, gad7=0", questionnaire_day="thu")
    ) as h:
        yield h


async def test_a_cohort_gets_its_own_schedule_on_the_clinic_s_weekday(evening: Harness) -> None:
    await _setup(evening, cohort="evening")
    thursday = dt.datetime(2027, 1, 7, 23, 0, tzinfo=dt.UTC)  # the day after enrolment
    await _plan(evening, thursday - dt.timedelta(minutes=10))
    assert [_labels(r) for r in await _due_rows(evening)] == [["BAM (weekly)", "PHQ-9"]]
    await _plan(evening, thursday + dt.timedelta(weeks=2) - dt.timedelta(minutes=10))
    assert [_labels(r) for r in await _due_rows(evening)][-1] == ["BAM (weekly)"]  # PHQ-9 every 4 weeks


async def test_the_local_time_holds_across_dst_and_follows_a_move(harness: Harness) -> None:
    client = await _setup(harness)
    before = dt.datetime(2027, 3, 8, 23, 0, tzinfo=dt.UTC)  # 18:00 EST
    after = dt.datetime(2027, 3, 15, 22, 0, tzinfo=dt.UTC)  # 18:00 EDT (clocks went forward on the 14th)
    await _plan(harness, before - dt.timedelta(minutes=10))
    await _plan(harness, after - dt.timedelta(minutes=10))
    assert [r.due_at for r in await _due_rows(harness) if r.dedupe_key.endswith(":due")] == [before, after]
    async with harness.db.session() as s, s.begin():
        await s.execute(update(Person).where(Person.id == client.id).values(timezone="America/Los_Angeles"))
    la = dt.datetime(2027, 3, 23, 1, 0, tzinfo=dt.UTC)  # Monday 22 March, 18:00 in Los Angeles
    await _plan(harness, la - dt.timedelta(minutes=10))
    assert (await _due_rows(harness))[-1].due_at == la


async def test_no_message_to_a_client_who_stopped_paused_or_blocked_the_bot_but_the_flag_still_comes(
    harness: Harness,
) -> None:
    client = await _setup(harness)
    for values in ({"active": False}, {"consent_version": None}, {"reachable": False}):
        async with harness.db.session() as s, s.begin():
            await s.execute(update(Person).where(Person.id == client.id).values(**values))
        await _plan(harness, DUE_UTC - dt.timedelta(minutes=10))
        assert await _due_rows(harness) == [], values
        async with harness.db.session() as s, s.begin():
            await s.execute(
                update(Person).where(Person.id == client.id).values(active=True, consent_version="1", reachable=True)
            )
    async with harness.db.session() as s, s.begin():
        await s.execute(update(Person).where(Person.id == client.id).values(reachable=False))
    await _plan(harness, DUE_UTC + dt.timedelta(days=3))
    assert len(await _overdue(harness)) == 1  # the care team hears it is overdue, though nothing can reach them


async def test_a_spanish_client_gets_it_in_spanish(harness: Harness) -> None:
    await _setup(harness, language="es")
    await _plan(harness, DUE_UTC - dt.timedelta(minutes=10))
    [row] = await _due_rows(harness)
    with catalogue.speaking("es"):
        assert json.loads(row.payload)["text"] == texts.Q_DUE
    with catalogue.speaking("en"):
        assert json.loads(row.payload)["text"] != texts.Q_DUE


@pytest.fixture
async def unscheduled(tmp_path: Path) -> AsyncIterator[Harness]:
    async with running(make_settings(tmp_path, questionnaire_every="")) as h:
        yield h


async def test_an_empty_schedule_sends_nothing_and_weekly_still_works(unscheduled: Harness) -> None:
    await _setup(unscheduled)
    await _plan(unscheduled, DUE_UTC + dt.timedelta(days=3))
    assert await _due_rows(unscheduled) == [] and await _overdue(unscheduled) == []
    with time_machine.travel(DUE_UTC, tick=False):
        assert await unscheduled.send(CLIENT, "/weekly") == [texts.Q_PICK]
