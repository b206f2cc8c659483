"""The prize-bowl rule: draws grow by one for each week in a row with a negative test, reset after a positive
or missed one, and a week without a test breaks the run; amounts come from settings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.domain.rewards.rules import MISSED, NEGATIVE, POSITIVE, RewardRules, draws_for_negative, run_level, week_of
from tests.conftest import make_settings

MON = dt.date(2026, 11, 2)  # a Monday


def week(n: int, day: int = 0) -> dt.date:
    return MON + dt.timedelta(weeks=n, days=day)


def test_the_first_negative_test_earns_one_draw() -> None:
    assert draws_for_negative([], week(0), cap=10) == 1


def test_each_week_in_a_row_earns_one_more() -> None:
    earlier = [(week(0), NEGATIVE), (week(1, 3), NEGATIVE), (week(2, 4), NEGATIVE)]
    assert draws_for_negative(earlier, week(3, 1), cap=10) == 4


def test_two_tests_in_one_week_earn_that_weeks_number_both_times() -> None:
    earlier = [(week(0), NEGATIVE), (week(1, 0), NEGATIVE)]
    assert draws_for_negative(earlier, week(1, 3), cap=10) == 2


@pytest.mark.parametrize("reset", [POSITIVE, MISSED])
def test_a_positive_or_missed_test_starts_again_at_one(reset: str) -> None:
    earlier = [(week(0), NEGATIVE), (week(1), NEGATIVE), (week(2), NEGATIVE), (week(3), reset)]
    assert draws_for_negative(earlier, week(4), cap=10) == 1
    assert draws_for_negative([*earlier, (week(4), NEGATIVE)], week(5), cap=10) == 2


def test_a_reset_earlier_the_same_week_still_resets() -> None:
    earlier = [(week(0), NEGATIVE), (week(1, 0), POSITIVE)]
    assert draws_for_negative(earlier, week(1, 3), cap=10) == 1


def test_a_week_without_a_test_breaks_the_run() -> None:
    earlier = [(week(0), NEGATIVE), (week(1), NEGATIVE)]
    assert draws_for_negative(earlier, week(3), cap=10) == 1


def test_the_draws_stop_growing_at_the_cap() -> None:
    earlier = [(week(n), NEGATIVE) for n in range(12)]
    assert draws_for_negative(earlier, week(12), cap=5) == 5
    assert run_level(earlier) == (12, week(11))


def test_weeks_start_on_monday() -> None:
    assert week_of(dt.date(2026, 11, 8)) == MON  # a Sunday belongs to the week before
    assert week_of(dt.date(2026, 11, 9)) == week(1)


def test_rewards_are_off_unless_the_clinic_turns_them_on(tmp_path: Path) -> None:
    assert RewardRules.from_settings(make_settings(tmp_path)).enabled is False
    rules = RewardRules.from_settings(make_settings(tmp_path, rewards_enabled=True, reward_points_checkin=2))
    assert rules.enabled and rules.points_for("checkin") == 2 and rules.points_for("attendance") == 3


def test_amounts_are_checked() -> None:
    with pytest.raises(ValueError, match="draws_max"):
        RewardRules(draws_max=0)
    with pytest.raises(ValueError, match="checkin_points"):
        RewardRules(checkin_points=-1)
