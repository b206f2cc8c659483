"""The team's consent, pausing and offboarding, /people, /invites and /unlock."""

from __future__ import annotations

TEAM_NOTICE = (
    "<b>Before you start: working with clients' data</b>\n\n"
    "Through this bot you may see clients' check-ins, notes, questions and alerts from {clinic}'s program.\n"
    "<b>Confidentiality:</b> what you see here is protected health information, covered by the same duties "
    "as the clinical record (including 42 CFR Part 2 for substance use treatment). Look only at the clients "
    "you work with, never copy it to other chats or devices, and don't forward or screenshot it.\n"
    "<b>Audit log:</b> every look at a client's data, every invite, assignment and change you make is "
    "recorded with your name and the time, and the clinic reviews it.\n"
    "<b>Alerts:</b> while you are enrolled and not paused, alerts for your clients come to you. "
    "/stop pauses you: alerts then go to whoever is on call.\n\n"
    "You can read this again with /privacy."
)

TEAM_CONSENT_QUESTION = "Do you agree to work with clients' data on these terms?"

CONSENT_CHANGED = "The privacy notice has changed since you agreed to it. Please read it and agree again to go on."

PAUSED_TEAM = (
    "You've paused yourself: no alerts or notices come to you, and your clients' alerts go to whoever is on call. "
    "Send /start to come back."
)

STOPPED_TEAM = (
    "Done. You're paused: no alerts or notices come to you, and alerts for your clients go straight to whoever "
    "is on call. Your role and your clients stay as they are.\n\nSend /start to come back."
)

WELCOME_BACK_TEAM = "Welcome back. Alerts and notices come to you again. Send /help to see your tools."

DEACTIVATED = (
    "Your access to this bot has been closed by the clinic, so I can't help with this here. "
    "If you think that's a mistake, please contact the clinic directly.\n\n"
    "If you need help right now:\n{crisis_lines}"
)

OFFBOARD_USAGE = (
    "Send <code>/deactivate CODE</code> when someone leaves the program or the clinic, "
    "or <code>/reactivate CODE</code> to let them back (codes are in /people)."
)

OFFBOARD_NOT_FOUND = "Nobody has the code {code}. /people lists everyone."

OFFBOARD_SELF = "You can't deactivate yourself. Send /stop to pause, or ask another admin."

OFFBOARD_NOT_ALLOWED = "Only admins can deactivate or reactivate an admin."

OFFBOARD_LAST_ADMIN = "{code} is the last active admin. Enroll or reactivate another admin first."

OFFBOARD_ALREADY_OFF = "{code} is already deactivated."

OFFBOARD_ALREADY_ON = "{code} is not deactivated."

DEACTIVATE_CONFIRM = (
    "Deactivate {code} ({role})? Nothing more will be sent to them, their queued messages are cancelled, "
    "and anything they send gets a short answer saying their access is closed."
)

DEACTIVATE_CONFIRM_THERAPIST = (
    "\n\nTheir {clients} will show as needing a new therapist (use /assign), "
    "and their open alerts go to on-call at once."
)

REACTIVATE_CONFIRM = "Reactivate {code} ({role})? They can use the bot again (after agreeing to the notice if needed)."

CONFIRM_BUTTON = "Yes, go ahead"

KEEP_BUTTON = "No, leave it"

DEACTIVATED_DONE = "{code} is deactivated. Cancelled: {cancelled}."  # "2 queued messages"

DEACTIVATED_DONE_THERAPIST = " Needing a new therapist: {clients} (see /people)."

REACTIVATED_DONE = "{code} is active again."

OFFBOARD_KEPT = "Nothing changed."

INVITES_NONE = "No pending enrollment codes. /invite makes one."

INVITES_HEADER = "<b>Pending enrollment codes</b> ({count}); revoke one to stop its code and free its client code:"

INVITES_LINE = "{person_code}{name} · {role} · until {expires}{by}"

INVITES_BY = " · by {code}"

REVOKE_BUTTON = "Revoke {person_code}"

INVITE_REVOKED = "The code for {person_code} is revoked: it no longer works, and {person_code} is free again."

INVITE_NOT_PENDING = "That code is no longer pending (used, expired or revoked already)."

PEOPLE_TITLE = {
    "all": "<b>Enrolled people</b> ({count})",
    "mine": "<b>Your clients</b> ({count})",
    "therapist": "<b>Clients of {name}</b> ({count})",
    "cohort": "<b>Cohort {name}</b> ({count})",
    "paused": "<b>Paused</b> ({count}): stopped with /stop or not agreed to the current notice",
    "unreachable": "<b>Unreachable</b> ({count}): blocked the bot",
    "unassigned": "<b>Clients needing a therapist</b> ({count}): none assigned, or theirs left or paused",
}

PEOPLE_EMPTY = "Nobody here."

PEOPLE_CLIENT_LINE = "{code} · {initials} · {therapist} · {cohort} · {status}"

PEOPLE_TEAM_LINE = "{code} · {name} · {role} · {status}"

PEOPLE_NO_INITIALS = "no initials"

PEOPLE_NO_THERAPIST = "<b>needs a therapist</b>"

PEOPLE_THERAPIST_GONE = "{code} (<b>left or paused: needs a new therapist</b>)"

PEOPLE_NO_COHORT = "no cohort"

PEOPLE_STATUS = {"active": "active", "paused": "paused", "inactive": "<b>inactive</b> (deactivated)"}

PEOPLE_UNREACHABLE_MARK = ", <b>unreachable</b>"

PEOPLE_MORE = "… and {more} more: narrow the list with the buttons."

PEOPLE_PICK_THERAPIST = "Whose clients?"

PEOPLE_PICK_COHORT = "Which cohort?"

PEOPLE_BUTTONS = {
    "therapists": "By therapist",
    "cohorts": "By cohort",
    "paused": "Paused",
    "unreachable": "Unreachable",
    "unassigned": "Need a therapist",
    "all": "Everyone",
}

CODE_BUSY = (
    "Many codes like this one were tried just now, so I've paused checking them for a few minutes. "
    "Please try again in 10 minutes, or ask the clinic for help."
)

CODE_FLOOD_NOTICE = (
    "Many wrong enrollment codes are arriving from several accounts. Real codes still work; codes that "
    "start like the wrong ones are paused for ten minutes. Nothing is needed from you unless clients say "
    "they can't enroll; /unlock lists lockouts."
)

UNLOCK_NONE = "Nobody is locked out of code entry right now."

UNLOCK_HEADER = (
    "<b>Locked out after wrong codes</b> (newest first). Ask the client when they last tried, then lift theirs:"
)

UNLOCK_LINE = "Telegram user {telegram_id} · locked at {at}"

UNLOCK_TRIED = " · tried the code for {client}"  # a used or expired code: whose it was, with initials

UNLOCK_BUTTON = "Unlock {telegram_id} ({at})"

UNLOCK_BUTTON_FOR = "Unlock {client} · {at}"  # the client whose used or expired code they tried

UNLOCK_DONE_FOR = "Unlocked: Telegram user {telegram_id}, who tried the code for {client}, can enter a code again now."

UNLOCK_DONE = "Unlocked: Telegram user {telegram_id} can enter a code again now."

UNLOCK_NOT_LOCKED = "That lockout has ended or was lifted already."

# --- Language ---------------------------------------------------------------------------------
LANGUAGE_ASK = "I write to you in {language}. Which language would you like?"

LANGUAGE_SET = "Done: I'll write to you in {language} from now on."
