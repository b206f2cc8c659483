"""Buttons of the safety net: the crisis question and exchange, the safety plan, and /screen marks."""

from __future__ import annotations

from bot.core.callbacks import CallbackData, callback
from bot.domain.safety.plan import Section
from bot.domain.safety.reviews import Mark


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


@callback("sc.mark")
class ScreenMark(CallbackData):
    """A team member's mark on a text checked with /screen: what the screen should have said."""

    review_id: int
    mark: Mark
