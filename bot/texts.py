"""What the bot says, in one place so wording can be reviewed without reading handlers.

Texts are HTML (parse_mode=HTML); values put into them must go through html.escape.
Reminders and notices are worded so that a lock screen reveals nothing about treatment.
"""

from __future__ import annotations

from bot.db.models import Role

PRIVACY_NOTICE = (
    "<b>Before we start: your privacy</b>\n\n"
    "<b>What I keep:</b> your client code, your time zone and reminder time, and the answers "
    "you choose to give me (daily check-ins, notes, questions). Notes are stored encrypted.\n"
    "<b>Who sees it:</b> your own care team at {clinic}. Staff who only send schedules "
    "cannot read your check-ins. Every look at your data is logged. Nothing goes to any other company.\n"
    "<b>Telegram is not a secure medical channel.</b> Messages can show on your lock screen and "
    "Telegram can see them, so don't send anything you would not want seen there.\n"
    "<b>I am not an emergency service.</b> If you are in danger or thinking about ending your life:\n"
    "{crisis_lines}\n\n"
    "You can read this again with /privacy and stop everything at any time with /stop."
)
CONSENT_QUESTION = "Do you agree to use IOP Companion on these terms?"
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
    "I'm here between sessions: questions about the program, your daily check-in and "
    "reminders. If things get hard, you can always write to me and I'll show you where to get help now.\n\n"
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
CODE_EXPIRED = "That code has expired. Please ask your care team for a new one."
CODE_USED = "That code has already been used. Each code works once, so please ask your care team for a new one."
CODE_LOCKED = (
    "Too many codes that didn't work, so I've paused code entry for an hour to keep accounts safe. "
    "Please try again later or ask your care team."
)
ALREADY_ENROLLED = "You're already enrolled, so there's no need for a code. Send /help to see what I can do."

STOPPED = (
    "Done. I've stopped all messages to you and won't store anything new. "
    "What you shared before stays with your care team's records.\n\n"
    "If you want to come back, just send /start."
)
PAUSED = "You've paused IOP Companion. Send /start if you'd like to turn it back on."

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
    "\n\nYou can also just type a question about the program. If you're in crisis, write to me any time."
)

SETTINGS_MENU = (
    "<b>Your settings</b>\nTime zone: {zone}\nDaily check-in reminder: {reminder}\nStart date: {start}\n\n"
    "What would you like to change?"
)
SETTINGS_ZONE_ASK = (
    "Which time zone are you in? Pick one, or type a city or zone "
    "(for example <code>Phoenix</code>, <code>Pacific</code> or <code>London</code>)."
)
SETTINGS_ZONE_BAD = (
    "I don't know the time zone “{text}”. Try a city near you (<code>Denver</code>), "
    "a US zone (<code>Central</code>, <code>PST</code>), or pick one above."
)
SETTINGS_ZONE_CONFIRM = "<b>{label}</b>\nIt's {time} there now — is that right?"
SETTINGS_ZONE_YES = "Yes"
SETTINGS_ZONE_AGAIN = "No, pick again"
SETTINGS_ZONE_OK = "Time zone set to {zone}."
SETTINGS_START_BUTTON = "Start date"
SETTINGS_START_NONE = "not set"
SETTINGS_START_ASK = (
    "Which date do you count your recovery from? It's optional; with it I can show your days since then. "
    "Type it like <code>2026-10-01</code>, <code>oct 1</code> or <code>today</code>."
)
SETTINGS_START_BAD = (
    "I couldn't read “{text}” as a date up to today. "
    "Please send something like <code>2026-10-01</code>, <code>oct 1</code> or <code>today</code>."
)
SETTINGS_START_OK = "Start date set to {date}."
SETTINGS_START_CLEAR = "Clear start date"
SETTINGS_START_CLEARED = "Start date cleared."
SETTINGS_CANCEL_BUTTON = "Cancel"
SETTINGS_TIME_ASK = "What time should I remind you each day? For example <code>19:00</code> or <code>7pm</code>."
SETTINGS_TIME_BAD = (
    "I couldn't read “{text}” as a time. "
    "Please send something like <code>19:00</code>, <code>7pm</code> or <code>7:30 am</code>."
)
SETTINGS_TIME_OK = "Daily reminder set for {time}."
SETTINGS_OFF_OK = "Daily reminders are off. You can turn them back on here any time."
SETTINGS_ON_OK = "Daily reminders are on again."
SETTINGS_DONE = "Settings saved."
SETTINGS_USE_BUTTONS = "Please choose one of the buttons above, or send /cancel."
# Stray input (stickers, photos...) at a step that waits for typed text says what that step wants.
SETTINGS_STRAY_ZONE = (
    "Please type your time zone, like <code>London</code>, or pick one of the buttons above. Send /cancel to stop."
)
SETTINGS_STRAY_TIME = (
    "Please type a time for your daily reminder, like <code>19:00</code> or <code>7pm</code>, or send /cancel."
)
SETTINGS_STRAY_START = "Please type the date, like <code>2026-10-01</code> or <code>oct 1</code>, or send /cancel."
INVITE_STRAY_NAME = "Please type the initials or name, or send /cancel."
INVITE_STRAY_COHORT = "Please type a cohort name or pick one of the buttons above, or send /cancel."
FAQ_BACK_BUTTON = "◀ Back"
FAQ_HOME_BUTTON = "All topics"
FAQ_PREVIOUS_BUTTON = "◀ Previous"
FAQ_NEXT_BUTTON = "Next ▶"
FAQ_BROWSE_BUTTON = "Browse topics"
FAQ_ASK_TEAM_BUTTON = "Ask my care team"
SETTINGS_ZONE_BUTTON = "Time zone"
SETTINGS_TIME_BUTTON = "Reminder time"
SETTINGS_OFF_BUTTON = "Turn reminders off"
SETTINGS_ON_BUTTON = "Turn reminders on"
SETTINGS_DONE_BUTTON = "Done"

