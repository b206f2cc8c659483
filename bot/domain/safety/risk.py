"""Risk flags from check-ins: pure rules that turn a check-in and its history into flags.

No Telegram, no database: callers pass plain facts and get flags with a severity, a rule code
and a one-line explanation a therapist understands ("craving 9, 7-day mean 3").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from bot.core.config import Settings


class Severity(StrEnum):
    """How fast a human must look: crisis at once, high the same day, medium in the digest."""

    CRISIS = "crisis"
    HIGH = "high"
    MEDIUM = "medium"


class RuleCode(StrEnum):
    """Which rule raised a flag (stored with the flag; stable names)."""

    SAFETY_YES = "safety_yes"
    NOTE_CRISIS = "note_crisis"
    REPORTED_USE = "reported_use"
    HIGH_CRAVING = "high_craving"
    CRAVING_ABOVE_MEAN = "craving_above_mean"
    LOW_MOOD_STREAK = "low_mood_streak"
    CRAVING_RISING = "craving_rising"
    MISSED_CHECKINS = "missed_checkins"
    CRAVING_AFTER_TOOL = "craving_after_tool"  # still high after a coping tool (bot/domain/coping)
    MISSED_DOSES = "missed_doses"  # two shared medication reminders in a row not taken (bot/domain/coping/meds.py)


Use = Literal["yes", "no", "undisclosed"]


@dataclass(frozen=True, slots=True)
class CheckinFacts:
    """What the rules need from one check-in."""

    local_date: dt.date
    craving: int  # 0..10
    mood: int  # 1 (very bad) .. 5 (very good)
    used: Use
    sleep: int  # 1..3
    safety_yes: bool  # "yes" to the self-harm question
    note_flagged: bool  # the crisis screen flagged the free-text note as explicit


@dataclass(frozen=True, slots=True)
class Flag:
    severity: Severity
    rule: RuleCode
    explanation: str


@dataclass(frozen=True, slots=True)
class RiskRules:
    """Thresholds of the rules; defaults from reference/clinical.md, each a RISK_* setting."""

    high_craving: int = 8  # craving at or above: high
    craving_jump: int = 4  # craving this far above the client's own mean: high
    craving_mean_days: int = 7  # days before the check-in that make the mean
    craving_mean_min_days: int = 3  # fewer check-ins in those days: no mean, no flag
    low_mood: int = 1  # mood at or below counts as "at the bottom"
    low_mood_days: int = 3  # consecutive days at the bottom, the check-in's day included: medium
    trend_days: int = 7  # window of the rising-craving rule, the check-in's day included
    trend_min_points: int = 5  # check-ins needed in that window to call a trend
    trend_slope: float = 0.5  # least-squares craving slope per day at or above: medium
    missed_days: int = 3  # days since the last check-in: medium

    def __post_init__(self) -> None:
        problems = []
        if not 0 <= self.high_craving <= 10:
            problems.append("high_craving must be 0..10")
        if not 1 <= self.low_mood <= 5:
            problems.append("low_mood must be 1..5")
        if self.trend_min_points < 2 or self.trend_days < self.trend_min_points:
            problems.append("trend needs at least 2 points and a window at least that long")
        for name in ("craving_jump", "craving_mean_days", "craving_mean_min_days", "low_mood_days", "missed_days"):
            if getattr(self, name) < 1:
                problems.append(f"{name} must be at least 1")
        if self.trend_slope <= 0:
            problems.append("trend_slope must be above 0")
        if problems:
            raise ValueError("risk rules: " + "; ".join(problems))

    @classmethod
    def from_settings(cls, settings: Settings) -> RiskRules:
        return cls(
            high_craving=settings.risk_high_craving,
            craving_jump=settings.risk_craving_jump,
            craving_mean_days=settings.risk_craving_mean_days,
            craving_mean_min_days=settings.risk_craving_mean_min_days,
            low_mood=settings.risk_low_mood,
            low_mood_days=settings.risk_low_mood_days,
            trend_days=settings.risk_trend_days,
            trend_min_points=settings.risk_trend_min_points,
            trend_slope=settings.risk_trend_slope,
            missed_days=settings.risk_missed_days,
        )


def evaluate(checkin: CheckinFacts, history: Sequence[CheckinFacts], today: dt.date, rules: RiskRules) -> list[Flag]:
    """Flags for `checkin` given the client's earlier check-ins, strongest first.

    `history` may be in any order and may include `checkin` itself or later days: only days
    before the check-in (and not after `today`) count, one per day. Windows are anchored on
    the check-in's own date, so a late edit of yesterday is judged against yesterday's week.
    """
    day = checkin.local_date
    by_day = {c.local_date: c for c in history if c.local_date < day and c.local_date <= today}
    flags: list[Flag] = []
    if checkin.safety_yes:
        flags.append(Flag(Severity.CRISIS, RuleCode.SAFETY_YES, "answered yes to the self-harm question"))
    if checkin.note_flagged:
        flags.append(Flag(Severity.CRISIS, RuleCode.NOTE_CRISIS, "crisis language in the check-in note"))
    if checkin.used == "yes":
        flags.append(Flag(Severity.HIGH, RuleCode.REPORTED_USE, "reported use since the last check-in"))
    if checkin.craving >= rules.high_craving:
        flags.append(Flag(Severity.HIGH, RuleCode.HIGH_CRAVING, f"craving {checkin.craving} of 10"))
    jump = _craving_jump(checkin, by_day, rules)
    if jump is not None:
        flags.append(jump)
    streak = _low_mood_streak(checkin, by_day, rules)
    if streak is not None:
        flags.append(streak)
    trend = _craving_trend(checkin, by_day, rules)
    if trend is not None:
        flags.append(trend)
    return flags


def _craving_jump(checkin: CheckinFacts, by_day: dict[dt.date, CheckinFacts], rules: RiskRules) -> Flag | None:
    """Craving well above the client's own mean of the days before (needs enough of those days)."""
    start = checkin.local_date - dt.timedelta(days=rules.craving_mean_days)
    recent = [c.craving for d, c in by_day.items() if d >= start]
    if len(recent) < rules.craving_mean_min_days:
        return None  # too little history to know what is usual for this client
    mean = sum(recent) / len(recent)
    if checkin.craving - mean < rules.craving_jump:
        return None
    return Flag(
        Severity.HIGH,
        RuleCode.CRAVING_ABOVE_MEAN,
        f"craving {checkin.craving}, {rules.craving_mean_days}-day mean {_num(mean)} ({len(recent)} check-ins)",
    )


