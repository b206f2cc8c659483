"""What a therapist reviews of their clients: the caseload at a glance and the daily digest.

- `overview`: the caseload list and one client's recent check-ins (audited).
- `digest`: the once-a-day list of medium alerts and "can't make it" answers.
"""
