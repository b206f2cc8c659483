"""Measurement-based care: validated questionnaires (PHQ-9, GAD-7, the BAM) as data, and their scores.

Modules: `definitions` (loads and checks the YAML definitions beside it: phq9.yaml, gad7.yaml, and the
BAM's two forms, bam7.yaml weekly and bam30.yaml the original 30-day form, whose day counts are typed
numbers scored by bands), `scoring` (totals, bands, subscales, the items that act at once), `typed`
(typed answers: an option's number or words, a count's number, and why one is not taken), `store`
(saving responses with their scores, a client's results over time), `views` (a client's scores over
time in a therapist's words), `chart` (the same as a picture for /client), `flags` (use, Risk rising,
Protective falling, bands moving up: an alert for the care team), `due` (the schedule, and which BAM
form each cohort runs: due messages, the next day's reminder, overdue flags; the start button),
`cohorts` (a cohort's completion and average scores by week, groups of five or more only), `fhir` (a
FHIR R4 Bundle of a client's questionnaires, responses, scores and check-ins, validated), `fhir_check`
(checking a Bundle by the shapes of its entries, at a fraction of the R4B models' cost).
"""
