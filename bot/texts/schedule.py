"""Schedules, meetings, meeting reminders, attendance and broadcasts."""

from __future__ import annotations

# --- Schedules, meetings, attendance and broadcasts (issue 12) --------------------------------
# Reminders and change notices show on lock screens: public wording and a time only.
MEETING_REMINDER = "Reminder: {title} {when}."
# {when} in reminders and notices: "today at 18:00", "on Mon 3 Mar at 18:00"; an all-day event "tomorrow (all day)".
MEETING_WHEN_AT = "{day} at {clock}"
MEETING_WHEN_ALL_DAY = "{day} (all day)"
MEETING_DAY_TODAY = "today"
MEETING_DAY_TOMORROW = "tomorrow"
MEETING_DAY_ON = "on {date}"
MEETING_RSVP_YES = "I'll be there"
MEETING_RSVP_NO = "Can't make it"
MEETING_CANCELLED_NOTICE = "Schedule change: {title} {when} is cancelled."
MEETING_MOVED_NOTICE = "Schedule change: {title} {old} has moved to {new}."
MEETING_SERIES_ENDED_NOTICE = "Schedule change: {title} will no longer take place. Send /schedule to see what's ahead."
DIGEST_REGRETS_HEADER = "<b>Can't make it</b> (answers to meeting reminders):"
DIGEST_REGRET_LINE = "• <b>{code}</b> · {title} · {at}"
SCHEDULE_HEADER = "<b>Your next 7 days</b> (times in {zone})"
SCHEDULE_NONE = "Nothing is scheduled for you in the next 7 days."
SCHEDULE_LINE = "• {time} {title}{where}"
SCHEDULE_ALL_DAY = "all day"
SCHEDULE_MOVED = " (moved)"
SCHEDULE_ICS_BUTTON = "Add to my calendar (.ics)"
SCHEDULE_ICS_CAPTION = "Your schedule. Open this file to add it to your phone's calendar."
MEETING_RSVP_YES_OK = "Thanks — see you there."
MEETING_RSVP_NO_OK = "Thanks for letting us know. Your care team will see it; no need to explain."
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
    "<b>The program's calendar</b>\nTap a meeting to cancel or move a date, or add one. You can also "
    "send me an .ics file to import."
)
MEETINGS_NONE = "<b>The program's calendar</b> is empty. Add a meeting, or send me an .ics file to import."
MEETINGS_LINE = "S-{sid} · {title} · {when} · {audience}"
MEETINGS_WHEN_EXTRA = "{when} + {n} extra date(s)"
MEETINGS_ADD = "Add a meeting"
MEETINGS_EXPORT = "Export .ics"
MEETINGS_EXPORT_CAPTION = "The calendar as an iCalendar file. Edit it in a calendar program and send it back to import."
MEETINGS_SERIES = "<b>S-{sid} · {title}</b> ({kind})\nClients see: {public}\n{when} · {audience}{where}\n\nNext dates:"
MEETINGS_SERIES_EMPTY = "\n(no dates in the next 4 weeks)"
MEETINGS_CANCEL_DATE = "Cancel {day}"
MEETINGS_MOVE_DATE = "Move {day}"
MEETINGS_CANCEL_SERIES = "Cancel the whole series"
MEETINGS_BACK = "Back"
MEETINGS_CONFIRM_DATE = "Cancel <b>{title}</b> on {day}? Clients in it are told."
MEETINGS_CONFIRM_SERIES = "Cancel every future date of <b>{title}</b>? Clients in it are told."
MEETINGS_YES_CANCEL = "Yes, cancel"
MEETINGS_NO = "No"
MEETINGS_DONE_CHANGE = (
    "Done: {cancelled} date(s) cancelled, {moved} moved; {notices} client(s) told; {reminders} "
    "pending reminder(s) withdrawn."
)
MEETINGS_MOVE_ASK = "New date and time for {day}, in the clinic's time ({zone}), e.g. <code>{example}</code>:"
MEETINGS_TIME_BAD = "Please send a date and time like <code>{example}</code> ({zone}), or /cancel."
MEETINGS_REFUSED = "That did not work: {reason}"
MEETINGS_TITLE_ASK = "Title for staff (clients see a neutral wording), e.g. <code>IOP evening group</code>:"
MEETINGS_TITLE_BAD = "Please send a title of 1 to 120 characters, or /cancel."
MEETINGS_KIND_ASK = "What kind of meeting?"
MEETINGS_AUDIENCE_ASK = "Who is it for?"
MEETINGS_COHORT_ASK = "Which cohort?"
MEETINGS_NO_COHORTS = "No cohorts yet (cohorts are set when inviting clients). Who is it for?"
MEETINGS_CLIENT_ASK = "The client's code, e.g. <code>C-1042</code>:"
MEETINGS_CLIENT_BAD = "No client with code {code}. Please send a code like <code>C-1042</code>, or /cancel."
MEETINGS_START_ASK = "First date and start time, in the clinic's time ({zone}), e.g. <code>{example}</code>:"
MEETINGS_REPEAT_ASK = "How often? Pick one, or type an RFC 5545 rule such as <code>FREQ=WEEKLY;BYDAY=TU,TH</code>."
MEETINGS_DURATION_ASK = "How long, in minutes? e.g. <code>180</code>"
MEETINGS_DURATION_BAD = "Please send a number of minutes between 1 and 1440, or /cancel."
MEETINGS_PLACE_ASK = "Where? A room or address, or an online link. Or skip."
MEETINGS_PREVIEW = (
    "<b>Save this meeting?</b>\n{title} ({kind}) · clients see “{public}”\n{when}, {minutes} min · "
    "{audience}{where}\nFirst dates:\n{dates}"
)
MEETINGS_SAVE = "Save"
MEETINGS_DISCARD = "Discard"
MEETINGS_SAVED = "Saved as S-{sid}. Reminders are planned automatically."
MEETINGS_DISCARDED = "Discarded; nothing was saved."
MEETINGS_IMPORT_OK = (
    "Imported: {added} added, {updated} updated, {unchanged} unchanged. {notices} client(s) told of changed dates."
)
MEETINGS_IMPORT_BAD = "I did not import that file; nothing changed. Problems found:\n{problems}"
MEETINGS_GONE = "That meeting is no longer on the calendar."
MEETING_REPEAT_LABEL = {
    "once": "Once",
    "weekly": "Weekly",
    "mwf": "Mon, Wed, Fri",
    "weekdays": "Weekdays",
    "daily": "Daily",
}
MEETING_AUDIENCE_LABEL = {"all": "All clients", "cohort": "A cohort", "client": "One client"}
ATTENDANCE_PICK = "Which session? (the last 3 days)"
ATTENDANCE_NONE = "No sessions in the last 3 days."
ATTENDANCE_ROSTER = "<b>{title}</b>, {day}\nTap each client who came (✅). RSVP shown as 👍 / 👎. Then tap Save."
ATTENDANCE_EMPTY = "<b>{title}</b>, {day}\nNo clients are in this meeting's audience."
ATTENDANCE_SAVE = "Save"
ATTENDANCE_SAVED = "Attendance saved for {title}, {day}: {came} of {total} came."
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
    "<b>Preview</b> (as {who} will see it):\n\n{text}\n\n<b>To:</b> {audience} — {count} people{unreachable}. Send it?"
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
