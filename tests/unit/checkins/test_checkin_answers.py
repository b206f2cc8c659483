"""Check-in answer rules: what each step accepts, what it refuses and why, and hard-day detection."""

from __future__ import annotations

import pytest

from bot.domain.checkins.answers import (
    Answers,
    Feedback,
    InvalidAnswer,
    Reason,
    Step,
    Use,
    feedback_kind,
    from_draft,
    next_step,
    parse,
)


@pytest.mark.parametrize(
    "step,text,expected",
    [
        (Step.CRAVING, "7", 7),
        (Step.CRAVING, " 0 ", 0),
        (Step.CRAVING, "10", 10),
        (Step.CRAVING, "seven", 7),
        (Step.CRAVING, "7/10", 7),
        (Step.CRAVING, "3 out of 10", 3),
        (Step.CRAVING, "none", 0),
        (Step.MOOD, "4", 4),
        (Step.MOOD, "Very good!", 5),
        (Step.MOOD, "not great", 2),
        (Step.MOOD, "meh", 3),
        (Step.MOOD, "awful", 1),
        (Step.USE, "no", Use.NO),
        (Step.USE, "Yes", Use.YES),
        (Step.USE, "prefer not to say", Use.UNDISCLOSED),
        (Step.USE, "I’d rather not say", Use.UNDISCLOSED),
        (Step.SLEEP, "badly", 1),
        (Step.SLEEP, "ok", 2),
        (Step.SLEEP, "3", 3),
        (Step.NOTE, "skip", None),
        (Step.NOTE, "  Went to a meeting.  ", "Went to a meeting."),
        (Step.SAFETY, "no", False),
        (Step.SAFETY, "yes", True),
    ],
)
def test_answers_people_type(step, text, expected):
    assert parse(step, text) == expected


@pytest.mark.parametrize(
    "step,text,reason",
    [
        (Step.CRAVING, "11", Reason.RANGE),
        (Step.CRAVING, "-1", Reason.RANGE),
        (Step.CRAVING, "minus one", Reason.RANGE),
        (Step.CRAVING, "seven and a half", Reason.WHOLE),
        (Step.CRAVING, "7.5", Reason.WHOLE),
        (Step.CRAVING, "lots", Reason.UNKNOWN),
        (Step.CRAVING, "", Reason.UNKNOWN),
        (Step.MOOD, "6", Reason.RANGE),
        (Step.MOOD, "0", Reason.RANGE),
        (Step.MOOD, "purple", Reason.UNKNOWN),
        (Step.SLEEP, "4", Reason.RANGE),
        (Step.SLEEP, "nine hours", Reason.UNKNOWN),
        (Step.USE, "maybe", Reason.UNKNOWN),
        (Step.SAFETY, "prefer not to say", Reason.UNKNOWN),
        (Step.NOTE, "x" * 1001, Reason.TOO_LONG),
    ],
)
def test_answers_that_are_refused_say_why(step, text, reason):
    with pytest.raises(InvalidAnswer) as exc:
        parse(step, text)
    assert exc.value.step is step and exc.value.reason is reason


def _answers(**kw):
    base = dict(craving=2, mood=4, used=Use.NO, sleep=3, note=None, safety_yes=False)
    return Answers(**(base | kw))


@pytest.mark.parametrize(
    "kw,kind",
    [
        ({}, Feedback.GOOD),
        ({"craving": 7, "mood": 3}, Feedback.GOOD),
        ({"craving": 8}, Feedback.HARD),
        ({"mood": 2}, Feedback.HARD),
        ({"used": Use.YES}, Feedback.HARD),
        ({"used": Use.UNDISCLOSED}, Feedback.GOOD),
        ({"safety_yes": True, "craving": 9}, Feedback.SAFETY),
    ],
)
def test_feedback_kind(kw, kind):
    assert feedback_kind(_answers(**kw)) is kind


def test_draft_steps_and_completion():
    draft = {"craving": 3, "mood": 4, "use": "no", "sleep": 2}
    assert next_step(draft) is Step.NOTE
    draft["note"] = None  # skipped counts as answered
    assert next_step(draft) is Step.SAFETY
    draft["safety"] = False
    assert from_draft(draft) == _answers(craving=3, mood=4, sleep=2)
    with pytest.raises(InvalidAnswer):
        from_draft(draft | {"craving": 12})  # a tampered or outdated draft is checked again


def test_hard_day_topic_puts_use_before_craving_before_mood():
    from bot.domain.checkins.answers import hard_day_topic

    assert hard_day_topic(_answers(used=Use.YES, craving=9, mood=1)) == "use"
    assert hard_day_topic(_answers(craving=9, mood=1)) == "craving"
    assert hard_day_topic(_answers(mood=1)) == "mood"
    assert hard_day_topic(_answers()) is None
