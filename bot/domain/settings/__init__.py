"""A client's own settings: time zone, check-in reminder time, reminders on or off, recovery start date.

- `preferences`: storing each setting (a new time zone re-plans meeting reminders).
Parsing what people type lives in `bot.domain.people.typed` and `timezones`.
"""
