"""Risk rules on check-ins: each rule, its boundaries, and clients with little or no history."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.core.config import load_settings
from bot.domain.safety.risk import CheckinFacts, Flag, RiskRules, RuleCode, Severity, Use, evaluate, missed_checkins

TODAY = dt.date(2026, 12, 10)
RULES = RiskRules()


def day(back: int, craving: int = 2, mood: int = 3, used: Use = "no", **kw: bool) -> CheckinFacts:
    """A check-in `back` days before TODAY."""
    return CheckinFacts(
        TODAY - dt.timedelta(days=back),
        craving,
        mood,
        used,
        2,
        kw.get("safety_yes", False),
        kw.get("note_flagged", False),
    )


def rules_of(flags: list[Flag]) -> set[RuleCode]:
    return {f.rule for f in flags}


def test_an_ordinary_checkin_without_history_raises_nothing() -> None:
    assert evaluate(day(0), [], TODAY, RULES) == []


def test_safety_yes_and_a_flagged_note_are_crises() -> None:
    flags = evaluate(day(0, safety_yes=True, note_flagged=True), [], TODAY, RULES)
    assert [(f.severity, f.rule) for f in flags] == [
        (Severity.CRISIS, RuleCode.SAFETY_YES),
        (Severity.CRISIS, RuleCode.NOTE_CRISIS),
    ]


@pytest.mark.parametrize(("used", "flagged"), [("yes", True), ("no", False), ("undisclosed", False)])
def test_reported_use_is_high(used: Use, flagged: bool) -> None:
    flags = evaluate(day(0, used=used), [], TODAY, RULES)
    assert (RuleCode.REPORTED_USE in rules_of(flags)) is flagged
    if flagged:
        assert flags[0].severity is Severity.HIGH


@pytest.mark.parametrize(("craving", "flagged"), [(7, False), (8, True), (10, True)])
def test_high_craving_boundary(craving: int, flagged: bool) -> None:
    flags = evaluate(day(0, craving=craving), [], TODAY, RULES)
    assert (RuleCode.HIGH_CRAVING in rules_of(flags)) is flagged
    if flagged:
        assert flags[0].explanation == f"craving {craving} of 10"


def test_craving_four_above_own_mean_is_high_and_explained() -> None:
    history = [day(1, craving=3), day(2, craving=3), day(3, craving=3)]
    flags = evaluate(day(0, craving=7), history, TODAY, RULES)
    jump = next(f for f in flags if f.rule is RuleCode.CRAVING_ABOVE_MEAN)
    assert jump.severity is Severity.HIGH
    assert jump.explanation == "craving 7, 7-day mean 3 (3 check-ins)"
    assert RuleCode.HIGH_CRAVING not in rules_of(flags)  # 7 is below the absolute threshold


def test_craving_just_under_four_above_mean_is_not_flagged() -> None:
    history = [day(1, craving=3), day(2, craving=3), day(3, craving=4)]  # mean 3.33
    assert RuleCode.CRAVING_ABOVE_MEAN not in rules_of(evaluate(day(0, craving=7), history, TODAY, RULES))


def test_mean_needs_three_days_of_history() -> None:
    two = [day(1, craving=1), day(2, craving=1)]
    assert RuleCode.CRAVING_ABOVE_MEAN not in rules_of(evaluate(day(0, craving=7), two, TODAY, RULES))
    three = [*two, day(3, craving=1)]
    assert RuleCode.CRAVING_ABOVE_MEAN in rules_of(evaluate(day(0, craving=7), three, TODAY, RULES))


def test_mean_uses_only_the_seven_days_before() -> None:
    old = [day(8, craving=0), day(9, craving=0), day(10, craving=0)]  # outside the window
    assert RuleCode.CRAVING_ABOVE_MEAN not in rules_of(evaluate(day(0, craving=6), old, TODAY, RULES))
    edge = [day(7, craving=0), day(6, craving=0), day(5, craving=0)]  # day 7 is inside
    assert RuleCode.CRAVING_ABOVE_MEAN in rules_of(evaluate(day(0, craving=6), edge, TODAY, RULES))


def test_history_may_contain_the_checkin_itself_and_later_days() -> None:
    today = day(0, craving=7)
    history = [today, day(1, craving=3), day(2, craving=3), day(3, craving=3), day(-1, craving=9)]
    flags = evaluate(today, history, TODAY, RULES)
    assert next(f for f in flags if f.rule is RuleCode.CRAVING_ABOVE_MEAN).explanation.endswith("(3 check-ins)")


def test_low_mood_exactly_three_days_running_is_medium() -> None:
    flags = evaluate(day(0, mood=1), [day(1, mood=1), day(2, mood=1)], TODAY, RULES)
    streak = next(f for f in flags if f.rule is RuleCode.LOW_MOOD_STREAK)
    assert streak.severity is Severity.MEDIUM
    assert streak.explanation == "mood 1 of 5, at the bottom 3 days running"


@pytest.mark.parametrize(
    "history",
    [
        [day(1, mood=1)],  # only two days
        [day(1, mood=1), day(2, mood=2)],  # one day not at the bottom
        [day(1, mood=1), day(3, mood=1)],  # a missed day breaks the run
    ],
)
def test_low_mood_not_three_days_running_is_not_flagged(history: list[CheckinFacts]) -> None:
    assert RuleCode.LOW_MOOD_STREAK not in rules_of(evaluate(day(0, mood=1), history, TODAY, RULES))


def test_low_mood_needs_today_at_the_bottom_too() -> None:
    assert RuleCode.LOW_MOOD_STREAK not in rules_of(
        evaluate(day(0, mood=2), [day(1, mood=1), day(2, mood=1)], TODAY, RULES)
    )


def test_craving_rising_over_the_week_is_medium() -> None:
    history = [day(4, craving=1), day(3, craving=2), day(2, craving=2), day(1, craving=3)]
    flags = evaluate(day(0, craving=4), history, TODAY, RULES)  # slope 0.7/day, 5 points
    trend = next(f for f in flags if f.rule is RuleCode.CRAVING_RISING)
    assert trend.severity is Severity.MEDIUM
    assert trend.explanation == "craving rising 0.7 a day over 7 days (1 to 4, 5 check-ins)"


def test_craving_trend_needs_five_points() -> None:
    history = [day(3, craving=1), day(2, craving=2), day(1, craving=3)]
    assert RuleCode.CRAVING_RISING not in rules_of(evaluate(day(0, craving=4), history, TODAY, RULES))


def test_craving_trend_slope_boundary() -> None:
    # Exactly 0.5 a day over five consecutive days is flagged; 0.3 is not.
    exact = [day(4, craving=0), day(3, craving=1), day(2, craving=1), day(1, craving=2)]
    assert RuleCode.CRAVING_RISING in rules_of(evaluate(day(0, craving=2), exact, TODAY, RULES))
    gentle = [day(4, craving=1), day(3, craving=1), day(2, craving=1), day(1, craving=2)]
    assert RuleCode.CRAVING_RISING not in rules_of(evaluate(day(0, craving=2), gentle, TODAY, RULES))


def test_one_odd_day_does_not_make_a_trend() -> None:
    history = [day(5, craving=0), day(4, craving=9), day(3, craving=0), day(2, craving=0), day(1, craving=0)]
    assert RuleCode.CRAVING_RISING not in rules_of(evaluate(day(0, craving=1), history, TODAY, RULES))


def test_several_rules_can_fire_together() -> None:
    history = [day(3, craving=1, mood=1), day(2, craving=2, mood=1), day(1, craving=3, mood=1), day(4, craving=0)]
    flags = evaluate(day(0, craving=9, mood=1, used="yes", safety_yes=True), history, TODAY, RULES)
    assert rules_of(flags) == {
        RuleCode.SAFETY_YES,
        RuleCode.REPORTED_USE,
        RuleCode.HIGH_CRAVING,
        RuleCode.CRAVING_ABOVE_MEAN,
        RuleCode.LOW_MOOD_STREAK,
        RuleCode.CRAVING_RISING,
    }
    assert flags[0].severity is Severity.CRISIS


@pytest.mark.parametrize(("gap", "flagged"), [(0, False), (2, False), (3, True), (10, True)])
def test_missed_checkins_boundary(gap: int, flagged: bool) -> None:
    flag = missed_checkins(TODAY - dt.timedelta(days=gap), TODAY, RULES)
    assert (flag is not None) is flagged
    if flag is not None:
        assert flag.severity is Severity.MEDIUM
        assert flag.rule is RuleCode.MISSED_CHECKINS
        assert flag.explanation == f"no check-in for {gap} days (last {(TODAY - dt.timedelta(days=gap)).isoformat()})"


def test_missed_checkins_ignores_clients_who_never_checked_in() -> None:
    assert missed_checkins(None, TODAY, RULES) is None


def test_rules_follow_settings_and_refuse_nonsense() -> None:
    rules = RiskRules.from_settings(load_settings(risk_high_craving=9, risk_missed_days=5, risk_trend_slope=1.0))
    assert (rules.high_craving, rules.missed_days, rules.trend_slope) == (9, 5, 1.0)
    assert RuleCode.HIGH_CRAVING not in rules_of(evaluate(day(0, craving=8), [], TODAY, rules))
    assert RiskRules.from_settings(load_settings()) == RiskRules()
    with pytest.raises(ValueError, match="high_craving"):
        RiskRules(high_craving=11)
