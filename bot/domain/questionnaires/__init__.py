"""Measurement-based care: validated questionnaires (PHQ-9, GAD-7, the weekly BAM) as data, and their scores.

Modules: `definitions` (loads and checks the YAML definitions beside it: phq9.yaml, gad7.yaml,
bam7.yaml), `scoring` (totals, bands, subscales, the items that act at once), `typed` (typed
answers), `store` (saving responses with their scores, a client's results over time), `views` (a
client's scores over time in a therapist's words), `chart` (the same as a picture for /client),
`flags` (use, Risk rising, Protective falling, bands moving up: an alert for the care team), `due`
(the schedule: due messages, the next day's reminder, overdue flags; the start button), `cohorts`
(a cohort's completion and average scores by week, groups of five or more only), `fhir` (a FHIR R4
Bundle of a client's questionnaires, responses, scores and check-ins, validated).
"""
