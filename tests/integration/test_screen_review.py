"""The crisis screen's review loop, through the real Application: /screen for the care team, the three
marks, "false alarm" on an alert's View, and FAQ gaps that never list a flagged or crisis-marked message."""

from __future__ import annotations

from sqlalchemy import select

from bot import texts
from bot.db.models import Alert, AuditEntry, FaqGap, Role, ScreenReview
from bot.domain.care.buttons import AlertFalseAlarm, AlertView
from bot.domain.records import data_rights
from bot.domain.safety import reviews
from bot.domain.safety.buttons import ScreenMark
from bot.domain.safety.reviews import Mark
from tests.support.harness import Harness

CLIENT, THERAPIST, STAFF = 131, 531, 731


async def _reviews(harness: Harness) -> list[tuple[str, str | None, str]]:
    async with harness.db.session() as s:
        rows = (await s.execute(select(ScreenReview).order_by(ScreenReview.id))).scalars()
        return [(r.text, r.mark, r.source) for r in rows]


async def _actions(harness: Harness) -> list[str]:
    async with harness.db.session() as s:
        return list((await s.execute(select(AuditEntry.action).order_by(AuditEntry.id))).scalars())


async def test_a_therapist_sees_the_verdict_and_a_mark_is_kept_and_audited(harness: Harness) -> None:
    """/screen shows level, situation and rule with three marks; the mark is stored (encrypted column) and audited."""
    await harness.enroll(THERAPIST, Role.THERAPIST)
    replies = await harness.send(THERAPIST, "/screen i wrote letters to everyone saying goodbye")
    assert len(replies) == 1  # the verdict only: a team member's /screen gets no crisis reply
    assert "explicit" in replies[0] and "suicide" in replies[0]
    buttons = [d for _, d in harness.last(THERAPIST).buttons]
    assert len(buttons) == 3
    review_id = ScreenMark.parse(buttons[0]).review_id
    done = await harness.press(THERAPIST, ScreenMark(review_id=review_id, mark=Mark.POSSIBLE).pack())
    assert "should be possible" in done[0]
    assert await _reviews(harness) == [("i wrote letters to everyone saying goodbye", "possible", "screen")]
    assert {"screen.check", "screen.mark"} <= set(await _actions(harness))
    async with harness.db.session() as s:
        assert [e.mark for e in await reviews.examples(s)] == ["possible"]


async def test_screen_without_text_explains_itself(harness: Harness) -> None:
    """A bare /screen says how to use it and stores nothing."""
    await harness.enroll(STAFF, Role.STAFF)
    assert await harness.send(STAFF, "/screen") == [texts.SCREEN_USAGE]
    assert await _reviews(harness) == []


async def test_a_client_gets_a_refusal_and_their_words_are_still_screened(harness: Harness) -> None:
    """A client's /screen is refused, and crisis words after it still get the crisis reply and an alert."""
    therapist = await harness.enroll(THERAPIST, Role.THERAPIST)
    await harness.enroll(CLIENT, therapist_id=therapist.id)
    refused = await harness.send(CLIENT, "/screen what time is group")
    assert len(refused) == 1 and "988" not in refused[0] and "/screen" in refused[0]
    replies = await harness.send(CLIENT, "/screen i want to kill myself")
    assert "988" in replies[0]
    async with harness.db.session() as s:
        assert len((await s.execute(select(Alert))).scalars().all()) == 1
    assert await _reviews(harness) == []


async def test_false_alarm_on_an_alert_view_keeps_the_message_as_an_example(harness: Harness) -> None:
    """View on an alert a message raised offers 'False alarm'; the tap keeps the client's words, marked, audited."""
    therapist = await harness.enroll(THERAPIST, Role.THERAPIST)
    client = await harness.enroll(CLIENT, therapist_id=therapist.id)
    await harness.send(CLIENT, "standing on the roof rn")
    async with harness.db.session() as s:
        alert_id = (await s.execute(select(Alert.id))).scalar_one()
    await harness.press(THERAPIST, AlertView(alert_id=alert_id).pack())
    assert AlertFalseAlarm(alert_id=alert_id).pack() in [d for _, d in harness.last(THERAPIST).buttons]
    done = await harness.press(THERAPIST, AlertFalseAlarm(alert_id=alert_id).pack())
    assert done == [texts.ALERT_FALSE_ALARM_DONE.format(alert_id=alert_id)]
    assert await _reviews(harness) == [("standing on the roof rn", "false_alarm", "alert")]
    async with harness.db.session() as s:
        row = (await s.execute(select(ScreenReview))).scalar_one()
        assert row.client_id == client.id and row.alert_id == alert_id
        alert = await s.get(Alert, alert_id)
        assert alert is not None and alert.status == "open"  # the alert itself is still to be acknowledged


async def test_faqgaps_never_list_a_flagged_message_nor_one_marked_crisis(harness: Harness) -> None:
    """Old gap rows the screen now flags, and texts the team marked crisis, stay out of /faqgaps."""
    await harness.enroll(STAFF, Role.STAFF)
    async with harness.db.session() as s, s.begin():
        for text in ("where do i park my car", "i have a bottle of pills in front of me", "the bridge is calling me"):
            s.add(FaqGap(text=text, best_entry="", best_score=0.0))
    await harness.send(STAFF, "/screen the bridge is calling me")
    review_id = ScreenMark.parse(harness.last(STAFF).buttons[0][1]).review_id
    await harness.press(STAFF, ScreenMark(review_id=review_id, mark=Mark.CRISIS).pack())
    listed = (await harness.send(STAFF, "/faqgaps"))[0]
    assert "park my car" in listed
    assert "pills" not in listed and "bridge" not in listed


async def test_erasing_a_client_erases_their_words_kept_as_examples(harness: Harness) -> None:
    """A 'false alarm' example holds the client's words: /delete removes it with the rest."""
    therapist = await harness.enroll(THERAPIST, Role.THERAPIST)
    client = await harness.enroll(CLIENT, therapist_id=therapist.id)
    await harness.send(CLIENT, "standing on the roof rn")
    async with harness.db.session() as s:
        alert_id = (await s.execute(select(Alert.id))).scalar_one()
    await harness.press(THERAPIST, AlertFalseAlarm(alert_id=alert_id).pack())
    assert len(await _reviews(harness)) == 1
    async with harness.db.session() as s, s.begin():
        await data_rights.erase(s, client.id)
    assert await _reviews(harness) == []
