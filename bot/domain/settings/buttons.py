"""Buttons of the first settings after a client's enrolment: shown by /start, answered in /settings."""

from __future__ import annotations

from bot.core.callbacks import CallbackData, callback


@callback("set.f.ok")
class FirstZoneYes(CallbackData):
    """'Yes' under "Is it 7:14 pm where you are?": the zone the question was about."""

    zone: str


@callback("set.f.pick")
class FirstZonePick(CallbackData):
    """'Pick my zone' under that question."""


@callback("set.f.keep")
class KeepTime(CallbackData):
    """The check-in reminder time as it is (the clinic's default), under "I'll remind you at 19:00"."""
