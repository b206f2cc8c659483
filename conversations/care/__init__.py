"""The care team's handlers: `alerts` (View, Acknowledge, on-call), `alert_reply` (Reply to the client from an
alert), `questions`, `caseload` and `assign`."""
