"""The care team's handlers: `alerts` (View, Acknowledge, on-call), `followups` (after a crisis),
`questions`, `caseload` and `assign`."""
