"""Help in the moment and rewards for showing up: a craving met with a coping tool, rated before and after.

- `tools`: the coping tools as data (`tools.yaml`), read and checked.
- `cravings`: craving talk in the client's words, which tool to pick, storing the ratings, the flag,
  the check back 15 minutes later.
- `sequences`: a paced tool's steps sent on their own through the outbox, and withdrawing them.
- `meds`: daily medication reminders (neutral unless the client labels them), planned, Taken / Skip,
  paused and resumed.
- `med_days`: the weekdays a daily reminder goes on, typed after its time.
- `med_proposals`: a daily reminder the care team suggests; the client turns it on (shared or not) or not.
- `rewards`: milestones for sessions attended (check-in streaks are the diary's), never just after use.
"""
