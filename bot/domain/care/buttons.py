"""Buttons on the care team's messages: alert pushes, follow-ups, on-call, digests, questions, assignment.

Planners put them on outbox rows and handlers answer them, so they live below both layers.
"""

from __future__ import annotations

from bot.core.callbacks import CallbackData, callback


@callback("al.view")
class AlertView(CallbackData):
    """'View' on an alert push: shows the detail (audited)."""

    alert_id: int


@callback("al.ack")
class AlertAck(CallbackData):
    """'Acknowledge' on an alert push: records who and when, tells everyone who got it."""

    alert_id: int


@callback("al.page")
class AlertsPage(CallbackData):
    """'Next' / 'Previous' under /alerts: another page of open alerts."""

    page: int


@callback("fu.done")
class FollowUpDone(CallbackData):
    """'Done' on a follow-up task: the client was contacted and the safety plan reviewed."""

    followup_id: int


@callback("fu.miss")
class FollowUpUnreached(CallbackData):
    """'Could not reach' on a follow-up task: the attempt is counted and the task stays open."""

    followup_id: int


@callback("al.false")
class AlertFalseAlarm(CallbackData):
    """'False alarm' on the View of an alert a message raised: keeps the message as a labelled example."""

    alert_id: int


@callback("oc.take")
class OnCallTake(CallbackData):
    """'Take on-call' under /oncall; `shift` is the shift the button was shown for, so a stale tap is caught."""

    shift: int


@callback("oc.give")
class OnCallHandOver(CallbackData):
    """'Hand over' under /oncall (the holder): shows whom to pass it to."""

    shift: int


@callback("oc.to")
class OnCallHandTo(CallbackData):
    """A colleague picked to take over on-call from the holder."""

    shift: int
    person_id: int


@callback("oc.off")
class OnCallOff(CallbackData):
    """'Go off call' under /oncall (the holder): nobody is on call afterwards."""

    shift: int


@callback("dg.view")
class DigestView(CallbackData):
    """'Show the list' on a digest push."""

    day: str


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


@callback("al.reply")
class AlertReply(CallbackData):
    """'Reply' on an alert push: write to the client now; the exchange is kept with the alert."""

    alert_id: int
