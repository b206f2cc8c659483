"""A client's own settings: time zone, check-in reminder time, reminders on or off, recovery start date.

- `preferences`: storing each setting (a new time zone re-plans meeting reminders);
- `buttons`: the zone and time questions after enrolment (asked by /start, answered in /settings).
Parsing what people type lives in `bot.domain.people.typed` and `timezones`.
"""
