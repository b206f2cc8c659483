"""The BAM form as a setting, through the real Application: QUESTIONNAIRE_EVERY=bam30=4 schedules the 30-day
form every four weeks, a cohort can run it while the others keep the weekly one, and the therapist's,
client's and staff's views keep each form's scores as a series of its own."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import time_machine
from sqlalchemy import select

from bot import texts
from bot.db.models import OutboxMessage, Role
from bot.domain.questionnaires import store
from bot.domain.questionnaires.definitions import get
from bot.services.jobs import run_planner
from tests.conftest import make_settings
from tests.support.checkin import tap
from tests.support.harness import Harness, running
from tests.support.questionnaires import answer_all

CLIENT, OTHER, THERAPIST, STAFF = 7901, 7902, 7903, 7904
ENROLLED = dt.datetime(2027, 1, 6, 15, 0, tzinfo=dt.UTC)  # a Wednesday
DUE_UTC = dt.datetime(2027, 1, 11, 23, 0, tzinfo=dt.UTC)  # the first Monday after, 18:00 in New York


@pytest.fixture
async def monthly(tmp_path: Path) -> AsyncIterator[Harness]:
    async with running(make_settings(tmp_path, questionnaire_every="bam30=4,phq9=2,gad7=2")) as h:
        yield h


@pytest.fixture
async def evening(tmp_path: Path) -> AsyncIterator[Harness]:
    async with running(make_settings(tmp_path, questionnaire_cohorts="evening: bam30=4")) as h:
        yield h


async def _enroll(harness: Harness, uid: int = CLIENT, **invite: Any) -> int:
    with time_machine.travel(ENROLLED, tick=False):
        therapist = await harness.person(THERAPIST) or await harness.enroll(THERAPIST, Role.THERAPIST)
        return (await harness.enroll(uid, therapist_id=therapist.id, **invite)).id


async def _plan(harness: Harness, at: dt.datetime) -> list[tuple[int | None, list[str]]]:
    """Plan at `at`; every due message so far as (person, its buttons' labels)."""
    with time_machine.travel(at, tick=False):
        await run_planner(harness.app.bot_data["services"])
    async with harness.db.session() as s:
        rows = await s.execute(
            select(OutboxMessage).where(OutboxMessage.dedupe_key.like("%:due")).order_by(OutboxMessage.id)
        )
        return [
            (r.person_id, [b[0] for line in json.loads(r.payload)["buttons"] for b in line]) for r in rows.scalars()
        ]


async def _answer_all(harness: Harness, name: str, at: dt.datetime) -> None:
    await answer_all(harness, CLIENT, name, at)


async def test_the_setting_schedules_the_30_day_form_every_four_weeks(monthly: Harness) -> None:
    client = await _enroll(monthly)
    assert await _plan(monthly, DUE_UTC - dt.timedelta(minutes=10)) == [(client, ["BAM (30-day)", "PHQ-9", "GAD-7"])]
    with time_machine.travel(DUE_UTC + dt.timedelta(minutes=5), tick=False):
        await monthly.delivery.run_once()
        [first] = await tap(monthly, CLIENT, "BAM (30-day)")
    assert "question 1 of 16" in first and "past 30 days" in first
    for name in ("bam30", "phq9", "gad7"):
        await _answer_all(monthly, name, DUE_UTC + dt.timedelta(hours=1))
    week3, week5 = DUE_UTC + dt.timedelta(weeks=2), DUE_UTC + dt.timedelta(weeks=4)
    assert (await _plan(monthly, week3 - dt.timedelta(minutes=10)))[-1] == (client, ["PHQ-9", "GAD-7"])
    assert (await _plan(monthly, week5 - dt.timedelta(minutes=10)))[-1] == (client, ["BAM (30-day)", "PHQ-9", "GAD-7"])


async def test_a_cohort_runs_the_30_day_form_while_the_others_keep_the_weekly_one(evening: Harness) -> None:
    mine = await _enroll(evening, cohort="Evening")
    other = await _enroll(evening, OTHER)
    planned = await _plan(evening, DUE_UTC - dt.timedelta(minutes=10))
    assert dict(planned) == {mine: ["BAM (30-day)", "PHQ-9", "GAD-7"], other: ["BAM (weekly)", "PHQ-9", "GAD-7"]}
    with time_machine.travel(DUE_UTC, tick=False):
        [first] = await evening.send(CLIENT, "/weekly bam")
        assert "BAM (30-day)" in first
        [first] = await evening.send(OTHER, "/weekly bam")
        assert "BAM (weekly)" in first
    nextweek = (await _plan(evening, DUE_UTC + dt.timedelta(weeks=1) - dt.timedelta(minutes=10)))[len(planned) :]
    assert nextweek == [(other, ["BAM (weekly)"])]  # weekly for the others; the cohort's comes every four weeks


async def _save(harness: Harness, person_id: int, key: str, at: dt.datetime, **days: int) -> None:
    """A stored submission: every item at its lowest answer, except the items given (i4=3)."""
    q = get(key)
    assert q is not None
    answers = {i.id: days.get(f"i{i.id}", i.options[0].value if i.options else 0) for i in q.items}
    with time_machine.travel(at, tick=False):
        async with harness.db.session() as s, s.begin():
            await store.save(s, person_id, q, answers)


async def test_each_form_is_its_own_series_for_the_therapist_and_the_client(harness: Harness) -> None:
    therapist = await harness.enroll(THERAPIST, Role.THERAPIST)
    client = (await harness.enroll(CLIENT, therapist_id=therapist.id, person_code="C-7901")).id
    await _save(harness, client, "bam7", DUE_UTC, i11=7)  # Risk 4
    await _save(harness, client, "bam7", DUE_UTC + dt.timedelta(weeks=1), i11=2)  # Risk 2
    await _save(harness, client, "bam30", DUE_UTC + dt.timedelta(weeks=2), i11=20, i13=12)  # Risk 4, Protective 3
    with time_machine.travel(DUE_UTC + dt.timedelta(weeks=2, hours=1), tick=False):
        [view] = [r for r in await harness.send(THERAPIST, "/client C-7901") if "Questionnaires" in r]
        [caseload] = await harness.send(THERAPIST, "/caseload")
        [progress] = await harness.send(CLIENT, "/progress")
    weekly = next(x for x in view.splitlines() if x.startswith("BAM (weekly) ·"))
    monthly = next(x for x in view.splitlines() if x.startswith("BAM (30-day) ·"))
    assert "Risk 2 (below the risk line)" in weekly and "Risk 4 (below the risk line)" in monthly
    assert "Risk 4 → 2" in view and "Risk 4 → 4" not in view  # the weekly trend alone; the 30-day one has one point
    line = next(x for x in caseload.splitlines() if "C-7901" in x)
    assert line.endswith("BAM Risk 4"), line  # the form answered last, no arrow: nothing of its own to compare
    assert [m.method for m in harness.req.sent if m.chat_id == THERAPIST].count("sendPhoto") == 1  # the scores chart
    assert f"BAM (weekly) ({texts.Q_TREND_ABOUT['bam7']}): 0 → 0." in progress
    assert f"BAM (30-day) ({texts.Q_TREND_ABOUT['bam30']}): 3." in progress


async def test_measures_averages_the_30_day_form_as_its_own_series(monthly: Harness) -> None:
    with time_machine.travel(ENROLLED, tick=False):
        await monthly.enroll(STAFF, Role.STAFF)
    people = [await _enroll(monthly, uid, cohort="evening") for uid in range(7910, 7915)]
    for n, person in enumerate(people):
        await _save(monthly, person, "bam30", DUE_UTC + dt.timedelta(hours=1), i4=[0, 1, 2, 5, 20][n])
    with time_machine.travel(DUE_UTC + dt.timedelta(days=2), tick=False):
        [shown] = await monthly.send(STAFF, "/measures evening")
    assert "BAM (30-day) Use: · → · → · → · → · → · → · → 1.6" in shown  # bands 0, 1, 1, 2, 4
    assert "BAM (weekly)" not in shown
