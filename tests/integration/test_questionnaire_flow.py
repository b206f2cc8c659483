"""/weekly through the real Application: taps, typing, change before submit, /cancel, restart, PHQ-9 item 9."""

from __future__ import annotations

import json

from sqlalchemy import select, text

from bot import texts
from bot.db.models import Alert, FlagRecord, Role
from bot.db.questionnaire_models import QuestionnaireResponse
from bot.domain.care.buttons import AlertView
from conversations.common import fmt
from tests.support.checkin import tap
from tests.support.harness import Harness
from tests.support.questionnaires import client_with_therapist, responses

CLIENT, THERAPIST = 7701, 7702
PHQ_ITEMS = 9


async def _setup(harness: Harness) -> None:
    await client_with_therapist(harness, CLIENT, THERAPIST)


async def _responses(harness: Harness) -> list[QuestionnaireResponse]:
    return await responses(harness)


async def _alerts(harness: Harness) -> list[tuple[str, list[str]]]:
    async with harness.db.session() as s:
        out = []
        for a in (await s.execute(select(Alert).order_by(Alert.id))).scalars():
            rules = (await s.execute(select(FlagRecord.rule).where(FlagRecord.alert_id == a.id))).scalars()
            out.append((a.severity, sorted(rules)))
        return out


async def test_weekly_offers_the_list_and_a_tap_starts_one(harness: Harness) -> None:
    await _setup(harness)
    [menu] = await harness.send(CLIENT, "/weekly")
    assert menu == texts.Q_PICK
    assert [label for label, _ in harness.last(CLIENT).buttons] == ["BAM (weekly)", "PHQ-9", "GAD-7"]
    [first] = await tap(harness, CLIENT, "GAD-7")
    assert "question 1 of 7" in first and "Feeling nervous, anxious, or on edge" in first


async def test_phq9_by_taps_and_typing_then_submit_stores_encrypted_answers_and_scores(harness: Harness) -> None:
    await _setup(harness)
    [first] = await harness.send(CLIENT, "/weekly phq9")
    assert "Little interest or pleasure in doing things" in first
    await tap(harness, CLIENT, "Several days")  # 1
    await harness.send(CLIENT, "2")  # a number
    await harness.send(CLIENT, "nearly every day")  # the option's words
    await harness.send(CLIENT, "sev")  # a unique start of them
    for _ in range(4):
        await tap(harness, CLIENT, "Not at all")
    [summary] = await tap(harness, CLIENT, "Not at all")  # item 9
    assert "your answers" in summary and "3. Nearly every day" in summary
    [done] = await tap(harness, CLIENT, texts.Q_SUBMIT)
    assert done.startswith("<b>PHQ-9 submitted.</b>")
    assert "Moderate" not in done and "moderate" not in done  # never the raw severity label
    assert texts.Q_RESULT[("phq9", "some")] in done  # 1+2+3+1 = 7, mild, said in plain words
    [row] = await _responses(harness)
    assert (row.questionnaire, row.total, row.band, row.crisis_acted) == ("phq9", 7, "mild", False)
    assert json.loads(row.answers)["3"] == 3
    async with harness.db.engine.connect() as conn:
        raw = (await conn.execute(text("select answers from questionnaire_response"))).scalar_one()
    assert '"3"' not in raw  # encrypted at rest


async def test_bad_input_gets_a_clear_reply_and_the_item_again(harness: Harness) -> None:
    await _setup(harness)
    await harness.send(CLIENT, "/weekly gad-7")
    [said] = await harness.send(CLIENT, "banana")
    assert "I didn't catch that answer" in said and "Several days" in said and "question 1 of 7" in said
    [said] = await harness.send(CLIENT, "9")
    assert "I didn't catch that answer" in said
    [said] = await harness.send(CLIENT, "/weekly nope")
    assert "You're in the middle of the GAD-7" in said


async def test_change_one_answer_on_the_summary_before_submit(harness: Harness) -> None:
    await _setup(harness)
    await harness.send(CLIENT, "/weekly gad7")
    for _ in range(7):
        await tap(harness, CLIENT, "Not at all")
    [asked] = await tap(harness, CLIENT, "✏️ 2")
    assert "Not being able to stop or control worrying" in asked
    [summary] = await tap(harness, CLIENT, "Nearly every day")
    assert "2. Nearly every day" in summary and "1. Not at all" in summary  # back at the summary
    await tap(harness, CLIENT, texts.Q_SUBMIT)
    [row] = await _responses(harness)
    assert (row.total, row.band) == (3, "minimal")


