"""/export and /delete."""

from __future__ import annotations

# --- The client's data rights (/export, /delete) ---------------------------------------------
EXPORT_INTRO = (
    "Here is everything I keep about you: your check-ins as a spreadsheet file (CSV), and your profile, "
    "consents, milestones, questions to your care team with their answers, flagged messages, meetings "
    "(RSVPs and attendance), reminder settings and waiting messages as a JSON file. The files are now in "
    "this chat, so delete them here if someone else might see your phone."
)

EXPORT_CSV_CAPTION = "Your check-ins ({count})"

EXPORT_JSON_CAPTION = "Everything else: profile, questions, flags, meetings, reminders, waiting messages"

DELETE_CONFIRM = (
    "<b>Erase your data?</b>\n\n"
    "This permanently erases your check-ins and notes, milestones, safety plan and profile, your questions "
    "to your care team and their answers, what you wrote that raised an alert, your RSVPs, attendance and "
    "reminder settings, cancels messages waiting to be sent to you, and ends your enrollment. "
    "The audit log keeps only who did what and when, never what you wrote.\n\n"
    "Want a copy first? Send /export before you erase.\n\n"
    "This can't be undone."
)

DELETE_YES = "Yes, erase everything"

DELETE_NO = "No, keep my data"

DELETE_KEPT = "Okay, nothing was erased."

DELETE_EXPIRED = (
    "That confirmation is too old, so I did nothing. Send /delete again if you still want to erase your data."
)

DELETE_DONE = (
    "Done. I've erased:\n"
    "• {checkins} check-ins ({notes} with a note)\n"
    "• {milestones} milestones\n"
    "• your profile{plan}\n"
    "• {questions} questions to your care team, with their answers\n"
    "• your words in {flags} alert notes ({closed} open alerts are now closed)\n"
    "• {meetings} RSVPs and attendance records, and your reminder settings\n"
    "• {cancelled} messages that were waiting to be sent to you\n"
    "• where you were in any conversation with me\n\n"
    "<b>What is kept:</b> the audit log, which the clinic must keep. It records, under the code {pseudonym}, "
    "what was done and when: for example that you enrolled, checked in or asked a question on a day, that "
    "a team member viewed or acknowledged an alert about you, and this erasure. It never holds what you wrote "
    "or your name; your Telegram account number stays only beside the things you did yourself.\n\n"
    "Your enrollment has ended. If you'd like to come back, ask your care team for a new code."
)

ERASED_WORDS = "(erased at the client's request)"

DELETE_PLAN = ", including your safety plan"

# The header row of my-checkins.csv, column by column (in English, the stored field names).
EXPORT_COLUMN = {
    "local_date": "local_date",
    "craving": "craving",
    "mood": "mood",
    "used": "used",
    "sleep": "sleep",
    "safety_yes": "safety_yes",
    "note": "note",
    "note_flagged": "note_flagged",
    "created_at": "created_at",
    "edited_at": "edited_at",
}
