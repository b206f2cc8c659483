"""Rewards for showing up (contingency management), through the real Application: off by default, points for
check-ins, tests with the prize-bowl draws, prizes, corrections, who may do what, and what bad input gets."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import time_machine
from sqlalchemy import select

from bot import texts
from bot.db.models import OutboxMessage, Role
from bot.db.reward_models import RewardEntry
from tests.conftest import make_settings
from tests.support.checkin import check_in
from tests.support.harness import Harness, running

CLIENT, STAFF, THERAPIST, OTHER = 8101, 8102, 8103, 8104
T0 = dt.datetime(2026, 11, 2, 15, 0, tzinfo=dt.UTC)  # a Monday, 10:00 in New York


@pytest.fixture
async def on(tmp_path: Path) -> AsyncIterator[Harness]:
    """The Application at a clinic that turned rewards on."""
    async with running(make_settings(tmp_path, rewards_enabled=True)) as h:
        yield h


async def entries(h: Harness) -> list[RewardEntry]:
    async with h.db.session() as s:
        return list((await s.scalars(select(RewardEntry).order_by(RewardEntry.id))).all())


async def team(h: Harness) -> str:
    """Enrols staff, a therapist and their client; returns the client's code."""
    await h.enroll(STAFF, Role.STAFF)
    therapist = await h.enroll(THERAPIST, Role.THERAPIST)
    client = await h.enroll(CLIENT, therapist_id=therapist.id)
    return client.code


async def test_off_by_default_nothing_is_earned_and_the_commands_say_so(harness: Harness) -> None:
    with time_machine.travel(T0, tick=False):
        code = await team(harness)
        await check_in(harness, CLIENT)
        assert await harness.send(CLIENT, "/rewards") == [texts.REWARDS_OFF]
        assert await harness.send(STAFF, f"/test {code} negative") == [texts.REWARDS_OFF_STAFF]
        assert await harness.send(STAFF, f"/prize {code} 1 coffee") == [texts.REWARDS_OFF_STAFF]
        [help_text] = await harness.send(CLIENT, "/help")
    assert "/rewards" not in help_text
    assert await entries(harness) == []


async def test_a_check_in_earns_a_point_once_a_day_and_rewards_shows_it(on: Harness) -> None:
    with time_machine.travel(T0, tick=False):
        await team(on)
        saved = await check_in(on, CLIENT)
        assert "⭐ +1 point. /rewards shows your total." in saved[-1]
        again = await check_in(on, CLIENT)  # the same day, changed: no second point
        assert "⭐" not in again[-1]
        [shown] = await on.send(CLIENT, "/rewards")
        [help_text] = await on.send(CLIENT, "/help")
    assert "Points: <b>1</b>" in shown and "daily check-in: +1 point" in shown
    assert "The next negative test earns 1 draw" in shown
    assert "/rewards" in help_text
    [row] = await entries(on)
    assert (row.kind, row.points, row.draws, row.source) == ("checkin", 1, 0, "checkin:2026-11-02")


async def test_negative_tests_earn_more_draws_each_week_and_a_positive_one_starts_again(on: Harness) -> None:
    with time_machine.travel(T0, tick=False) as clock:
        code = await team(on)
        first = await on.send(STAFF, f"/test {code.lower()} negative")
        assert f"Recorded for {code}: a negative test" in first[0] and "5 points and 1 draw" in first[0]
        clock.shift(dt.timedelta(weeks=1))
        second = await on.send(STAFF, f"/test {code} negative")
        assert "2 draws: 2 weeks in a row. They now have 3 draws to use." in second[0]
        clock.shift(dt.timedelta(days=2))
        [reset] = await on.send(STAFF, f"/test {code} positive")
        assert "a positive test" in reset and "next negative test earns 1 draw again" in reset
        clock.shift(dt.timedelta(days=1))
        [after] = await on.send(STAFF, f"/test {code} Negativo")  # either language
        assert "1 draw: 1 week in a row. They now have 4 draws to use." in after
        await on.delivery.run_once()
    assert "⭐ You earned 5 points and 1 draw from the prize bowl." in on.req.texts(CLIENT)[-1]  # delivered
    async with on.db.session() as s:
        rows = (await s.scalars(select(OutboxMessage).where(OutboxMessage.kind == "reward"))).all()
    pushes = [json.loads(r.payload)["text"] for r in rows]
    assert len(pushes) == 3 and all(r.chat_id == CLIENT for r in rows)
    assert "⭐ You earned 5 points and 1 draw from the prize bowl. Well done! /rewards shows your total." in pushes
    assert "⭐ You earned 5 points and 2 draws from the prize bowl. Well done! /rewards shows your total." in pushes
    assert not any("test" in p for p in pushes)  # a lock screen never says what earned it
    kinds = [(e.kind, e.points, e.draws) for e in await entries(on)]
    assert kinds == [("test_negative", 5, 1), ("test_negative", 5, 2), ("test_positive", 0, 0), ("test_negative", 5, 1)]


