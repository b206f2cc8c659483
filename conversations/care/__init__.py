"""The care team's handlers: `alerts` (View, Acknowledge, /alerts) with `alert_list` (its pages), `alert_reply`
(Reply to the client from an alert), `oncall`, `followups` (after a crisis), `report` (response times),
`questions`, `caseload` and `assign`."""
