"""Questionnaires (/weekly): `engine` (the one conversation that presents any questionnaire item by item,
acts at once on PHQ-9 item 9, and submits; it offers the client the BAM form their schedule names),
`steps` (its buttons, draft, what each step shows and what a typed answer or count gives) and `cohorts`
(/measures: a cohort's completion and average scores for staff, groups of five or more only)."""