async def test_one_test_a_day_until_the_first_is_corrected(on: Harness) -> None:
    with time_machine.travel(T0, tick=False):
        code = await team(on)
        await on.send(STAFF, f"/test {code} positive")
        [first] = await entries(on)
        [refused] = await on.send(STAFF, f"/test {code} negative")
        assert refused == texts.TEST_SAME_DAY.format(code=code, id=first.id)
        [done] = await on.send(STAFF, f"/correct {first.id} wrong cup")
        assert done.startswith(f"Entry #{first.id} is reversed by entry #")
        [fixed] = await on.send(STAFF, f"/test {code} negative")
        assert "a negative test" in fixed and "1 draw" in fixed
        [view] = await on.send(STAFF, f"/rewards {code}")
    assert f"<s>#{first.id} " in view and "(corrected)" in view and f"correction #{first.id} (wrong cup)" in view
    rows = await entries(on)
    assert [(e.kind, e.corrects_id) for e in rows] == [
        ("test_positive", None),
        ("correction", first.id),
        ("test_negative", None),
    ]


async def test_prizes_spend_draws_or_points_never_more_than_there_are(on: Harness) -> None:
    with time_machine.travel(T0, tick=False):
        code = await team(on)
        await on.send(STAFF, f"/test {code} negative")  # 5 points, 1 draw
        [short] = await on.send(STAFF, f"/prize {code} 2 movie ticket")
        assert short == f"{code} has 5 points and 1 draw: not enough for that. Nothing was saved."
        [drawn] = await on.send(STAFF, f"/prize {code} 1 coffee voucher")
        assert drawn.startswith(f"Recorded for {code}: 1 draw for “coffee voucher”")
        assert drawn.endswith("Left: 5 points and 0 draws.")
        [spent] = await on.send(STAFF, f"/prize {code} 4 points bus pass")
        assert "4 points for “bus pass”" in spent and spent.endswith("Left: 1 point and 0 draws.")
        [mine] = await on.send(CLIENT, "/rewards")
    assert "Points: <b>1</b>" in mine and "to use at the clinic: <b>0</b>" in mine
    assert "prize: −4 points" in mine and "prize: −1 draw" in mine
    assert "bus pass" not in mine  # what staff wrote stays on the team's side


async def test_corrections_are_entries_once_and_never_of_a_correction(on: Harness) -> None:
    with time_machine.travel(T0, tick=False):
        code = await team(on)
        await on.send(STAFF, f"/test {code} negative")
        [test] = await entries(on)
        [done] = await on.send(STAFF, f"/correct #{test.id} wrong client")
        assert "(−5 points, −1 draw)" in done
        correction = (await entries(on))[-1]
        assert await on.send(STAFF, f"/correct {test.id} again") == [
            texts.CORRECT_ALREADY.format(id=test.id, by=correction.id)
        ]
        assert await on.send(STAFF, f"/correct {correction.id} undo") == [
            texts.CORRECT_IS_CORRECTION.format(id=correction.id)
        ]
        assert await on.send(STAFF, "/correct 999 nope") == [texts.CORRECT_UNKNOWN.format(id=999)]
        [mine] = await on.send(CLIENT, "/rewards")
    assert "Points: <b>0</b>" in mine and "to use at the clinic: <b>0</b>" in mine
    assert len(await entries(on)) == 2


async def test_the_database_refuses_to_change_an_entry(on: Harness) -> None:
    with time_machine.travel(T0, tick=False):
        code = await team(on)
        await on.send(STAFF, f"/test {code} negative")
    with pytest.raises(Exception, match="never changed"):
        async with on.db.session() as s, s.begin():
            row = (await s.scalars(select(RewardEntry))).one()
            row.points = 500
    assert [e.points for e in await entries(on)] == [5]


async def test_who_may_do_what(on: Harness) -> None:
    with time_machine.travel(T0, tick=False):
        code = await team(on)
        await on.enroll(OTHER, Role.THERAPIST)
        assert await on.send(CLIENT, f"/test {code} negative") == [
            texts.WRONG_ROLE.format(command="test", who="clinic staff")
        ]
        assert await on.send(THERAPIST, f"/prize {code} 1 x") == [
            texts.WRONG_ROLE.format(command="prize", who="clinic staff")
        ]
        assert await on.send(OTHER, f"/rewards {code}") == [texts.REWARDS_NOT_YOURS.format(code=code)]
        [own] = await on.send(THERAPIST, f"/rewards {code}")
        assert own.startswith(f"⭐ <b>Rewards of {code}</b>")
        assert await on.send(8199, "/rewards") != []  # someone not enrolled gets the guest reply, not a ledger
    assert await entries(on) == []


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("/test", texts.TEST_USAGE),
        ("/test {code}", texts.TEST_USAGE),
        ("/test {code} maybe", texts.TEST_USAGE),
        ("/test C-0000 negative", texts.REWARD_CLIENT_NOT_FOUND.format(code="C-0000")),
        ("/prize {code}", texts.PRIZE_USAGE),
        ("/prize {code} two coffee", texts.PRIZE_USAGE),
        ("/prize {code} 0 coffee", texts.PRIZE_USAGE),
        ("/prize {code} 3 points", texts.PRIZE_USAGE),
        ("/correct", texts.CORRECT_USAGE),
        ("/correct 12", texts.CORRECT_USAGE),
        ("/correct twelve wrong", texts.CORRECT_USAGE),
        ("/rewards", texts.REWARDS_USAGE),
        ("/rewards C-0000", texts.REWARD_CLIENT_NOT_FOUND.format(code="C-0000")),
    ],
)
async def test_bad_input_gets_its_usage_and_saves_nothing(on: Harness, command: str, expected: str) -> None:
    with time_machine.travel(T0, tick=False):
        code = await team(on)
        assert await on.send(STAFF, command.format(code=code)) == [expected]
    assert await entries(on) == []


