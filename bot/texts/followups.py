"""Follow-up tasks after a crisis alert, and the response-time report.

Pushed texts show on lock screens: a task number, a client code and a time, never what happened.
"""

from __future__ import annotations

# --- Follow-up after a crisis -----------------------------------------------------------------

FOLLOWUP_PUSH = (
    "Follow-up F-{followup_id} for client <b>{code}</b>: please get in touch with them by {due} "
    "and go over their plan together. Tap a button when you have."
)

FOLLOWUP_REMINDER = (
    "Reminder: follow-up F-{followup_id} for client <b>{code}</b> is still open. Please get in touch by {due}."
)

FOLLOWUP_ESCALATED = (
    "Follow-up F-{followup_id} for client <b>{code}</b> was not done by {due}. "
    "You are being told as {tier}: please make sure someone gets in touch today."
)

FOLLOWUP_TIER_ONCALL = "the person on call"

FOLLOWUP_TIER_ADMIN = "an admin (nobody is on call)"

FOLLOWUP_BUTTON_DONE = "Done"

FOLLOWUP_BUTTON_UNREACHED = "Could not reach"

FOLLOWUP_DONE = "✅ Follow-up F-{followup_id} is done. Thank you."

FOLLOWUP_UNREACHED = (
    "Noted: attempt {attempts} to reach <b>{code}</b> did not get through. F-{followup_id} stays open; "
    "please try again before {due}."
)

FOLLOWUP_ALREADY = "Follow-up F-{followup_id} was already marked done by {who}."

FOLLOWUP_ERASED_PUSH = "Follow-up F-{followup_id} is closed: the client erased their data, so it is off your list."

FOLLOWUP_ERASED = "Follow-up F-{followup_id} was closed when the client erased their data."

FOLLOWUP_NOT_YOURS = "This follow-up belongs to another care team, so it isn't shown to you."

FOLLOWUP_GONE = "That follow-up no longer exists."

FOLLOWUPS_HEADER = "<b>Follow-ups after a crisis</b>, soonest due first:"

FOLLOWUP_LINE = "F-{followup_id} · <b>{code}</b> · get in touch by {due}{late}{attempts}"

FOLLOWUP_LATE = " · ⚠️ overdue"

FOLLOWUP_ATTEMPTS = " · {count} tries"

# --- The response-time report (/report, python -m bot report alerts) ---------------------------

REPORT_TITLE = "<b>Alert response times</b>, {start} to {end}"

REPORT_SEVERITY_HEADER = "<b>By severity</b>"

REPORT_THERAPIST_HEADER = "<b>By therapist</b>"

REPORT_LINE = (
    "{label}: {alerts} alerts, {acked} acknowledged · median {median} · 90th percentile {p90} · "
    "{escalated} escalated · follow-ups {on_time}/{followups} on time"
)

REPORT_NONE = "No alerts were raised between {start} and {end}."

REPORT_NO_THERAPIST = "no therapist"

REPORT_NO_VALUE = "–"

REPORT_CHART_CAPTION = "Time to acknowledge, median and 90th percentile (minutes)."

REPORT_BAD_DATES = "Use /report, or /report 2026-11-01 2026-11-30 (from and to, both optional)."
