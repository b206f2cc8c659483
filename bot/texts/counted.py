"""Nouns the bot counts, with their plural: each language gives its own forms (context "count")."""

from __future__ import annotations

# The noun `wording.count` is called with -> the text for one and for many ({n} is the number).
COUNTED: dict[str, tuple[str, str]] = {
    "minute": ("{n} minute", "{n} minutes"),
    "alert": ("{n} alert", "{n} alerts"),
    "item": ("{n} item", "{n} items"),
    "client": ("{n} client", "{n} clients"),
    "date": ("{n} date", "{n} dates"),
    "extra date": ("{n} extra date", "{n} extra dates"),
    "pending reminder": ("{n} pending reminder", "{n} pending reminders"),
    "session": ("{n} session", "{n} sessions"),
    "appointment": ("{n} appointment", "{n} appointments"),
    "day": ("{n} day", "{n} days"),
    "check-in": ("{n} check-in", "{n} check-ins"),
    "person": ("{n} person", "{n} people"),
    "point": ("{n} point", "{n} points"),
    "draw": ("{n} draw", "{n} draws"),
    "week": ("{n} week", "{n} weeks"),
}
