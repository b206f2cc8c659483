"""When a scheduled questionnaire falls due: the first chosen weekday on or after enrolment, then every n weeks;
the settings that say so, per cohort."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.core.config import ConfigError, load_settings
from bot.domain.questionnaires.definitions import all_questionnaires
from bot.domain.questionnaires.due import DuePlan, latest_due
from tests.conftest import make_settings

WED = dt.date(2026, 11, 4)  # enrolled on a Wednesday
MON = 0


def test_the_first_due_day_is_the_weekday_on_or_after_enrolment() -> None:
    assert latest_due(WED, MON, 1, WED) is None  # not before the first Monday
    assert latest_due(WED, MON, 1, dt.date(2026, 11, 9)) == dt.date(2026, 11, 9)
    assert latest_due(WED, MON, 1, dt.date(2026, 11, 15)) == dt.date(2026, 11, 9)  # until the next Monday
    assert latest_due(dt.date(2026, 11, 9), MON, 1, dt.date(2026, 11, 9)) == dt.date(2026, 11, 9)  # same day


def test_every_two_weeks_skips_a_week() -> None:
    assert latest_due(WED, MON, 2, dt.date(2026, 11, 16)) == dt.date(2026, 11, 9)
    assert latest_due(WED, MON, 2, dt.date(2026, 11, 23)) == dt.date(2026, 11, 23)


def test_zero_weeks_is_only_when_asked() -> None:
    assert latest_due(WED, MON, 0, dt.date(2027, 1, 1)) is None


def test_the_shipped_schedule_names_real_questionnaires_and_cohorts_change_it(tmp_path: Path) -> None:
    plan = DuePlan.from_settings(make_settings(tmp_path))
    assert dict(plan.every) == {"bam7": 1, "phq9": 2, "gad7": 2} and set(plan.every) <= set(all_questionnaires())
    plan = DuePlan.from_settings(
        make_settings(tmp_path, questionnaire_day="Thursday", questionnaire_cohorts="Evening: phq9=4, gad7=0")
    )
    assert plan.weekday == 3
    assert plan.for_cohort("evening") == {"bam7": 1, "phq9": 4, "gad7": 0}
    assert plan.for_cohort(None) == {"bam7": 1, "phq9": 2, "gad7": 2}


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("QUESTIONNAIRE_DAY", "someday"),
        ("QUESTIONNAIRE_EVERY", "phq9 every two weeks"),
        ("QUESTIONNAIRE_COHORTS", "phq9=2"),
        ("QUESTIONNAIRE_OVERDUE_DAYS", "0"),
    ],
)
def test_a_bad_schedule_setting_stops_the_start_naming_it(
    name: str, value: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError, match=name):
        load_settings()


def test_the_time_and_day_read_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BOT_TOKEN", "123456:" + "A" * 35)
    monkeypatch.setenv("QUESTIONNAIRE_TIME", "07:30")
    monkeypatch.setenv("QUESTIONNAIRE_DAY", "Friday")
    plan = DuePlan.from_settings(load_settings())
    assert (plan.weekday, plan.at_local) == (4, dt.time(7, 30))
