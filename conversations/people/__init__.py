"""Joining and leaving the program.

- `start` (codes and consent), `privacy`, `invite`, `pending_invites`, `membership`;
- `directory` (staff's /people), `offboarding` and `unlock`;
- `language`: the language each person reads (set for every update, /language).
"""
