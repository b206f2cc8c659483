"""The care team's side: alerts, escalation, on-call, questions and who looks after whom.

- `alerts`: raising, pushing, acknowledging and escalating alerts; `alert_views`: reading them (audited).
- `alert_replies`: the care team's reply to the client from an alert, kept with the alert.
- `message_flags`: the alert a screened message raises, and the exchange after it.
- `episodes`: one alert per client episode (later flags join the open alert, raising its severity).
- `alert_delivery`: what delivered and refused pushes mean for an alert (reached, receipts, the chain).
- `crisis_spool`: flags kept in a local encrypted file while the database cannot take them.
- `oncall`: the on-call shift; `assignment`: assigning a client's therapist.
- `questions`: private questions from a client to their therapist.
- `buttons`: the buttons on the team's pushes.
"""
