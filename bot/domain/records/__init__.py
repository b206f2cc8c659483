"""Records: what the bot keeps about what happened and what it owes.

- `audit`: the insert-only audit trail (who, what, which client, when).
- `outbox`: writing outbox rows in the caller's transaction (the delivery loop sends them).
- `bulk`: writing many at once for planners (batched, each distinct text sealed once).
- `data_rights`: a client's export and erasure.
- `exported`: the export's care-team side (therapist, appointments, alerts, follow-ups, broadcasts, audit facts).
- `backups`: recording each daily backup's outcome, and telling the admins when one failed.
"""