async def test_cancel_saves_nothing(harness: Harness) -> None:
    await _setup(harness)
    await harness.send(CLIENT, "/weekly phq9")
    await tap(harness, CLIENT, "Several days")
    [said] = await harness.send(CLIENT, "/cancel")
    assert said == texts.Q_CANCELLED
    assert await _responses(harness) == []
    [said] = await harness.send(CLIENT, "2")
    assert "questionnaire" not in said.casefold() or "ended" in said.casefold()


async def test_a_restart_resumes_where_the_client_was(harness: Harness) -> None:
    await _setup(harness)
    await harness.send(CLIENT, "/weekly phq9")
    await tap(harness, CLIENT, "Several days")
    await tap(harness, CLIENT, "Several days")
    await harness.restart()
    [asked] = await harness.send(CLIENT, "1")
    assert "question 4 of 9" in asked


async def test_phq9_item_9_acts_at_once_before_submit_and_survives_cancel(harness: Harness) -> None:
    await _setup(harness)
    await harness.send(CLIENT, "/weekly phq9")
    for _ in range(PHQ_ITEMS - 1):
        await tap(harness, CLIENT, "Not at all")
    replies = await tap(harness, CLIENT, "Several days")
    lines = harness.settings.crisis_lines
    assert replies[0].startswith(fmt(texts.CRISIS_AFTER_YES, crisis_lines=lines))
    assert any("your answers" in r for r in replies)  # then the summary, to carry on
    assert await _alerts(harness) == [("crisis", ["asked_said_yes"])]  # before any submit
    [cancelled] = await harness.send(CLIENT, "/cancel")
    assert "telling your care team" in cancelled and "aren't saved" in cancelled
    assert await _alerts(harness) == [("crisis", ["asked_said_yes"])]


async def test_a_typed_item_9_answer_acts_too_and_submit_marks_the_response(harness: Harness) -> None:
    await _setup(harness)
    await harness.send(CLIENT, "/weekly phq9")
    for _ in range(PHQ_ITEMS - 1):
        await harness.send(CLIENT, "0")
    replies = await harness.send(CLIENT, "3")
    assert replies[0].startswith(fmt(texts.CRISIS_AFTER_YES, crisis_lines=harness.settings.crisis_lines))
    [done] = await tap(harness, CLIENT, texts.Q_SUBMIT)
    assert "thoughts of hurting yourself" in done
    [row] = await _responses(harness)
    assert row.crisis_acted and row.total == 3
    assert len(await _alerts(harness)) == 1
    async with harness.db.session() as s:
        [alert_id] = (await s.execute(select(Alert.id))).scalars().all()
    shown = "\n".join(await harness.press(THERAPIST, AlertView(alert_id=alert_id).pack()))
    assert "at PHQ-9 item 9" in shown  # the View says what asked


async def test_export_holds_every_answer_and_score_and_delete_erases_them(harness: Harness) -> None:
    await _setup(harness)
    await harness.send(CLIENT, "/weekly bam")
    for _ in range(16):
        await harness.send(CLIENT, "1")
    await tap(harness, CLIENT, texts.Q_SUBMIT)
    await harness.send(CLIENT, "/export")
    files = {name: content for method, name, content in harness.req.uploads if method == "sendDocument"}
    [bam] = json.loads(files["my-data.json"])["questionnaires"]
    assert bam["questionnaire"] == "bam7" and bam["total"] is None
    assert len(bam["answers"]) == 16 and bam["answers"]["4"] == 1
    assert bam["subscales"] == {"use": 3, "risk": 6, "protective": 9}  # item 14 "Yes" counts 4
    await harness.send(CLIENT, "/delete")
    [done] = await tap(harness, CLIENT, "Yes, erase everything")
    assert "erased" in done.casefold()
    assert await _responses(harness) == []


async def _submit(harness: Harness, key: str, answers: list[str]) -> None:
    await harness.send(CLIENT, f"/weekly {key}")
    for typed in answers:
        await harness.send(CLIENT, typed)
    await tap(harness, CLIENT, texts.Q_SUBMIT)


