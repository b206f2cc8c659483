"""Schedules, meetings, meeting reminders, attendance and broadcasts."""

from __future__ import annotations

# --- Schedules, meetings, attendance and broadcasts (issue 12) --------------------------------
# Reminders and change notices show on lock screens: public wording and a time only.
MEETING_REMINDER = "Reminder: {title} {when}."
# /closures (staff): days the clinic is closed.
CLOSURES_LIST = (
    "<b>Days the clinic is closed</b>\n{days}\n\nTo close a day, send <code>/closures 12/25/2026 Christmas</code>: "
    "every meeting that day is cancelled and its clients are told once."
)
CLOSURES_LINE = "• {day}: {reason}"
CLOSURES_NONE = "None ahead."
CLOSURES_BAD_DATE = (
    "Please give the date first, like <code>/closures 12/25/2026 Christmas</code> or "
    "<code>/closures 2026-12-25 Christmas</code>."
)
CLOSURES_PAST = "That day has passed. Please give a day from today on."
CLOSURES_CONFIRM = (
    "Close the clinic on <b>{day}</b>{why}? {meetings} that day will be cancelled, and each client in one "
    "will be told once."
)
CLOSURES_YES = "Close the clinic"
CLOSURES_NO = "Keep it open"
CLOSURES_KEPT = "Nothing changed."
CLOSURES_DONE = "The clinic is closed on {day}: {meetings} cancelled, {told} told."
# A closed day, told once to each client with meetings that day.
CLOSURE_NOTICE = "Schedule change: the clinic is closed on {day}{why}. Cancelled that day: {meetings}."
CLOSURE_REASON = " ({reason})"
MEETING_REMINDER_WHERE = "\nWhere: {place}"  # below the first line, which is all a lock screen shows
MEETING_REMINDER_LINK = "\nJoin: {link}"
# {when} in reminders and notices: "today at 18:00", "on Mon 3 Mar at 18:00"; an all-day event "tomorrow (all day)".
MEETING_WHEN_AT = "{day} at {clock}"
MEETING_WHEN_ALL_DAY = "{day} (all day)"
MEETING_DAY_TODAY = "today"
MEETING_DAY_TOMORROW = "tomorrow"
MEETING_DAY_ON = "on {date}"
MEETING_DAY_DATE = "{date}"  # after "moved to", "starting"
MEETING_RSVP_YES = "I'll be there"
MEETING_RSVP_NO = "Can't make it"
MEETING_CANCELLED_NOTICE = "Schedule change: {title} {when} is cancelled."
MEETING_RESTORED_NOTICE = "Schedule change: {title} {when} is on again after all."
MEETING_MOVED_NOTICE = "Schedule change: {title} {old} has moved to {new}."
MEETING_SERIES_ENDED_NOTICE = "Schedule change: {title} will no longer take place. Send /schedule to see what's ahead."
MEETING_RETIMED_NOTICE = "Schedule change: {title} now takes place {days} at {time}, starting {first}."
MEETING_RETIMED_NOTICE_PLAIN = "Schedule change: {title} now starts at {time}, from {first} on."
MEETING_EVERY_DAY = "every day"
MEETING_JOINED_NOTICE = "Schedule change: {title} is on your schedule now. Send /schedule to see when."
MEETING_LEFT_NOTICE = "Schedule change: {title} is no longer on your schedule. Send /schedule to see what's ahead."
MEETING_RENAMED_NOTICE = "Schedule change: {old} will be called {new} from now on."
MEETING_RENAMED_AND_PLACE_NOTICE = (
    "Schedule change: {old} will be called {new} from now on, and it has a new place or link. Send /schedule to see it."
)
MEETING_PLACE_NOTICE = "Schedule change: {title} has a new place or link. Send /schedule to see it."
DIGEST_REGRETS_HEADER = "<b>Can't make it</b> (answers to meeting reminders):"
DIGEST_REGRET_LINE = "• <b>{code}</b> · {title} · {at}"
# A "can't make it" for today, pushed to the therapist at once (bot.domain.meetings.regret_push).
MEETING_REGRET_PUSH = "<b>{code}</b> can't make it to {title} today ({time})."
MEETING_REGRET_ALL_DAY = "all day"
SCHEDULE_HEADER = "<b>Your next 7 days</b> (times in {zone})"
SCHEDULE_NONE = "Nothing is scheduled for you in the next 7 days."
SCHEDULE_LINE = "• {time} {title}{where}"
SCHEDULE_ALL_DAY = "all day"
SCHEDULE_MOVED = " (moved)"
SCHEDULE_CLOSED = "• The clinic is closed{why}: no meetings."
SCHEDULE_ICS_BUTTON = "Add to my calendar (.ics)"
SCHEDULE_ICS_CAPTION = "Your schedule. Open this file to add it to your phone's calendar."
MEETING_RSVP_YES_OK = "Thanks — see you there."
MEETING_RSVP_NO_OK = "Thanks for letting us know. Your care team will see it; no need to explain."
MEETING_RSVP_CHANGED_YES = "Changed: you're going. Thanks — see you there."
MEETING_RSVP_CHANGED_NO = "Changed: can't make it. Your care team will see it; no need to explain."
MEETING_RSVP_SAME_YES = "You'd already said you're going — see you there."
MEETING_RSVP_SAME_NO = "You'd already said you can't make it; your care team has it."
MEETING_RSVP_CHOSEN = "✓ {label}"  # the answer given, on the reminder's button
MEETING_RSVP_GONE = "That meeting has been cancelled or moved. Send /schedule to see what's ahead."
MEETING_RSVP_PAST = "That meeting has already started. Send /schedule to see what's ahead."
MEETING_RSVP_NOT_INVITED = "That meeting isn't on your schedule any more. Send /schedule to see what's ahead."
MEETING_PREFS_BUTTON = "Meeting reminders"
MEETING_PREFS_MENU = (
    "<b>Meeting reminders</b>\nTap a button to change it: the day before ({day_choices}) and shortly before "
    "({short_choices}), for each kind of meeting."
)
MEETING_PREFS_ROW = "{kind}: {which} {lead}"
MEETING_PREFS_DAY = "day before"
MEETING_PREFS_SHORT = "shortly before"
MEETING_PREFS_DONE = "Done"
MEETING_PREFS_SAVED = "Meeting reminders saved."
MEETING_KIND_LABEL = {
    "group": "Group",
    "individual": "Appointments",
    "support": "Support meetings",
    "family": "Family group",
}
MEETINGS_MENU = (
    "<b>The program's calendar</b>\nTap a meeting to edit it or to cancel or move a date, or add one. "
    "You can also send me an .ics file to import."
)
MEETINGS_NONE = "<b>The program's calendar</b> is empty. Add a meeting, or send me an .ics file to import."
MEETINGS_ALL_DAY_DATE = "{day} (all day)"
MEETINGS_LINE = "M-{sid} · {title} · {when} · {audience}"
MEETINGS_WHEN_EXTRA = "{when} + {extra}"  # "2 extra dates"
MEETINGS_ADD = "Add a meeting"
MEETINGS_EXPORT = "Export .ics"
MEETINGS_EXPORT_CAPTION = "The calendar as an iCalendar file. Edit it in a calendar program and send it back to import."
MEETINGS_SERIES = "<b>M-{sid} · {title}</b> ({kind})\nClients see: {public}\n{when} · {audience}{where}\n\nNext dates:"
MEETINGS_SERIES_EMPTY = "\n(no dates in the next 4 weeks)"
MEETINGS_CANCEL_DATE = "Cancel {day}"
MEETINGS_MOVE_DATE = "Move {day}"
MEETINGS_RESTORE_DATE = "Restore {day}"
MEETINGS_OTHER_DATE = "Another date…"
MEETINGS_OTHER_DATE_ASK = (
    "Which date? e.g. <code>12/7/2026</code>, <code>dec 7</code> or <code>monday</code>. "
    "You can cancel or move it, or restore it if it was cancelled."
)
MEETINGS_OTHER_DATE_BAD = "Please type a date like <code>12/7/2026</code> or <code>dec 7</code>, or send /cancel."
MEETINGS_OTHER_DATE_NONE = "This meeting has no date ahead on {day}. Please type another date, or send /cancel."
MEETINGS_OTHER_DATE_FOUND = "<b>{title}</b> on that day:"
MEETINGS_RESTORED = "Restored {day}; {notices} told."
MEETINGS_CANCEL_SERIES = "Cancel the whole series"
MEETINGS_EDIT = "Edit"
MEETINGS_BACK = "Back"
MEETINGS_CONFIRM_DATE = "Cancel <b>{title}</b> on {day}? Clients in it are told."
MEETINGS_CONFIRM_SERIES = "Cancel every future date of <b>{title}</b>? Clients in it are told."
MEETINGS_YES_CANCEL = "Yes, cancel"
MEETINGS_NO = "No"
MEETINGS_DONE_CHANGE = "Done: {cancelled} cancelled, {moved} moved; {notices} told; {reminders} withdrawn."
MEETINGS_MOVE_ASK = (
    "New date and time for {day}, in the clinic's time ({zone}), e.g. <code>{example}</code> or "
    "<code>tuesday 6pm</code>:"
)
MEETINGS_TIME_BAD = (
    "Please send a date and time like <code>{example}</code>, <code>monday 9am</code> or <code>{slashed}</code> "
    "({zone}), or /cancel."
)
MEETINGS_REFUSED = "That did not work: {reason}"
MEETINGS_TITLE_ASK = "Title for staff (clients see a neutral wording), e.g. <code>IOP evening group</code>:"
MEETINGS_TITLE_BAD = "Please send a title of 1 to 120 characters, or /cancel."
MEETINGS_KIND_ASK = "What kind of meeting?"
MEETINGS_AUDIENCE_ASK = "Who is it for?"
MEETINGS_COHORT_ASK = "Which cohort? Tap one, or type its name (a cohort with no clients yet is fine)."
MEETINGS_NO_COHORTS = "No cohorts yet. Type the cohort's name; clients invited to it will see the meeting."
MEETINGS_COHORT_BAD = "Please type a cohort name of 1 to 32 letters, digits, spaces, dots or dashes, or /cancel."
USE_BUTTONS_MEETING_AUDIENCE = "Please tap who it is for, or send /cancel."
MEETINGS_CLIENT_ASK = "The client's code, e.g. <code>C-1042</code>:"
MEETINGS_CLIENT_BAD = "No client with code {code}. Please send a code like <code>C-1042</code>, or /cancel."
MEETINGS_CLIENT_TYPE = "Please type the client's code, like <code>C-1042</code>, or send /cancel."
MEETINGS_THERAPIST_ASK = (
    "Which therapist? Tap their own therapist, or type a therapist's code, e.g. <code>T-2001</code>."
)
MEETINGS_THERAPIST_ASK_TYPED = (
    "Which therapist? {client} has none assigned yet, so please type a therapist's code, e.g. <code>T-2001</code>."
)
MEETINGS_THERAPIST_THEIRS = "Their therapist ({code})"
MEETINGS_THERAPIST_BAD = (
    "No active therapist has the code {code}. Please send a code like <code>T-2001</code>, or /cancel."
)
MEETINGS_THERAPIST_TYPE = "Please type a therapist's code, like <code>T-2001</code>, or send /cancel."
MEETINGS_TITLE_TYPE = "Please type a title, or send /cancel."
MEETINGS_START_TYPE = "Please type a date and time like <code>{example}</code> ({zone}), or send /cancel."
MEETINGS_DURATION_TYPE = "Please type the length, like <code>90 min</code> or <code>3 hours</code>, or send /cancel."
MEETINGS_PLACE_TYPE = "Please type a room, an address or an online link, or tap Skip. Send /cancel to stop."
MEETINGS_START_ASK = (
    "First date and start time, in the clinic's time ({zone}), e.g. <code>monday 9am</code>, "
    "<code>{slashed}</code> or <code>{example}</code>:"
)
MEETINGS_REPEAT_ASK = (
    "How often? Pick one, or type it in words, e.g. <code>tuesdays and thursdays</code>, <code>mon-thu</code>, "
    "<code>every other monday</code> or <code>first friday of the month</code>."
)
MEETINGS_REPEAT_UNKNOWN = (
    "I could not read that as how often it meets. Try <code>tuesdays and thursdays</code>, <code>mon-thu</code>, "
    "<code>weekly</code>, <code>every weekday</code>, <code>every other monday</code> or "
    "<code>first friday of the month</code>, or tap a button."
)
MEETINGS_REPEAT_READ = "Repeats: <b>{when}</b>. If that is wrong, send /cancel and start again."
MEETINGS_DURATION_ASK = "How long? e.g. <code>90 min</code>, <code>3 hours</code> or <code>1.5h</code>"
MEETINGS_DURATION_BAD = (
    "Please send a length from 1 minute to 24 hours, like <code>90 min</code>, <code>3 hours</code> or "
    "<code>1.5h</code>, or /cancel."
)
MEETINGS_PLACE_ASK = "Where? A room or address, or an online link. Or skip."
MEETINGS_PREVIEW = (
    "<b>Save this meeting?</b>\n{title} ({kind}) · clients see “{public}”\n{when}, {minutes} min · "
    "{audience}{where}\nFirst dates:\n{dates}"
)
MEETINGS_SAVE = "Save"
MEETINGS_DISCARD = "Discard"
MEETINGS_SAVED = "Saved as M-{sid}. Reminders are planned automatically."
MEETINGS_DISCARDED = "Discarded; nothing was saved."
MEETINGS_IMPORT_OK = "Imported: {added} added, {updated} updated, {unchanged} unchanged. {notices} told of changes."
MEETINGS_IMPORT_BAD = "I did not import that file; nothing changed. Problems found:\n{problems}"
MEETINGS_GONE = "That meeting is no longer on the calendar."
MEETINGS_EDIT_ASK = "<b>M-{sid} · {title}</b>: what would you like to change?"
MEETINGS_EDIT_FIELD = {
    "title": "Title for staff",
    "public": "What clients see",
    "time": "Time of day",
    "minutes": "Length",
    "place": "Place or link",
    "therapist": "Therapist",
    "days": "Days of the week",
    "end": "End date or sessions",
    "audience": "Who it is for",
}
MEETINGS_EDIT_NOUN = {
    "title": "staff title",
    "public": "public wording",
    "time": "time of day",
    "minutes": "length",
    "place": "place or link",
    "therapist": "therapist",
    "days": "days",
    "end": "end",
    "audience": "audience",
}
MEETINGS_EDIT_TITLE_ASK = "New title for staff (now: {now}). Clients never see it."
MEETINGS_EDIT_PUBLIC_ASK = (
    "New wording for clients (now: {now}). It shows on lock screens, so keep it plain and neutral, "
    "e.g. <code>Group session</code>."
)
MEETINGS_EDIT_TIME_ASK = (
    "New start time in the clinic's time ({zone}), e.g. <code>17:00</code> or <code>5pm</code> (now: {now}). "
    "It applies from the next date, {day}, on; earlier dates stay as they were."
)
MEETINGS_EDIT_TIME_ONCE_ASK = (
    "New start time for {day}, in the clinic's time ({zone}): a time like <code>17:00</code>, or a date and "
    "time like <code>{example}</code>."
)
MEETINGS_EDIT_MINUTES_ASK = "New length in minutes (now: {now}), e.g. <code>90</code>:"
MEETINGS_EDIT_PLACE_ASK = "New room, address or online link (now: {now}):"
MEETINGS_EDIT_THERAPIST_ASK = (
    "Therapist for this appointment (now: {now}): type a therapist's code, e.g. <code>T-2001</code>."
)
MEETINGS_EDIT_THERAPIST_ASK_THEIRS = (
    "Therapist for this appointment (now: {now}): tap their own therapist, or type a therapist's code, "
    "e.g. <code>T-2001</code>."
)
MEETINGS_EDIT_DAYS_ASK = (
    "New days (now: {now}), e.g. <code>tuesdays and thursdays</code>, <code>mon-thu</code> or "
    "<code>every other monday</code>. Dates that have passed stay as they were."
)
MEETINGS_EDIT_END_ASK = (
    "New end (now: {now}): a last date like <code>until 6/30/2026</code>, a number of sessions like "
    "<code>12 sessions</code> (counted from the first date), or <code>no end</code>."
)
MEETINGS_EDIT_AUDIENCE_ASK = (
    "Who is it for now (now: {now})? Type <code>all</code>, a cohort's name (one with no clients yet is fine), "
    "or a client's code like <code>C-1042</code>."
)
MEETINGS_EDIT_NO_END = "no end"
MEETINGS_EDIT_NO_PLACE = "No place or link"
MEETINGS_EDIT_NONE = "none"
MEETINGS_EDIT_TYPE = "Please type the new {what}, or send /cancel."
MEETINGS_CLOCK_BAD = "Please send a time like <code>17:00</code> or <code>5pm</code> ({zone}), or /cancel."
MEETINGS_EDIT_SAVED = "Saved: the {what} of M-{sid} is now {value}."
MEETINGS_EDIT_SPLIT = "Dates up to {last} stay with M-{sid}; from {first} on they are M-{new}."
MEETINGS_EDIT_TOLD = "{notices} told, once each; {reminders} withdrawn (new ones are planned automatically)."
MEETINGS_EDIT_NOT_TOLD = "Clients don't see this, so nobody was told."
MEETINGS_EDIT_SAME = "M-{sid} already has that {what}; nothing changed."
MEETING_REPEAT_LABEL = {
    "once": "Once",
    "weekly": "Weekly",
    "mwf": "Mon, Wed, Fri",
    "weekdays": "Weekdays",
    "daily": "Daily",
}
MEETING_AUDIENCE_LABEL = {"all": "All clients", "cohort": "A cohort", "client": "One client"}
ATTENDANCE_PICK = "Which session? (the last 3 days)"
ATTENDANCE_NONE = "No sessions have taken place in the last 3 days."
ATTENDANCE_NOT_STARTED = "That session has not started yet; take attendance once it has."
ATTENDANCE_NOT_YOURS = "That appointment is with another therapist's client, so it isn't shown to you."
ATTENDANCE_ROSTER = (
    "<b>{title}</b>, {day}\nTap each client who came: once ✅ came, twice ⏰ late, three times 📝 excused "
    "(a fourth tap clears it). RSVP shown as 👍 / 👎. Then tap Save; anyone left ▫️ missed it."
)
ATTENDANCE_EMPTY = "<b>{title}</b>, {day}\nNo clients are in this meeting's audience."
ATTENDANCE_SAVE = "Save"
ATTENDANCE_SAVED = "Attendance saved for {title}, {day}: {came} of {total} came."
ATTENDANCE_SAVED_DETAIL = "Late: {late}. Excused: {excused} (an excused absence raises no flag)."
ATTENDANCE_FLAGGED = "Flagged for the care team (missed two group sessions in a row): {codes}."
BROADCAST_AUDIENCE_ASK = "<b>Broadcast</b>: who should get it?"
BROADCAST_AUDIENCE_LABEL = {
    "clients": "All clients",
    "cohort": "A cohort",
    "therapists": "All therapists",
    "everyone": "Everyone",
}
BROADCAST_COHORT_ASK = "Which cohort?"
BROADCAST_CONTENT_ASK = (
    "Type the message (up to 3,500 characters), or send this week's schedule, shown to each person "
    "in their own time zone."
)
BROADCAST_SCHEDULE_BUTTON = "This week's schedule"
BROADCAST_TOO_LONG = "That is {n} characters; please keep it under 3,500, or /cancel."
BROADCAST_PREVIEW = (
    "<b>Preview</b> (as {who} will see it):\n\n{text}\n\n<b>To:</b> {audience} — {people}{unreachable}. Send it?"
)
BROADCAST_PREVIEW_UNREACHABLE = ", of whom {n} can't be reached"
BROADCAST_NOBODY = "Nobody is in that audience yet; nothing to send."
BROADCAST_SEND = "Send"
BROADCAST_DISCARD = "Cancel"
BROADCAST_DISCARDED = "Not sent."
BROADCAST_PROGRESS = (
    "<b>Broadcast B-{bid}</b> to {audience}: {sent} sent · {pending} pending · {failed} failed (of {total})"
)
BROADCAST_CANCELLED_LINE = "\nCancelled: {cancelled} copies not sent."
BROADCAST_DONE = "\n<b>Finished.</b>"
BROADCAST_UNREACHED = "\nCould not be reached: {codes}"
BROADCAST_REFRESH = "Refresh"
BROADCAST_CANCEL = "Cancel sending"
BROADCAST_ALREADY_OVER = "B-{bid} has already finished."
BROADCASTS_HEADER = "<b>Past broadcasts</b>, newest first:"
BROADCASTS_NONE = "No broadcasts yet."
BROADCASTS_LINE = "B-{bid} · {at} · {audience} · {status} · {sent} sent, {pending} pending, {failed} failed"

