"""The daily check-in: its answers, the diary of days, streaks and charts, its risk flags and reminders.

- `answers`: what each answer may be; `diary`: storing and reading days, streaks, milestones, history.
- `chart`: the trend picture; `risk_flags`: flags raised by a saved check-in or a missed week.
- `reported_use`: use reported in a message ("i relapsed last night"), and no celebration the day after use.
- `reminders`: when each daily reminder is due (DST-correct) and its "Check in now" button.
- `fhir`: craving and mood as FHIR R4 Observations, for the clinic's record (the questionnaires' export).
"""
