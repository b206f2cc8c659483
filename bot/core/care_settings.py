"""The clinic's care rules among the settings: risk and measure thresholds, rewards, questionnaires' schedule,
and where questionnaires are posted as FHIR.

Kept apart from `bot.core.config` (which builds `Settings` on top of this) so that each stays readable.
Every setting is documented in `.env.example`.
"""

from __future__ import annotations

import datetime as dt
import re

from pydantic import field_validator
from pydantic_settings import BaseSettings

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# The BAM's forms (bot/domain/questionnaires: bam7.yaml, bam30.yaml), the weekly one first: the default. The clinic
# chooses one by naming it in the schedule; a cohort that names one leaves the other of QUESTIONNAIRE_EVERY.
BAM_FORMS = ("bam7", "bam30")
_EVERY = re.compile(r"^\s*([a-z0-9]+)\s*=\s*(\d{1,2})\s*$")


def parse_every(value: str) -> dict[str, int]:
    """ "bam7=1, phq9=2" -> {"bam7": 1, "phq9": 2}: weeks between two due dates (0: only when asked)."""
    found: dict[str, int] = {}
    for part in value.lower().split(","):
        if not part.strip():
            continue
        match = _EVERY.match(part)
        if match is None:
            raise ValueError(f"{part.strip()!r} is not questionnaire=weeks (e.g. phq9=2)")
        found[match.group(1)] = int(match.group(2))
    both = [k for k in BAM_FORMS if k in found]
    if len(both) > 1:  # two forms of one instrument would ask the same client the same questions twice
        raise ValueError(f"names {' and '.join(both)}: choose one BAM form (bam7 weekly, or bam30 the 30-day form)")
    return found


def parse_cohorts(value: str) -> dict[str, dict[str, int]]:
    """ "evening: phq9=4, gad7=4; morning: bam7=1" -> each cohort's changes to QUESTIONNAIRE_EVERY."""
    found: dict[str, dict[str, int]] = {}
    for part in value.split(";"):
        if not part.strip():
            continue
        cohort, sep, every = part.partition(":")
        if not sep or not cohort.strip():
            raise ValueError(f"{part.strip()!r} is not cohort: questionnaire=weeks, ...")
        try:
            found[cohort.strip().lower()] = parse_every(every)
        except ValueError as exc:
            raise ValueError(f"cohort {cohort.strip()!r}: {exc}") from None
    return found


class CareSettings(BaseSettings):
    """The care rules' part of `Settings`; field names map to upper-case environment variables."""

    # Risk flags from check-ins (bot/domain/safety/risk.py, RiskRules.from_settings).
    risk_high_craving: int = 8
    risk_craving_jump: int = 4
    risk_craving_mean_days: int = 7
    risk_craving_mean_min_days: int = 3
    risk_low_mood: int = 1
    risk_low_mood_days: int = 3
    risk_trend_days: int = 7
    risk_trend_min_points: int = 5
    risk_trend_slope: float = 0.5
    risk_missed_days: int = 3
    # Flags from questionnaires (bot/domain/questionnaires/flags.py, MeasureRules.from_settings).
    measure_risk_rise: int = 3
    measure_protective_fall: int = 3
    measure_score_jump: int = 5
    measure_baseline: int = 3
    # Rewards for showing up (bot/domain/rewards/rules.py, RewardRules.from_settings): off by default.
    rewards_enabled: bool = False
    reward_points_checkin: int = 1
    reward_points_attendance: int = 3
    reward_points_questionnaire: int = 2
    reward_points_negative_test: int = 5
    reward_draws_max: int = 10

    # Questionnaires on a schedule (bot/domain/questionnaires/due.py): the weekday and local time they are
    # due, weeks between two (0: only when the client sends /weekly), per-cohort changes, and the days
    # after the due day at which one not answered is overdue (a medium flag for the digest). The BAM runs as
    # one form per cohort: bam7 (weekly, 7 days) or bam30 (the original 30-day form); naming both is refused.
    questionnaire_day: str = "mon"
    questionnaire_time: dt.time = dt.time(18, 0)
    questionnaire_every: str = "bam7=1,phq9=2,gad7=2"
    questionnaire_cohorts: str = ""
    questionnaire_overdue_days: int = 3

    # Posting FHIR Bundles to the clinic's record (bot/services/fhir_post.py, `python -m bot fhir post`):
    # the server's base URL, and the client registered with its SMART Backend Services authorisation.
    fhir_server_url: str = ""  # empty: nothing is ever posted
    fhir_token_url: str = ""
    fhir_client_id: str = ""
    fhir_key_file: str = ""  # PEM private key (RSA, or EC P-384), never committed
    fhir_key_id: str = ""  # the key's `kid` as registered, if the server asks for one
    fhir_scope: str = "system/*.write"

    @field_validator(
        "reward_points_checkin",
        "reward_points_attendance",
        "reward_points_questionnaire",
        "reward_points_negative_test",
    )
    @classmethod
    def _reward_points(cls, value: int) -> int:
        if not 0 <= value <= 1000:
            raise ValueError("must be between 0 and 1000 points")
        return value

    @field_validator("reward_draws_max")
    @classmethod
    def _draws_max(cls, value: int) -> int:
        if not 1 <= value <= 100:
            raise ValueError("must be between 1 and 100 draws")
        return value

    @field_validator("questionnaire_day")
    @classmethod
    def _weekday(cls, value: str) -> str:
        day = value.strip().lower()[:3]
        if day not in WEEKDAYS:
            raise ValueError("must be a weekday: mon, tue, wed, thu, fri, sat or sun")
        return day

    @field_validator("questionnaire_every")
    @classmethod
    def _every(cls, value: str) -> str:
        parse_every(value)
        return value

    @field_validator("questionnaire_cohorts")
    @classmethod
    def _cohorts(cls, value: str) -> str:
        parse_cohorts(value)
        return value

    @field_validator("questionnaire_overdue_days")
    @classmethod
    def _overdue(cls, value: int) -> int:
        if not 1 <= value <= 13:
            raise ValueError("must be between 1 and 13 days")
        return value
