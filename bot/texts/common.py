"""Enrollment, consent, and what every conversation may say (errors, stale buttons, /help)."""

from __future__ import annotations

from bot.db.models import Role

PRIVACY_NOTICE = (
    "<b>Before we start: your privacy</b>\n\n"
    "<b>What I keep:</b> your client code, your time zone and reminder time, and the answers "
    "you choose to give me (daily check-ins, notes, questions). Notes are stored encrypted.\n"
    "<b>Who sees it:</b> at {clinic}, {readers} can read your check-ins and notes. "
    "Questions you send with /ask or <b>Ask my care team</b> go to your therapist (or to staff if you have none). "
    "If a message sounds like a crisis, I quote it to your care team, or to whoever is on call, so a person "
    "can reach you. Other questions you type are answered automatically. "
    "Every look at your data is logged. Nothing goes to any other company.\n"
    "<b>Telegram is not a secure medical channel.</b> Messages can show on your lock screen and "
    "Telegram can see them, so don't send anything you would not want seen there.\n"
    "<b>I am not an emergency service.</b> If you are in danger or thinking about ending your life:\n"
    "{crisis_lines}\n\n"
    "You can read this again with /privacy and stop everything at any time with /stop."
)

# Who can read check-ins, by role, for the privacy notice ("your therapist, staff and administrators").
READER_NAMES = {
    Role.THERAPIST: "your therapist",
    Role.STAFF: "staff",
    Role.ADMIN: "administrators",
}

CONSENT_QUESTION = "Do you agree to these terms?"

CONSENT_AGREE_BUTTON = "I agree"

CONSENT_DECLINE_BUTTON = "No thanks"

CONSENT_PENDING = "Please tap <b>I agree</b> or <b>No thanks</b> under the notice above first."

CONSENT_EXPIRES_UNKNOWN = "it expires"

CONSENT_DECLINED = (
    "That's fine: nothing about you has been saved. If you change your mind, send me "
    "your code again before {expires}, or ask your care team for a new one."
)

CONSENT_DECLINED_RETURNING = (
    "Understood. I'm staying quiet and not storing anything new. Send /start whenever you want to come back."
)

WELCOME_CLIENT = (
    "Welcome, you're all set ({code}).\n\n"
    "I'm {bot_name}, here between sessions: questions about the program, your daily check-in and reminders.\n\n"
    "Nobody watches this chat around the clock, so please don't wait for an answer here in a crisis. "
    "If you are in danger or thinking about ending your life, reach one of these now:\n{crisis_lines}\n\n"
    "Send /help to see everything I can do."
)

WELCOME_TEAM = "Welcome, {name}. You're enrolled as <b>{role}</b> ({code}). Send /help to see your tools."

WELCOME_BACK = "Good to see you again. Send /help to see what I can do."

UNKNOWN_USER = (
    "Hi! I'm the companion bot of {clinic}'s outpatient program, and I only work for its clients and team.\n\n"
    "If you're in the program, ask your care team for an enrollment code, then send it to me "
    "(or tap the link they give you).\n\n"
    "If you need help right now:\n{crisis_lines}"
)

CODE_INVALID = "That code doesn't match any invitation. Please check it and try again, or ask your care team."

CODE_EXPIRED = "That code is no longer valid. Please ask your care team for a new one."  # expired or revoked

CODE_USED = "That code has already been used. Each code works once, so please ask your care team for a new one."

CODE_LOCKED = (
    "Too many codes that didn't work, so I've paused code entry for an hour to keep accounts safe. "
    "Please try again later or ask your care team."
)

ALREADY_ENROLLED = "You're already enrolled, so there's no need for a code. Send /help to see what I can do."

STOPPED_STRANGER = (
    "There's nothing to stop: I don't keep anything about you. "
    "If you're in the program and want to join, ask your care team for an enrollment code."
)

STOPPED_TEAM = (
    "Done. I've paused your account here and stopped all messages to you. "
    "What you did for clients (answers, acknowledgements, invites) stays in the clinic's records and the audit log.\n\n"
    "If you want to come back, just send /start."
)

STOPPED = (
    "Done. I've stopped all messages to you and won't store anything new. "
    "What you shared before stays with your care team's records.\n\n"
    "If you want to come back, just send /start."
)

PAUSED = (
    "You've paused {bot_name}, so nobody on your care team reads what you send here. "
    "If you need help right now:\n{crisis_lines}\n\n"
    "Send /start to turn it back on."
)

WRONG_ROLE = "Sorry, /{command} is only for {who}. Send /help to see what you can use."

UNKNOWN_COMMAND = "I don't know that command. Send /help to see what I can do."

NOT_TEXT = "I can only read text messages. Please type your message, or send /help."

STALE_TOAST = "That button is no longer valid."

STALE_BUTTON = (
    "That button is no longer valid: it belongs to an older message or to something that has changed. "
    "Send /help to pick up from here."
)

EDIT_IGNORED = "I only read new messages, not edits. If you changed something important, please send it again."

CANCELLED = "Okay, stopped. Send /help if you need anything."

NOTHING_TO_CANCEL = "There's nothing to cancel. Send /help to see what I can do."

PRIVATE_ONLY = "I only work in private chats. Please message me directly."

ERROR = (
    "Sorry, something went wrong on my side. Please try again in a moment; if it keeps happening, tell your care team."
)

HELP_HEADER = {
    Role.CLIENT: "Here's what I can do for you:",
    Role.THERAPIST: "Your therapist tools:",
    Role.STAFF: "Your staff tools:",
    Role.ADMIN: "Your admin tools:",
}

HELP_LINE = "/{command} – {description}"

HELP_FOOTER_CLIENT = (
    "\n\nYou can also just type a question about the program.\n\n"
    "Nobody watches this chat around the clock. In a crisis, don't wait for an answer here:\n{crisis_lines}"
)

NOT_AVAILABLE = "–"

# Starting a conversation closes the one still open (conversations.one_at_a_time), by its own /cancel;
# this is for one that has none.
CLOSED_OPEN = "I've closed what you had open before, so we can start this."
