"""Rewards for showing up (contingency management): a ledger of points and prize-bowl draws, off by default.

- `rules`: the amounts and the cap (REWARD_* settings), and the prize-bowl rule: the draws a negative
  test earns grow by one for each week in a row with a negative test, and go back to one after a
  positive or missed test.
- `ledger`: writing entries (earned, tests, prizes, corrections; each one audited, none ever
  changed) and reading a client's balance and recent entries.

Session milestones ("5 sessions you've shown up for") are celebrations, not a ledger: they are in
`bot/domain/coping/rewards.py`.
"""
