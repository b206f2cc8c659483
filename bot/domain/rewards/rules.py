"""The reward rules: what each verified behaviour earns, and how the prize-bowl draws grow and reset.

The prize-bowl method (Petry and colleagues; ../shared/reference/clinical.md): each negative test
earns draws from a bowl; the number grows by one for each consecutive week with a negative test and
goes back to one after a positive or missed test. A week with no test recorded breaks the run too.
Every amount is a setting; the clinic decides what the prizes are.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.core.config import Settings

CHECKIN, ATTENDANCE, QUESTIONNAIRE = "checkin", "attendance", "questionnaire"
NEGATIVE, POSITIVE, MISSED = "negative", "positive", "missed"
TEST_RESULTS = (NEGATIVE, POSITIVE, MISSED)
PRIZE, CORRECTION = "prize", "correction"


def test_kind(result: str) -> str:
    """The ledger kind of a test result: test_negative, test_positive, test_missed."""
    return f"test_{result}"


@dataclass(frozen=True)
class RewardRules:
    """What earns what; REWARDS_ENABLED and the REWARD_* settings."""

    enabled: bool = False
    checkin_points: int = 1
    attendance_points: int = 3
    questionnaire_points: int = 2
    negative_test_points: int = 5
    draws_max: int = 10  # the most draws one negative test earns, however long the run

    def __post_init__(self) -> None:
        amounts = ("checkin_points", "attendance_points", "questionnaire_points", "negative_test_points")
        problems = [f"{name} must be 0 or more" for name in amounts if getattr(self, name) < 0]
        if self.draws_max < 1:
            problems.append("draws_max must be at least 1")
        if problems:
            raise ValueError("reward rules: " + "; ".join(problems))

    @classmethod
    def from_settings(cls, settings: Settings) -> RewardRules:
        return cls(
            enabled=settings.rewards_enabled,
            checkin_points=settings.reward_points_checkin,
            attendance_points=settings.reward_points_attendance,
            questionnaire_points=settings.reward_points_questionnaire,
            negative_test_points=settings.reward_points_negative_test,
            draws_max=settings.reward_draws_max,
        )

    def points_for(self, kind: str) -> int:
        """The points one check-in, attendance or weekly questionnaire earns."""
        return {
            CHECKIN: self.checkin_points,
            ATTENDANCE: self.attendance_points,
            QUESTIONNAIRE: self.questionnaire_points,
        }[kind]


def week_of(day: dt.date) -> dt.date:
    """The Monday that starts `day`'s week."""
    return day - dt.timedelta(days=day.weekday())


def run_level(tests: Iterable[tuple[dt.date, str]]) -> tuple[int, dt.date | None]:
    """The weeks in a row with a negative test, and the last such week, after these results (oldest first).

    A positive or missed test ends the run (0, None); a gap of a week or more starts it again.
    Several negative tests in one week count that week once.
    """
    level, last = 0, None
    for day, result in tests:
        if result != NEGATIVE:
            level, last = 0, None
            continue
        week = week_of(day)
        if week == last:
            continue
        level = level + 1 if last is not None and (week - last).days == 7 else 1
        last = week
    return level, last


def draws_for_negative(earlier: Iterable[tuple[dt.date, str]], day: dt.date, cap: int) -> int:
    """The draws a negative test on `day` earns, given the earlier results (oldest first, uncorrected).

    Asked with today's date, it is what the next negative test would earn: /rewards shows it.
    """
    return min(run_level([*earlier, (day, NEGATIVE)])[0], cap)