async def test_the_therapist_sees_scores_over_time_and_bam_subscales_in_numbers_and_words(harness: Harness) -> None:
    therapist = await harness.enroll(THERAPIST, Role.THERAPIST)
    await harness.enroll(CLIENT, therapist_id=therapist.id, person_code="C-7701")
    await harness.enroll(THERAPIST + 10, Role.THERAPIST)
    bam = ["2"] * 16
    bam[12] = "yes"  # item 14, enough income
    await _submit(harness, "bam", bam)
    await _submit(harness, "phq9", ["0"] * 9)
    await _submit(harness, "phq9", ["1"] * 9)  # item 9 "1" acts at once; the total is 9
    [view] = [r for r in await harness.send(THERAPIST, "/client C-7701") if "Questionnaires" in r]
    assert "PHQ-9: <b>9</b> (Mild), was 0" in view and "over time: 0 → 9" in view
    assert "Use 6 (use reported)" in view and "Risk 12 (high risk)" in view
    assert "Protective 14 (protection holding)" in view  # item 14 "Yes" counts 4
    chart = harness.req.sent[-1]  # then the scores' chart (no check-ins: no check-in chart before it)
    assert (chart.method, chart.chat_id) == ("sendPhoto", THERAPIST)
    assert chart.params["caption"] == texts.Q_CHART_CAPTION.format(code="C-7701")
    others = await harness.send(THERAPIST + 10, "/client C-7701")
    assert not any("Questionnaires" in r for r in others)  # not their client


async def test_an_open_checkin_is_closed_first_in_its_own_words(harness: Harness) -> None:
    """One conversation at a time (conversations.one_at_a_time): the check-in stops as /cancel stops it."""
    await _setup(harness)
    await harness.send(CLIENT, "/checkin")
    stopped, first = await harness.send(CLIENT, "/weekly phq9")
    assert stopped == texts.CHECKIN_CANCELLED and "question 1 of 9" in first
    assert "question 2 of 9" in (await harness.send(CLIENT, "1"))[0]  # the questionnaire takes the answer


async def test_use_on_the_bam_raises_a_high_alert_for_the_therapist(harness: Harness) -> None:
    await _setup(harness)
    bam = ["0"] * 16
    bam[3] = "2"  # item 4: two days with alcohol
    bam[12] = "yes"
    await _submit(harness, "bam", bam)
    assert await _alerts(harness) == [("high", ["bam_use"])]
    await _submit(harness, "gad7", ["0"] * 7)  # a first GAD-7: nothing to compare with
    assert len(await _alerts(harness)) == 1


async def test_caseload_shows_the_latest_phq9_band_and_bam_risk_with_a_direction(harness: Harness) -> None:
    therapist = await harness.enroll(THERAPIST, Role.THERAPIST)
    await harness.enroll(CLIENT, therapist_id=therapist.id, person_code="C-7701")
    await _submit(harness, "phq9", ["0"] * 9)
    await _submit(harness, "phq9", ["2", "2", "2"] + ["0"] * 6)  # 6: mild, up
    bam = ["0"] * 16
    bam[12] = "yes"
    await _submit(harness, "bam", bam)
    [shown] = await harness.send(THERAPIST, "/caseload")
    line = next(x for x in shown.splitlines() if "C-7701" in x)
    assert line.endswith(" · PHQ-9 mild ↑ · BAM Risk 0"), line


async def test_export_holds_a_questionnaire_not_yet_submitted(harness: Harness) -> None:
    await _setup(harness)
    await harness.send(CLIENT, "/weekly gad7")
    await harness.send(CLIENT, "2")
    await harness.send(CLIENT, "/export")
    files = {name: content for method, name, content in harness.req.uploads if method == "sendDocument"}
    started = json.loads(files["my-data.json"])["questionnaire_in_progress"]
    assert started["questionnaire"] == "gad7" and started["answers"] == {"1": 2}


async def test_progress_shows_the_client_their_trend_in_plain_words_without_a_severity_label(
    harness: Harness,
) -> None:
    await _setup(harness)
    [before] = await harness.send(CLIENT, "/progress")
    assert texts.Q_TREND_HEAD not in before  # nothing answered yet: no section
    await _submit(harness, "phq9", ["2"] * 8 + ["0"])  # 16
    await _submit(harness, "phq9", ["1"] * 8 + ["0"])  # 8
    bam = ["2"] * 16
    bam[12] = "yes"  # item 14, enough income
    await _submit(harness, "bam", bam)  # days of use reported; Protective 14
    [shown] = await harness.send(CLIENT, "/progress")
    assert f"PHQ-9 ({texts.Q_TREND_ABOUT['phq9']}): 16 → 8. {texts.Q_TREND_BETTER}" in shown
    assert "BAM (weekly) (what helps you stay well; higher is better): 14." in shown and texts.Q_TREND_USE in shown
    for label in ("Minimal", "Mild", "Moderate", "Severe"):
        assert label not in shown
    await _submit(harness, "phq9", ["2"] * 8 + ["0"])  # 16 again
    [worse] = await harness.send(CLIENT, "/progress")
    assert f"16 → 8 → 16. {texts.Q_TREND_WORSE}" in worse
