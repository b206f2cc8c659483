"""Pushes added for follow-ups, media notes, on-call and same-day regrets say nothing about health on a lock screen."""

from __future__ import annotations

import re

import pytest

from bot import texts

HEALTH_WORDS = re.compile(
    r"suicid|self-harm|relaps|slip|drug|alcohol|drink|addict|overdose|sober|craving|treatment|therap|crisis"
    r"|safety plan|mental|substance|\buse\b|\bused\b",
    re.IGNORECASE,
)

PUSHES = {
    "FOLLOWUP_PUSH": texts.FOLLOWUP_PUSH,
    "FOLLOWUP_REMINDER": texts.FOLLOWUP_REMINDER,
    "FOLLOWUP_ESCALATED": texts.FOLLOWUP_ESCALATED,
    "MEDIA_NOTE_TO_TEAM": texts.MEDIA_NOTE_TO_TEAM,
    "MEETING_REGRET_PUSH": texts.MEETING_REGRET_PUSH,
    "ONCALL_HANDED_TO_YOU": texts.ONCALL_HANDED_TO_YOU,
    "ALERT_NOBODY_ONCALL_PUSH": texts.ALERT_NOBODY_ONCALL_PUSH,
    "ALERT_NOBODY_ONCALL_LATE_PUSH": texts.ALERT_NOBODY_ONCALL_LATE_PUSH,
}


@pytest.mark.parametrize("name", sorted(PUSHES))
def test_push_wording_is_neutral(name: str) -> None:
    assert not HEALTH_WORDS.search(PUSHES[name]), name
