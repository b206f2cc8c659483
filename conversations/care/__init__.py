"""The care team's handlers: `alerts` (View, Acknowledge, on-call), `questions`, `caseload` and `assign`."""
