"""The care team's handlers: `alerts` (View, Acknowledge, on-call), `followups` (after a crisis),
`report` (response times), `questions`, `caseload` and `assign`."""
