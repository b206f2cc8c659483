"""What the bot tells admins about its own running: which process leads the clinic's bot.

Admins only; no client is named. Host names and process ids are escaped by the caller.
"""

from __future__ import annotations

LEADER_TOOK_OVER = (
    "The bot is now run by {holder}. The process that ran it before ({previous}) stopped answering, "
    "so this one took over; nothing queued was lost. Please check the other machine or process."
)
LEADER_HANDED_OVER = (
    "The bot is now run by {holder}: the process that ran it before ({previous}) stepped down "
    "(a restart or an update). Nothing queued was lost."
)
