"""The 30-day BAM through the real Application, as a clinic that chose it (QUESTIONNAIRE_EVERY=bam30=4):
typed day counts and their quick buttons, a clear reply to a count it cannot take, change before submit,
a restart mid-form, /cancel, and the scores and alert it leads to."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import select

from bot import texts
from bot.db.models import Alert, FlagRecord, Role
from bot.db.questionnaire_models import QuestionnaireResponse
from bot.domain.questionnaires.due import QuestionnairePick
from bot.texts import catalogue
from tests.conftest import make_settings
from tests.support import tg
from tests.support.checkin import tap
from tests.support.harness import Harness, running
from tests.support.questionnaires import client_with_therapist, responses

CLIENT, THERAPIST = 7801, 7802
ITEMS = 16
COUNT_HOW = texts.Q_COUNT_HOW.format(max=30)


@pytest.fixture
async def monthly(tmp_path: Path) -> AsyncIterator[Harness]:
    async with running(make_settings(tmp_path, questionnaire_every="bam30=4,phq9=2,gad7=2")) as h:
        yield h


async def _setup(harness: Harness) -> None:
    await client_with_therapist(harness, CLIENT, THERAPIST)


async def _responses(harness: Harness) -> list[QuestionnaireResponse]:
    return await responses(harness)


def _labels(harness: Harness) -> list[str]:
    return [label for label, _ in harness.last(CLIENT).buttons]


async def test_the_list_offers_the_30_day_form_and_a_count_asks_for_a_typed_number(monthly: Harness) -> None:
    await _setup(monthly)
    await monthly.send(CLIENT, "/weekly")
    assert _labels(monthly) == ["BAM (30-day)", "PHQ-9", "GAD-7"]  # not the weekly form as well
    [first] = await tap(monthly, CLIENT, "BAM (30-day)")
    assert "question 1 of 16" in first and "These questions are about the past 30 days." in first
    [count] = await tap(monthly, CLIENT, "Good")
    assert "question 2 of 16" in count and "In the past 30 days, how many nights" in count
    assert count.endswith(COUNT_HOW) and _labels(monthly) == ["0", "30"]


async def test_a_count_it_cannot_take_gets_its_reason_and_the_same_question_losing_nothing(monthly: Harness) -> None:
    await _setup(monthly)
    await monthly.send(CLIENT, "/weekly bam")
    await monthly.send(CLIENT, "2")  # item 1: Good
    for typed, reason in (("31", "too_high"), ("-3", "negative"), ("2.5", "not_whole"), ("3-4", "several")):
        [said] = await monthly.send(CLIENT, typed)
        assert said.startswith(texts.Q_COUNT_BAD[reason].format(max=30)), typed
        assert "question 2 of 16" in said and said.endswith(COUNT_HOW), typed
    [said] = await monthly.send(CLIENT, "a couple of weeks")
    assert said.startswith(texts.Q_COUNT_BAD["words"].format(max=30)) and "question 2 of 16" in said
    [said] = await monthly.push(CLIENT, tg.sticker(monthly.bot, CLIENT))
    assert said.startswith(texts.Q_NOT_TEXT) and "question 2 of 16" in said
    [said] = await monthly.send(CLIENT, "/weekly")
    assert "You're in the middle of the BAM (30-day)" in said and "question 2 of 16" in said
    [said] = await monthly.send(CLIENT, "12 nights")
    assert "question 3 of 16" in said
    await monthly.send(CLIENT, "/cancel")
    assert await _responses(monthly) == []


async def test_the_whole_form_typed_and_tapped_then_changed_and_submitted(monthly: Harness) -> None:
    await _setup(monthly)
    await monthly.send(CLIENT, "/weekly")
    await tap(monthly, CLIENT, "BAM (30-day)")
    await tap(monthly, CLIENT, "Good")  # 1: 2
    await monthly.send(CLIENT, "12")  # 2: 12 nights, band 3
    await monthly.send(CLIENT, "none")  # 3: 0
    await tap(monthly, CLIENT, "0")  # 4: a quick button
    await monthly.send(CLIENT, "cero")  # 5
    await monthly.send(CLIENT, "5 days")  # 6: band 2
    await tap(monthly, CLIENT, "Slightly")  # 8: 1
    await tap(monthly, CLIENT, "Considerably")  # 9: 3
    await monthly.send(CLIENT, "ninguno")  # 10: 0
    await monthly.send(CLIENT, "4")  # 11: band 2
    await tap(monthly, CLIENT, "Not at all")  # 12: 0
    await tap(monthly, CLIENT, "30")  # 13: band 4
    await monthly.send(CLIENT, "yes")  # 14: 4
    await monthly.send(CLIENT, "0")  # 15: Not at all
    await monthly.send(CLIENT, "10")  # 16: band 3
    [summary] = await tap(monthly, CLIENT, "Moderately")  # 17, unscored
    assert "BAM (30-day): your answers" in summary
    for line in ("1. Good", "2. 12 days", "3. 0 days", "6. 5 days", "12. 30 days", "13. Yes", "16. Moderately"):
        assert line in summary, line
    [asked] = await tap(monthly, CLIENT, "✏️ 2")
    assert "question 2 of 16" in asked and asked.endswith(COUNT_HOW)
    [said] = await monthly.send(CLIENT, "40")
    assert said.startswith(texts.Q_COUNT_BAD["too_high"].format(max=30))  # still changing item 2
    [summary] = await monthly.send(CLIENT, "1")
    assert "2. 1 day" in summary and "2. 12 days" not in summary  # back at the summary, changed
    [done] = await tap(monthly, CLIENT, texts.Q_SUBMIT)
    assert done.startswith("<b>BAM (30-day) submitted.</b>") and texts.Q_RESULT[("bam30", "some")] in done
    [row] = await _responses(monthly)
    assert (row.questionnaire, row.total, row.band) == ("bam30", None, None)
    answers = json.loads(row.answers)
    assert len(answers) == ITEMS and (answers["2"], answers["13"], answers["16"]) == (1, 30, 10)
    # Risk 2 + 1 + 0 + 1 + 2 + 0; Use 0 + 0 + 2; Protective 3 + 0 + 0 + 4 + 4 + 3: each day count by its band.
    assert json.loads(row.subscales or "{}") == {"use": 2, "risk": 6, "protective": 14}
    async with monthly.db.session() as s:
        alerts = (await s.execute(select(Alert.severity, FlagRecord.explanation).join(FlagRecord))).all()
    assert [tuple(a) for a in alerts] == [("high", "BAM (30-day): use reported in the past 30 days (Use 2 of 12).")]


async def test_a_restart_mid_form_resumes_at_the_count_with_the_answers_kept(monthly: Harness) -> None:
    await _setup(monthly)
    await monthly.send(CLIENT, "/weekly bam30")
    await monthly.send(CLIENT, "excellent")
    await monthly.send(CLIENT, "12")
    await monthly.restart()
    [asked] = await monthly.send(CLIENT, "7")
    assert "question 4 of 16" in asked and asked.endswith(COUNT_HOW)
    await monthly.restart()
    [said] = await monthly.send(CLIENT, "31")  # a bad count after a restart: the same question again
    assert said.startswith(texts.Q_COUNT_BAD["too_high"].format(max=30)) and "question 4 of 16" in said
    for _ in range(ITEMS - 3):
        await monthly.send(CLIENT, "0")
    await tap(monthly, CLIENT, texts.Q_SUBMIT)
    [row] = await _responses(monthly)
    answers = json.loads(row.answers)
    assert (answers["1"], answers["2"], answers["3"], answers["4"]) == (0, 12, 7, 0)


async def test_cancel_during_a_count_saves_nothing_and_a_number_then_starts_nothing(monthly: Harness) -> None:
    await _setup(monthly)
    await monthly.send(CLIENT, "/weekly bam")
    await monthly.send(CLIENT, "2")
    await monthly.send(CLIENT, "12")
    assert await monthly.send(CLIENT, "/cancel") == [texts.Q_CANCELLED]
    assert await _responses(monthly) == []
    said = await monthly.send(CLIENT, "5")
    assert not any("of 16" in s for s in said)  # no questionnaire takes it


async def test_a_button_from_the_weekly_form_starts_the_clinic_s_30_day_form(monthly: Harness) -> None:
    """A due message sent before the clinic changed form: its BAM button starts the form the clinic runs now."""
    await _setup(monthly)
    [first] = await monthly.press(CLIENT, QuestionnairePick("bam7").pack())
    assert "BAM (30-day)" in first and "question 1 of 16" in first


async def test_a_spanish_client_gets_the_words_around_the_count_in_spanish_and_may_type_ninguno(
    monthly: Harness,
) -> None:
    """The items are the published English text (no validated translation is reproduced); the rest is theirs."""
    therapist = await monthly.enroll(THERAPIST, Role.THERAPIST)
    await monthly.enroll(CLIENT, therapist_id=therapist.id, language="es")
    await monthly.send(CLIENT, "/weekly bam")
    [count] = await monthly.send(CLIENT, "2")
    with catalogue.speaking("es"):
        how, too_high = texts.Q_COUNT_HOW.format(max=30), texts.Q_COUNT_BAD["too_high"].format(max=30)
    assert "In the past 30 days, how many nights" in count and count.endswith(how) and how != COUNT_HOW
    [said] = await monthly.send(CLIENT, "45")
    assert said.startswith(too_high) and "pregunta 2 de 16" in said  # the step's frame is theirs too
    [said] = await monthly.send(CLIENT, "ningún día")
    assert "pregunta 3 de 16" in said
    await monthly.send(CLIENT, "/cancel")
