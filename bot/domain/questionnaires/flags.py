"""From a submitted questionnaire to flags the care team sees, each explained in words.

High: any use on the BAM (its Use subscale above 0). Medium: the BAM's Risk rising, or its
Protective falling, by a set amount against the mean of the client's own last few of the same form
(7-day or 30-day: their periods differ); the PHQ-9 or
GAD-7 moving up a severity band, or up by a set number of points, since the last. Thresholds are
MEASURE_* settings. PHQ-9 item 9 is not here: it acted at once, when it was answered.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.care import alerts
from bot.domain.questionnaires.definitions import Questionnaire
from bot.domain.questionnaires.store import Result, history

SOURCE = "questionnaire"


@dataclass(frozen=True, slots=True)
class MeasureFlag:
    severity: str
    rule: str
    explanation: str


@dataclass(frozen=True, slots=True)
class MeasureRules:
    risk_rise: int = 3
    protective_fall: int = 3
    score_jump: int = 5
    baseline: int = 3  # how many earlier results make the client's own mean

    @classmethod
    def from_settings(cls, settings: Any) -> MeasureRules:
        return cls(
            settings.measure_risk_rise,
            settings.measure_protective_fall,
            settings.measure_score_jump,
            settings.measure_baseline,
        )


def _mean(values: Sequence[int | None]) -> float | None:
    known = [v for v in values if v is not None]
    return sum(known) / len(known) if known else None


def _bam(q: Questionnaire, latest: Result, before: list[Result], rules: MeasureRules) -> list[MeasureFlag]:
    """Each form against its own earlier results: a 30-day score and a 7-day one cover different periods."""
    flags = []
    use = latest.subscales.get("use")
    weekly = q.recall_days in (None, 7)
    name, period = ("BAM", "this week") if weekly else (q.title, f"in the past {q.recall_days} days")
    if use:
        flags.append(MeasureFlag("high", "bam_use", f"{name}: use reported {period} (Use {use} of 12)."))
    earlier = before[-rules.baseline :]
    for key, label, sign, amount in (
        ("risk", "Risk", 1, rules.risk_rise),
        ("protective", "Protective", -1, rules.protective_fall),
    ):
        value, mean = latest.subscales.get(key), _mean([r.subscales.get(key) for r in earlier])
        if value is None or mean is None or sign * (value - mean) < amount:
            continue
        way = "up" if sign > 0 else "down"
        flags.append(
            MeasureFlag(
                "medium",
                f"bam_{key}_{'rising' if sign > 0 else 'falling'}",
                f"{name} {label} {value}, {way} from a mean of {mean:.1f} over the last {len(earlier)}.",
            )
        )
    return flags


def _total(q: Questionnaire, latest: Result, before: list[Result], rules: MeasureRules) -> list[MeasureFlag]:
    last = before[-1] if before else None
    if last is None or latest.total is None or last.total is None:
        return []
    order = [b.key for b in q.bands]
    labels = {b.key: b.label.lower() for b in q.bands}
    up_band = latest.band in order and last.band in order and order.index(latest.band) > order.index(last.band)
    jump = latest.total - last.total >= rules.score_jump
    if not (up_band or jump):
        return []
    words = f"{q.title} {latest.total}, up from {last.total}"
    if up_band:
        words += f" ({labels[str(last.band)]} → {labels[str(latest.band)]})"
    return [MeasureFlag("medium", f"{q.key}_rising", words + ".")]


def evaluate(q: Questionnaire, results: list[Result], rules: MeasureRules) -> list[MeasureFlag]:
    """The flags of the latest result (the last of `results`, oldest first) against the earlier ones."""
    if not results:
        return []
    latest, before = results[-1], results[:-1]
    return _total(q, latest, before, rules) if q.has_total else _bam(q, latest, before, rules)


async def flag_response(
    session: AsyncSession, person_id: int, q: Questionnaire, rules: MeasureRules, policy: alerts.EscalationPolicy
) -> int | None:
    """Evaluate the client's newest response of `q`; raise one alert for its flags (the alert id, or None)."""
    results = (await history(session, person_id, limit=rules.baseline + 1)).get(q.key, [])
    flags = evaluate(q, results, rules)
    return await alerts.raise_alert(session, person_id, flags, source=SOURCE, policy=policy)
