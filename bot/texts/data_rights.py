"""/export and /delete."""

from __future__ import annotations

# --- The client's data rights (/export, /delete) ---------------------------------------------
EXPORT_INTRO = (
    "Here is everything I keep about you: your check-ins as a spreadsheet file (CSV), and your profile, "
    "consents, milestones and waiting messages as a JSON file. The files are now in this chat, so delete "
    "them here if someone else might see your phone."
)

EXPORT_CSV_CAPTION = "Your check-ins ({count})"

EXPORT_JSON_CAPTION = "Your profile, consents, milestones and waiting messages"

DELETE_CONFIRM = (
    "<b>Erase your data?</b>\n\n"
    "This permanently erases your check-ins and notes, milestones, safety plan and profile, cancels "
    "messages waiting to be sent to you, and ends your enrollment. The audit log keeps only who did "
    "what and when, never what you wrote.\n\n"
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
    "• {cancelled} messages that were waiting to be sent to you\n"
    "• where you were in any conversation with me\n\n"
    "Your enrollment has ended. The audit log keeps only that this happened and when. "
    "If you'd like to come back, ask your care team for a new code."
)

DELETE_PLAN = ", including your safety plan"
