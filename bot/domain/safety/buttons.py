"""Buttons of the safety net a client sees: the crisis question and exchange, and the safety plan."""

from __future__ import annotations

from bot.core.callbacks import CallbackData, callback
from bot.domain.safety.plan import Section


@callback("sp.edit")
class SafetyPlanEdit(CallbackData):
    """Edit one section of the safety plan."""

    section: Section


@callback("sp.done")
class SafetyPlanDone(CallbackData):
    """Close the safety plan."""

    ok: bool = True


@callback("cr.ans")
class CrisisAnswer(CallbackData):
    """The plain question after a 'possible' message: are you thinking of harming yourself?"""

    yes: bool


@callback("cr.back")
class CrisisResume(CallbackData):
    """'Back to what I was doing': leave the crisis exchange; the open step goes on."""

    ok: bool = True