def _low_mood_streak(checkin: CheckinFacts, by_day: dict[dt.date, CheckinFacts], rules: RiskRules) -> Flag | None:
    """Mood at the bottom on this day and each of the days just before it (a gap breaks the run)."""
    for back in range(rules.low_mood_days):
        day = checkin.local_date - dt.timedelta(days=back)
        c = checkin if back == 0 else by_day.get(day)
        if c is None or c.mood > rules.low_mood:
            return None
    return Flag(
        Severity.MEDIUM,
        RuleCode.LOW_MOOD_STREAK,
        f"mood {checkin.mood} of 5, at the bottom {rules.low_mood_days} days running",
    )


def _craving_trend(checkin: CheckinFacts, by_day: dict[dt.date, CheckinFacts], rules: RiskRules) -> Flag | None:
    """Craving rising over the window: least-squares slope per day, with enough points to trust it.

    A slope over all points, not first-vs-last, so one odd day moves it little; days without a
    check-in are simply absent (x is the day, not the index), so gaps do not fake a trend.
    """
    start = checkin.local_date - dt.timedelta(days=rules.trend_days - 1)
    points = [((d - start).days, c.craving) for d, c in by_day.items() if d >= start]
    points.append(((checkin.local_date - start).days, checkin.craving))
    if len(points) < rules.trend_min_points:
        return None
    n = len(points)
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    sxx = sum((x - mx) ** 2 for x, _ in points)
    slope = sum((x - mx) * (y - my) for x, y in points) / sxx
    if slope < rules.trend_slope - 1e-9:  # float sums: exactly the threshold counts
        return None
    first = min(points)[1]
    span = f"({first} to {checkin.craving}, {n} check-ins)"
    return Flag(
        Severity.MEDIUM,
        RuleCode.CRAVING_RISING,
        f"craving rising {_num(slope)} a day over {rules.trend_days} days {span}",
    )


def missed_checkins(last_checkin_date: dt.date | None, today: dt.date, rules: RiskRules) -> Flag | None:
    """Medium flag when the last check-in is `missed_days` or more days before `today`.

    None for a client with no check-in yet: the planner judges new clients by their start date.
    Run daily, late in the client's day or the next morning, so today's check-in has had its chance.
    """
    if last_checkin_date is None:
        return None
    gap = (today - last_checkin_date).days
    if gap < rules.missed_days:
        return None
    return Flag(
        Severity.MEDIUM,
        RuleCode.MISSED_CHECKINS,
        f"no check-in for {gap} days (last {last_checkin_date.isoformat()})",
    )


def _num(x: float) -> str:
    return f"{x:.1f}".removesuffix(".0")
