"""The program's calendar: group sessions, appointments and support meetings, and what clients are told.

- `schedule` and `recurrence`: series and their occurrences; `week_text`: a week as text.
- `how_often`: how often a series meets, as staff say it, read into a rule and said back in words;
  `when_typed`: a first date ("monday 9am", "12/7/2026 9:00") and a length ("1.5h") as staff type them.
- `changes`, `edits`, `forms`, `retime`: adding, cancelling, moving and editing series; `reshape`: new days or
  a new end for a series; `audience`: who a series is for, changed, and who is told.
- `ical_import`, `ical_export`, `ical_times`: iCalendar in and out.
- `reminders`: meeting reminders; `attendance`: RSVPs and attendance.
- `regret_push`: a "can't make it" for today, told to the therapist at once.
- `closures`: days the clinic is closed: their meetings cancelled, each client told once.
- `broadcasts`: staff messages to all clients or a cohort; `broadcast_versions`: one version per language,
  each reader theirs; `buttons`: RSVP and broadcast buttons.
"""
