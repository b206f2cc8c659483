"""Flags from questionnaires: use on the BAM, Risk rising and Protective falling against the client's own
last three, PHQ-9 and GAD-7 moving up a band or by 5 points; each explained in words."""

from __future__ import annotations

import datetime as dt

from bot.domain.questionnaires import definitions
from bot.domain.questionnaires.flags import MeasureRules, evaluate
from bot.domain.questionnaires.store import Result

T = dt.datetime(2027, 1, 4, 12, tzinfo=dt.UTC)
RULES = MeasureRules()


def _bam(*subs: tuple[int, int, int]) -> list[Result]:
    return [
        Result(n, "bam7", T + dt.timedelta(weeks=n), None, None, {"use": u, "risk": r, "protective": p})
        for n, (u, r, p) in enumerate(subs)
    ]


def _totals(key: str, *points: tuple[int, str]) -> list[Result]:
    return [Result(n, key, T + dt.timedelta(weeks=n), t, b, {}) for n, (t, b) in enumerate(points)]


def _q(key: str) -> definitions.Questionnaire:
    q = definitions.get(key)
    assert q is not None
    return q


def test_any_use_on_the_bam_is_high() -> None:
    [flag] = evaluate(_q("bam7"), _bam((2, 5, 18)), RULES)
    assert (flag.severity, flag.rule) == ("high", "bam_use") and "Use 2 of 12" in flag.explanation


def test_risk_rising_against_the_mean_of_the_last_three() -> None:
    results = _bam((0, 9, 18), (0, 4, 18), (0, 5, 18), (0, 6, 18), (0, 8, 18))  # mean of 4, 5, 6 is 5
    [flag] = evaluate(_q("bam7"), results, RULES)
    assert (flag.severity, flag.rule) == ("medium", "bam_risk_rising")
    assert flag.explanation == "BAM Risk 8, up from a mean of 5.0 over the last 3."
    assert evaluate(_q("bam7"), results[:-1] + _bam((0, 7, 18))[-1:], RULES) == []  # up 2: under the line


def test_protective_falling() -> None:
    [flag] = evaluate(_q("bam7"), _bam((0, 5, 16), (0, 5, 12)), RULES)
    assert flag.rule == "bam_protective_falling" and "down from a mean of 16.0 over the last 1" in flag.explanation


def test_a_first_bam_without_use_flags_nothing() -> None:
    assert evaluate(_q("bam7"), _bam((0, 20, 4)), RULES) == []


def test_phq9_up_a_band_or_by_five_points() -> None:
    [flag] = evaluate(_q("phq9"), _totals("phq9", (9, "mild"), (10, "moderate")), RULES)
    assert flag.explanation == "PHQ-9 10, up from 9 (mild → moderate)." and flag.severity == "medium"
    [flag] = evaluate(_q("phq9"), _totals("phq9", (5, "mild"), (9, "mild"), (14, "moderate")), RULES)
    assert flag.rule == "phq9_rising"
    assert evaluate(_q("phq9"), _totals("phq9", (8, "mild"), (9, "mild")), RULES) == []
    assert evaluate(_q("gad7"), _totals("gad7", (12, "moderate"), (6, "mild")), RULES) == []
    assert evaluate(_q("gad7"), _totals("gad7", (3, "minimal")), RULES) == []


def test_the_30_day_bam_is_flagged_in_its_own_words_against_its_own_results() -> None:
    monthly = [
        Result(n, "bam30", T + dt.timedelta(weeks=4 * n), None, None, {"use": u, "risk": r, "protective": 18})
        for n, (u, r) in enumerate([(0, 4), (0, 5), (1, 9)])
    ]
    use, risk = evaluate(_q("bam30"), monthly, RULES)
    assert use.explanation == "BAM (30-day): use reported in the past 30 days (Use 1 of 12)."
    assert risk.explanation == "BAM (30-day) Risk 9, up from a mean of 4.5 over the last 2."
