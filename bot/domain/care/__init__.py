"""The care team's side: alerts, escalation, on-call, questions and who looks after whom.

- `alerts`: raising, pushing, acknowledging and escalating alerts; `alert_views`: reading them (audited);
  `alert_access`: who may see and acknowledge one.
- `message_flags`: the alert a screened message raises, and the exchange after it.
- `media_notes`: a quiet note to the team that media came while an alert was open (never the media).
- `followups`: the follow-up task a crisis opens once acknowledged (contact within 72 hours).
- `report`, `report_chart`: the response-time report (time to acknowledge, escalations, follow-ups on time).
- `oncall`: the on-call shift; `oncall_handover`: the holder hands it over or goes off call.
- `assignment`: assigning a client's therapist.
- `alert_replies`: the care team's reply to the client from an alert, kept with the alert.
- `episodes`: one alert per client episode (later flags join the open alert, raising its severity).
- `alert_delivery`: what delivered and refused pushes mean for an alert (reached, receipts, the chain).
- `alert_reminders`: reminders at the end of the chain until someone acknowledges.
- `crisis_spool`: flags kept in a local encrypted file while the database cannot take them.
- `questions`: private questions from a client to their therapist.
- `buttons`: the buttons on the team's pushes.
"""