BROADCAST_MORE = " and {n} more"  # after the first 50 people not reached
# A broadcast written once per language (bot.domain.meetings.broadcast_versions).
BROADCAST_ADD_VERSION = "Add a version in {language}"  # {language}: the language's own name ("Español")
BROADCAST_VERSION_ASK = (
    "Type the message in {language} (up to 3,500 characters), or /cancel. "
    "People who read {language} get this version instead."
)
BROADCAST_LANGUAGES = {"en": "English", "es": "Spanish"}  # each language named in the reader's
BROADCAST_ONLY_IN = "This notice is only in {language}:"  # before the text, to a reader with no version of theirs
BROADCAST_PREVIEW_VERSIONS = "<b>Preview</b>, one version for each language:"
BROADCAST_PREVIEW_VERSION = "<b>{language}</b> ({people}):\n\n{text}"
BROADCAST_PREVIEW_TO = "<b>To:</b> {audience} — {people}{unreachable}. Send it?"
BROADCAST_PREVIEW_NOTED = (
    "\n\n<i>{n} of them read another language: they get the {language} version, "
    "after a short note that it is only in {language}.</i>"
)
BROADCAST_TEXT_ONLY = "Please type the message as text (stickers, photos and files can't be broadcast), or /cancel."
BROADCAST_EMPTY = "That message is empty. Type the words to send, or /cancel."
