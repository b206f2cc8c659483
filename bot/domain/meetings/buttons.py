"""Buttons on meeting reminders and on a broadcast's progress message."""

from __future__ import annotations

from bot.core.callbacks import CallbackData, callback


@callback("mt.rsvp")
class MeetingRsvp(CallbackData):
    """'I'll be there' / 'Can't make it' on a meeting reminder; `at` is the occurrence's original start (Unix s)."""

    series: int
    at: int
    yes: bool


@callback("bc.ref")
class BroadcastRefresh(CallbackData):
    """'Refresh' on a broadcast's progress message."""

    broadcast: int


@callback("bc.stop")
class BroadcastCancel(CallbackData):
    """'Cancel sending' on a broadcast's progress message: pending copies are cancelled."""

    broadcast: int
