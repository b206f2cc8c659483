"""People: who is enrolled, in which role, and how they joined or left.

- `directory`: looking people up (plain `PersonView` data); `listing`: the staff /people list.
- `roles`: which role may do what; `timezones`: reading and showing time zones.
- `enrollment`, `invites`, `consent`, `lockouts`, `offboarding`: joining, codes, consent, locked codes, leaving.
- `typed`: what people type for a time of day or a date; `language`: the language each person reads.
"""
