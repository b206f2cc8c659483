"""The clinic chooses the BAM form in the schedule: bam7 (weekly) unless it names bam30; a cohort that names
one gets it instead of the clinic's; naming both for one cohort stops the start, saying what to choose."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.care_settings import BAM_FORMS, parse_cohorts, parse_every
from bot.core.config import ConfigError, load_settings
from bot.domain.questionnaires.definitions import get
from bot.domain.questionnaires.due import DuePlan
from conversations.questionnaires.steps import find
from tests.conftest import make_settings


def _plan(tmp_path: Path, every: str, cohorts: str = "") -> DuePlan:
    return DuePlan.from_settings(make_settings(tmp_path, questionnaire_every=every, questionnaire_cohorts=cohorts))


def test_the_bam_forms_are_shipped_questionnaires_without_a_total() -> None:
    for key in BAM_FORMS:
        q = get(key)
        assert q is not None and not q.has_total and [s.key for s in q.subscales] == ["use", "risk", "protective"]


def test_the_schedule_names_the_30_day_form(tmp_path: Path) -> None:
    plan = _plan(tmp_path, "bam30=4,phq9=2,gad7=2")
    assert plan.for_cohort(None) == {"bam30": 4, "phq9": 2, "gad7": 2}
    assert plan.bam_form(None) == "bam30"
    assert [q.key for q in plan.offered(None)] == ["bam30", "phq9", "gad7"]


def test_without_a_bam_in_the_schedule_the_weekly_form_is_the_one_offered(tmp_path: Path) -> None:
    plan = _plan(tmp_path, "phq9=2")
    assert plan.bam_form("evening") == "bam7"
    assert [q.key for q in plan.offered(None)] == ["bam7", "phq9", "gad7"]


def test_a_cohort_naming_a_bam_form_gets_it_instead_of_the_clinic_s(tmp_path: Path) -> None:
    plan = _plan(tmp_path, "bam7=1,phq9=2,gad7=2", "Evening: bam30=4; morning: phq9=4")
    assert plan.for_cohort("evening") == {"bam30": 4, "phq9": 2, "gad7": 2}  # not bam7 as well
    assert plan.bam_form("evening") == "bam30"
    assert [q.key for q in plan.offered("evening")] == ["bam30", "phq9", "gad7"]
    assert plan.for_cohort("morning") == {"bam7": 1, "phq9": 4, "gad7": 2}
    assert plan.bam_form("morning") == plan.bam_form(None) == "bam7"


@pytest.mark.parametrize("every", ["bam7=1,bam30=4", "phq9=2, bam30=4, bam7=0"])
def test_both_forms_for_the_clinic_are_refused(every: str) -> None:
    with pytest.raises(ValueError, match="names bam7 and bam30: choose one BAM form"):
        parse_every(every)


def test_both_forms_for_one_cohort_are_refused_naming_the_cohort() -> None:
    with pytest.raises(ValueError, match="cohort 'Evening': names bam7 and bam30"):
        parse_cohorts("morning: bam30=4; Evening: bam7=1, bam30=4")


@pytest.mark.parametrize(
    ("name", "value"),
    [("QUESTIONNAIRE_EVERY", "bam7=1,bam30=4,phq9=2"), ("QUESTIONNAIRE_COHORTS", "evening: bam30=4, bam7=1")],
)
def test_a_schedule_with_both_forms_stops_the_start_naming_the_setting(
    name: str, value: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError, match=name) as exc:
        load_settings()
    assert "choose one BAM form" in str(exc.value)


@pytest.mark.parametrize("said", ["bam", "BAM", "bam7", "bam30", "BAM-30", "bam 7"])
def test_any_bam_a_client_names_is_their_form(said: str) -> None:
    for form in BAM_FORMS:
        q = find(said, form)
        assert q is not None and q.key == form
    found = find("gad 7", "bam30")
    assert found is not None and found.key == "gad7"
