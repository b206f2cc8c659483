"""Button data shared across layers: buttons that planners put on outbox messages and handlers answer."""

from __future__ import annotations

from bot.core.callbacks import CallbackData, callback
from bot.domain.safety_plan import Section


@callback("ci.start")
class StartCheckin(CallbackData):
    """'Check in now' on the daily reminder; `day` is the client's local date (ISO) it was meant for."""

    day: str


@callback("al.view")
class AlertView(CallbackData):
    """'View' on an alert push: shows the detail (audited)."""

    alert_id: int


@callback("al.ack")
class AlertAck(CallbackData):
    """'Acknowledge' on an alert push: records who and when, tells everyone who got it."""

    alert_id: int


@callback("oc.take")
class OnCallTake(CallbackData):
    """'Take on-call' under /oncall; `shift` is the shift the button was shown for, so a stale tap is caught."""

    shift: int


@callback("sp.edit")
class SafetyPlanEdit(CallbackData):
    """Edit one section of the safety plan."""

    section: Section


@callback("sp.done")
class SafetyPlanDone(CallbackData):
    """Close the safety plan."""

    ok: bool = True


@callback("dg.view")
class DigestView(CallbackData):
    """'Show the list' on a digest push."""

    day: str


@callback("cr.ans")
class CrisisAnswer(CallbackData):
    """The plain question after a 'possible' message: are you thinking of harming yourself?"""

    yes: bool


@callback("cr.back")
class CrisisResume(CallbackData):
    """'Back to what I was doing': leave the crisis exchange; the open step goes on."""

    ok: bool = True


@callback("q.view")
class QuestionView(CallbackData):
    """'View' on a question push (care team; audited)."""

    question_id: int


@callback("q.reply")
class QuestionReply(CallbackData):
    """'Answer' under a question the care team is viewing."""

    question_id: int


@callback("q.show")
class QuestionAnswerShow(CallbackData):
    """'Show' on the client's notice that their question was answered."""

    question_id: int


@callback("q.ask")
class AskCareTeam(CallbackData):
    """'Ask my care team': start writing a private question."""

    ok: bool = True


@callback("as.pick")
class AssignPick(CallbackData):
    """A therapist picked for a client under /assign."""

    client_id: int
    therapist_id: int


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
