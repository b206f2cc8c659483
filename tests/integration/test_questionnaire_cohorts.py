"""/measures through the real Application: a cohort's completion this week and its average scores by
week, for staff only, and never a figure from fewer than five clients."""

from __future__ import annotations

import datetime as dt

import time_machine
from sqlalchemy import select

from bot import texts
from bot.db.models import AuditEntry, Role
from bot.domain.questionnaires import store
from bot.domain.questionnaires.definitions import get
from tests.support.harness import Harness

STAFF, THERAPIST = 8901, 8902
EVENING = [8911, 8912, 8913, 8914, 8915, 8916]
MORNING = [8921, 8922]
ENROLLED = dt.datetime(2027, 1, 6, 15, 0, tzinfo=dt.UTC)  # a Wednesday: the first due day is Monday 11 Jan
LOOK = dt.datetime(2027, 1, 13, 17, 0, tzinfo=dt.UTC)  # the Wednesday after


async def _setup(harness: Harness) -> dict[int, int]:
    """Staff, a therapist, six evening clients and two morning ones; telegram id -> person id."""
    with time_machine.travel(ENROLLED, tick=False):
        await harness.enroll(STAFF, Role.STAFF)
        therapist = await harness.enroll(THERAPIST, Role.THERAPIST)
        people = {}
        for uid in EVENING:
            people[uid] = (await harness.enroll(uid, therapist_id=therapist.id, cohort="Evening")).id
        for uid in MORNING:
            people[uid] = (await harness.enroll(uid, therapist_id=therapist.id, cohort="morning")).id
    return people


async def _submit(harness: Harness, person_id: int, key: str, at: dt.datetime, **values: int) -> None:
    """A stored submission: every item at its first option, except those given."""
    q = get(key)
    assert q is not None
    answers = {item.id: values.get(f"i{item.id}", item.options[0].value) for item in q.items}
    with time_machine.travel(at, tick=False):
        async with harness.db.session() as s, s.begin():
            await store.save(s, person_id, q, answers)


async def _measures(harness: Harness, text: str) -> str:
    with time_machine.travel(LOOK, tick=False):
        [shown] = await harness.send(STAFF, text)
    return shown


async def test_a_cohort_s_completion_this_week_and_averages_from_five_or_more_only(harness: Harness) -> None:
    people = await _setup(harness)
    thursday = dt.datetime(2027, 1, 7, 17, 0, tzinfo=dt.UTC)  # the week before: before anything was due
    for uid in EVENING[:5]:
        await _submit(harness, people[uid], "phq9", thursday, i1=3, i2=3)  # 6 each
    await _submit(harness, people[EVENING[0]], "phq9", thursday + dt.timedelta(hours=1), i1=1)  # their last: 1
    monday = dt.datetime(2027, 1, 12, 0, 30, tzinfo=dt.UTC)  # Monday evening in New York
    for n, uid in enumerate(EVENING[:5], start=1):  # PHQ-9 totals 1 to 5: the mean is 3
        await _submit(harness, people[uid], "phq9", monday, i1=min(n, 3), i2=max(0, n - 3))
    for uid in EVENING[:4]:  # four answer everything; the fifth only the PHQ-9; the sixth nothing
        await _submit(harness, people[uid], "gad7", monday)
        await _submit(harness, people[uid], "bam7", monday)
    shown = await _measures(harness, "/measures evening")
    assert shown.splitlines()[0] == "<b>Questionnaires · evening</b> (6 active clients)"
    assert "Due in the last 7 days: 4 of 6 clients answered everything (67%); 13 of 18 questionnaires." in shown
    assert "from the week of Mon 23 Nov" in shown
    # Each client counts once a week, with their last: (1 + 4 × 6) / 5 = 5; this week's totals 1 to 5.
    assert "PHQ-9: · → · → · → · → · → · → 5 → 3" in shown
    assert "GAD-7: · → · → · → · → · → · → · → ·" in shown  # four only: no figure
    assert "BAM (weekly) Risk: · → · → · → · → · → · → · → ·" in shown
    assert "BAM (30-day)" not in shown  # a form the schedule does not name, and nobody answered
    for uid in EVENING:  # no client is named
        assert str(uid) not in shown
    async with harness.db.session() as s:
        [entry] = (await s.execute(select(AuditEntry).where(AuditEntry.action == "questionnaires.cohort_viewed"))).all()
    assert entry is not None


async def test_everyone_with_the_list_of_cohorts_and_a_small_cohort_shows_nothing(harness: Harness) -> None:
    await _setup(harness)
    everyone = await _measures(harness, "/measures")
    assert everyone.splitlines()[0] == "<b>Questionnaires · all clients</b> (8 active clients)"
    assert "Due in the last 7 days: 0 of 8 clients answered everything (0%); 0 of 24 questionnaires." in everyone
    assert everyone.splitlines()[-1] == texts.Q_COHORT_LIST.format(cohorts="evening (6), morning (2)")
    small = await _measures(harness, "/measures Morning")
    assert small.splitlines()[1] == texts.Q_COHORT_SMALL.format(min=5, cohort="morning")
    assert "Due in the last" not in small and "PHQ-9" not in small


async def test_an_unknown_cohort_names_the_ones_there_are(harness: Harness) -> None:
    await _setup(harness)
    shown = await _measures(harness, "/measures <b>night</b>")
    assert shown.splitlines() == [
        "No active client is in a cohort called “&lt;b&gt;night&lt;/b&gt;”.",
        texts.Q_COHORT_LIST.format(cohorts="evening (6), morning (2)"),
    ]


async def test_therapists_and_clients_are_refused(harness: Harness) -> None:
    await _setup(harness)
    for uid in (THERAPIST, EVENING[0]):
        with time_machine.travel(LOOK, tick=False):
            assert await harness.send(uid, "/measures evening") == [
                texts.WRONG_ROLE.format(command="measures", who="clinic staff")
            ]
