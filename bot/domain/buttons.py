"""Button data shared across layers: buttons that planners put on outbox messages and handlers answer."""

from __future__ import annotations

from bot.core.callbacks import CallbackData, callback


@callback("ci.start")
class StartCheckin(CallbackData):
    """'Check in now' on the daily reminder; `day` is the client's local date (ISO) it was meant for."""

    day: str