INVITE_ROLE_ASK = "Who is this code for?"
INVITE_NAME_ASK_CLIENT = (
    "Client's initials or clinic client code (for example <code>JD</code> or <code>C-1042</code>). "
    "Don't use full names: this is shown in alerts."
)
INVITE_NAME_ASK_TEAM = "Their name as colleagues know it (for example <code>Dr. Rivera</code>)."
INVITE_NAME_BAD = "Please send 1 to 32 letters, digits, spaces, dots or dashes."
INVITE_THERAPIST_ASK = "Assign a therapist:"
INVITE_COHORT_ASK = "Which cohort or track? Pick one, type a new name, or skip."
INVITE_READY = (
    "<b>Enrollment code for {label}</b> ({role})\n\n"
    "Code: <code>{code}</code>\n"
    "Link: {link}\n"
    "Valid until {expires}. It works once. Show the QR code at intake or hand over the code."
)
INVITE_CODE_TAKEN = (
    "{code} is already in use by another person. Send /invite to start again with another code or initials."
)
NO_THERAPIST = "No therapist yet"
SKIP = "Skip"

FAQ_HOME = "<b>Questions about the program</b>\nPick a topic, or just type your question in your own words."
FAQ_GONE = "That topic has changed since this button was sent. Here are the current topics:"
FAQ_SMALLTALK = "Hi! I'm here whenever you need me. Ask me anything about the program, or browse the topics."
FAQ_NOT_SURE = (
    "I'm not sure I understood that. Is it one of these? If not, I can let your care team know you have a question."
)
FAQ_TEAM_NOTICE = "{code} has a question for the care team. Please get in touch at your next chance."
FAQ_TEAM_TOLD = (
    "Done: I've let your care team know you have a question, and they'll get in touch. "
    "If it's urgent, call the clinic at {phone}."
)
FAQ_NO_GAPS = "Every question so far found an answer. Nothing to add."
FAQ_UPLOAD_ASK = "Send me the FAQ file (YAML) as a document, or /cancel. I'll check it before using it."
FAQ_UPLOAD_BAD = "I did not load that file; the current FAQ stays. Problems found:\n{problems}"
FAQ_UPLOAD_OK = "New FAQ loaded: {entries} entries in {categories} topics."
FAQ_DOWNLOAD_CAPTION = "The FAQ in use now. Edit it and send it back with /faqupload; I check it before using it."
CRISIS_REPLY = (
    "I'm really glad you told me. You don't have to get through this alone, and a person can help you right now:\n\n"
    "{crisis_lines}\n\n"
    "If you can, also reach out to someone you trust and stay with them."
)

# The daily reminder shows on a lock screen: nothing in it may say what the program is about.
CHECKIN_REMINDER = "Time for your daily check-in 🌱 It takes less than a minute."
CHECKIN_REMINDER_BUTTON = "Check in now"


# --- team tools: /people, /dead, /faqgaps, and notices to the team -------------------------
PEOPLE_NONE = "Nobody is enrolled yet."
PEOPLE_HEADER = "<b>Enrolled people</b>"
PEOPLE_LINE = "{label} · {role} · {status}"
PEOPLE_ACTIVE = "active"
PEOPLE_PAUSED = "paused"
PEOPLE_UNREACHABLE = ", unreachable"
DEAD_NONE = "No undeliverable messages. Outbox: {summary}."
DEAD_HEADER = "<b>Undeliverable messages</b> (latest {count})"
DEAD_LINE = "#{id} · {kind} → {recipient} · {when} · {attempts} tries\n   {error}"
DEAD_FOOTER = "\nOutbox: {summary}."
DEAD_OUTBOX_EMPTY = "empty"
FAQ_GAPS_HEADER = "<b>Questions the FAQ could not answer</b> (most asked first)"
FAQ_GAPS_LINE = "{count}× “{text}”"
FAQ_GAPS_NEAR = " · closest: {entry}"
FAQ_ANSWER = "<b>{question}</b>\n\n{answer}"
FAQ_CATEGORY_TITLE = "<b>{title}</b>{page}"
FAQ_CATEGORY_PAGE = " ({page}/{pages})"
UNREACHABLE_NOTICE = (
    "{code} can't be reached on Telegram any more (the bot was blocked or the account deleted). "
    "Messages to them are on hold."
)
