"""Rewards for showing up (contingency management), when the clinic has turned them on.

- `balance`: /rewards, a client's points, draws and recent entries; the care team's view of a client's
  ledger with entry numbers (/rewards CODE).
- `staff`: /test CODE negative|positive|missed, /prize CODE N what, /correct N why: the entries staff record.
"""