async def test_export_lists_the_ledger_and_erasure_removes_it(on: Harness) -> None:
    from bot.domain.records import data_rights

    with time_machine.travel(T0, tick=False):
        code = await team(on)
        await on.send(STAFF, f"/test {code} negative")
        await on.send(STAFF, f"/prize {code} 1 coffee")
    client = await on.person(CLIENT)
    assert client is not None
    async with on.db.session() as s, s.begin():
        exported = await data_rights.export(s, client.id)
    ledger = json.loads(exported.other_json)["rewards"]
    assert [(e["kind"], e["points"], e["draws"], e["note"]) for e in ledger] == [
        ("test_negative", 5, 1, None),
        ("prize", 0, -1, "coffee"),
    ]
    async with on.db.session() as s, s.begin():
        await data_rights.erase(s, client.id)
    assert await entries(on) == []
    async with on.db.session() as s:
        pushes = (await s.scalars(select(OutboxMessage).where(OutboxMessage.kind == "reward"))).all()
    assert all(json.loads(p.payload)["text"] == "" for p in pushes)


async def test_attendance_earns_points_once_and_unmarking_reverses_them(tmp_path: Path) -> None:
    """Staff mark the client in /attendance: points and a push; marked excused later: a correction; came again:
    earned again. Saving twice earns nothing more."""
    from conversations.meetings import attendance
    from tests.support import meetings

    h = Harness(make_settings(tmp_path, rewards_enabled=True))
    await h.start()
    monday = dt.datetime(2026, 3, 2, 23, 0, tzinfo=dt.UTC)  # the evening group, 18:00 in New York
    try:
        with time_machine.travel(meetings.T0, tick=False) as clock:
            therapist = await h.enroll(THERAPIST, Role.THERAPIST)
            person = await h.enroll(CLIENT, therapist_id=therapist.id)
            series_id = await meetings.add_series(h.db)
            clock.move_to(monday + dt.timedelta(hours=3))
            at = int(monday.timestamp())
            toggle = attendance.Toggle(series=series_id, at=at, person=person.id).pack()
            save = attendance.SaveAttendance(series=series_id, at=at).pack()
            await h.press(THERAPIST, attendance.PickSession(series=series_id, at=at).pack())
            await h.press(THERAPIST, toggle)  # came
            await h.press(THERAPIST, save)
            await h.press(THERAPIST, save)  # pressed twice: once
            earned = [(e.kind, e.points) for e in await entries(h)]
            await h.press(THERAPIST, toggle)  # late: still came
            await h.press(THERAPIST, toggle)  # excused
            await h.press(THERAPIST, save)
            reversed_ = [(e.kind, e.points) for e in await entries(h)]
            await h.press(THERAPIST, toggle)  # unmarked
            await h.press(THERAPIST, toggle)  # came after all
            await h.press(THERAPIST, save)
            await h.delivery.run_once()
        assert earned == [("attendance", 3)]
        assert reversed_ == [("attendance", 3), ("correction", -3)]
        rows = await entries(h)
        assert [(e.kind, e.points, e.source) for e in rows][-1] == ("attendance", 3, f"attendance:{series_id}:{at}#1")
        assert "⭐ You earned 3 points. /rewards shows your total." in h.req.texts(CLIENT)
        assert not h.crashed()
    finally:
        await h.stop()


async def test_a_weekly_questionnaire_earns_once_a_week(on: Harness) -> None:
    from bot.domain.rewards import ledger
    from bot.domain.rewards.rules import QUESTIONNAIRE, RewardRules

    rules = RewardRules(enabled=True)
    with time_machine.travel(T0, tick=False):
        person = await on.enroll(CLIENT)
    async with on.db.session() as s, s.begin():
        first = await ledger.earn(s, rules, person.id, QUESTIONNAIRE, "bam7:2026-W45", T0)
        again = await ledger.earn(s, rules, person.id, QUESTIONNAIRE, "bam7:2026-W45", T0)
        other = await ledger.earn(s, rules, person.id, QUESTIONNAIRE, "phq9:2026-W45", T0)
        off = await ledger.earn(s, RewardRules(), person.id, QUESTIONNAIRE, "gad7:2026-W45", T0)
    assert first is not None and first.points == 2 and again is None and other is not None and off is None
