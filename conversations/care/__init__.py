"""The care team's handlers: `alerts` (View, Acknowledge, /alerts) with `alert_list` (its pages), `oncall`,
`followups` (after a crisis), `report` (response times), `questions`, `caseload` and `assign`."""
