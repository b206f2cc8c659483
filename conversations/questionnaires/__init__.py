"""Questionnaires (/weekly): `engine` (the one conversation that presents any questionnaire item by item,
acts at once on PHQ-9 item 9, and submits), `steps` (its buttons, draft and what each step shows) and
`cohorts` (/measures: a cohort's completion and average scores for staff, groups of five or more only)."""
