"""What the bot says, in one place so wording can be reviewed without reading handlers.

Texts are HTML (parse_mode=HTML); values put into them must go through html.escape.
Reminders and notices are worded so that a lock screen reveals nothing about treatment.
"""

from __future__ import annotations

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
STALE_TOAST = "That button is from an older message."
STALE_BUTTON = "That button belongs to an older message and no longer does anything. Send /help to pick up from here."
EDIT_IGNORED = "I only read new messages, not edits. If you changed something important, please send it again."
CANCELLED = "Okay, stopped. Send /help if you need anything."
NOTHING_TO_CANCEL = "There's nothing to cancel. Send /help to see what I can do."
PRIVATE_ONLY = "I only work in private chats. Please message me directly."
ERROR = (
    "Sorry, something went wrong on my side. Please try again in a moment; if it keeps happening, tell your care team."
)

HELP_HEADER = {
    "client": "Here's what I can do for you:",
    "therapist": "Your therapist tools:",
    "staff": "Your staff tools:",
    "admin": "Your admin tools:",
}
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
SETTINGS_TIME_BAD = "I couldn't read “{text}” as a time. Please send something like <code>19:00</code>, <code>7pm</code> or <code>7:30 am</code>."
SETTINGS_TIME_OK = "Daily reminder set for {time}."
SETTINGS_OFF_OK = "Daily reminders are off. You can turn them back on here any time."
SETTINGS_ON_OK = "Daily reminders are on again."
SETTINGS_DONE = "Settings saved."
SETTINGS_USE_BUTTONS = "Please choose one of the buttons above, or send /cancel."

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
# --- Daily check-in (/checkin, the reminder's button, /progress, /history) -------------------
CHECKIN_STEP = "<i>{n} of 6</i> · "
CHECKIN_ASK = {
    "craving": "How strong is any craving <b>right now</b>? 0 is none at all, 10 is the strongest you can imagine.",
    "mood": "How is your mood today? From 😞 very low to 😄 very good.",
    "use": "Any alcohol or drug use since your last check-in? However you answer, it helps your care team help you.",
    "sleep": "How did you sleep last night?",
    "note": "Anything you'd like to add? Type a short note (only you and your care team see it), or tap Skip.",
    "safety": (
        "One more, and I ask everyone this: since your last check-in, have you had any thoughts of harming yourself?"
    ),
}
CHECKIN_MOOD_LABELS = {1: "😞 Very low", 2: "🙁 Low", 3: "😐 Okay", 4: "🙂 Good", 5: "😄 Very good"}
CHECKIN_MOOD_BUTTONS = {1: "😞", 2: "🙁", 3: "😐", 4: "🙂", 5: "😄"}
CHECKIN_SLEEP_LABELS = {1: "Poorly", 2: "Okay", 3: "Well"}
CHECKIN_USE_LABELS = {"yes": "Yes", "no": "No", "undisclosed": "Prefer not to say"}
CHECKIN_YES, CHECKIN_NO = "Yes", "No"
CHECKIN_SKIP = "Skip"
CHECKIN_SAVE = "✅ Save"
CHECKIN_CHANGE = {
    "craving": "Craving",
    "mood": "Mood",
    "use": "Use",
    "sleep": "Sleep",
    "note": "Note",
    "safety": "Safety",
}
CHECKIN_ANSWERS = (
    "Craving: {craving} of 10\n"
    "Mood: {mood}\n"
    "Use since last check-in: {use}\n"
    "Sleep: {sleep}\n"
    "Note: {note}\n"
    "Thoughts of harming yourself: {safety}"
)
CHECKIN_SUMMARY = "<b>Your check-in for {day}</b>\n{answers}\n\nTap <b>Save</b>, or tap an answer below to change it."
CHECKIN_NO_NOTE = "none"
CHECKIN_SAVED_SUMMARY = "<b>Check-in saved for {day}</b> ✓\n{answers}"
CHECKIN_ALREADY_TODAY = "You've already checked in today. Answering again will update today's check-in."
CHECKIN_OLD_REMINDER = "That reminder was for {then}; this check-in is for today, {today}."
CHECKIN_ALREADY_IN = "You're in the middle of a check-in already. Here's where we were:"
CHECKIN_UPDATED = "I've updated today's check-in."
CHECKIN_SAVED = "Saved."
CHECKIN_GOOD = "Thanks for checking in. Taking a minute for yourself each day really adds up. 🌱"
CHECKIN_HARD = (
    "Thank you for being honest, that takes strength. It sounds like today is a hard one.\n\n"
    "{coping}\n\n"
    "Your care team is there for you: you can call the clinic at {phone}, and bring this to your next session. "
    "When you want it, your own safety plan is there too: /safetyplan."
)
CHECKIN_COPING = {
    "use": (
        "A slip doesn't undo the work you've done. Be kind to yourself tonight, stay with people "
        "who support you, and tell your care team, so you can plan the next steps together."
    ),
    "craving": (
        "Cravings rise and fall like a wave, and most pass within 20 to 30 minutes. Try to ride it out: "
        "breathe slowly, change where you are, drink some water, or text someone you trust."
    ),
    "mood": (
        "Something small can help a little: a short walk, a shower, some food, or a few minutes "
        "talking with someone you trust."
    ),
}
CHECKIN_SAFETY = (
    "Thank you for telling me. You don't have to carry this alone, and a person can help you right now:\n\n"
    "{crisis_lines}\n\n"
    "Your care team is there for you too: the clinic is at {phone}. If you can, stay with someone you trust, "
    "and keep your safety plan close (/safetyplan)."
)
CHECKIN_STREAK = "🔥 {days} days in a row checked in."
CHECKIN_STREAK_ONE = "🔥 1 day checked in. Tomorrow makes it two."
CHECKIN_SOBER = "🌿 {days} days since last reported use."
CHECKIN_SOBER_ONE = "🌿 1 day since last reported use."
CHECKIN_MILESTONE = {
    "sober": "🎉 <b>{days} days without reported use.</b> That's a real milestone: be proud of it.",
    "streak": "🎉 <b>{days} days of check-ins in a row!</b> That kind of steadiness matters.",
}
CHECKIN_CANCELLED = "Okay, I've stopped this check-in and saved nothing. Send /checkin whenever you like."
CHECKIN_EXPIRED = (
    "This check-in sat open for a while, so I closed it without saving anything. "
    "No problem at all: send /checkin whenever you're ready."
)
CHECKIN_ENDED = "This check-in has ended. Send /checkin to start again."
CHECKIN_ENDED_TOAST = "This check-in has ended."
CHECKIN_OLD_BUTTON = "That button is from an earlier check-in. Here's where we are now:"
CHECKIN_OTHER_STEP = "Let's stay with this question:"
CHECKIN_NOT_TEXT = "I can only read a button press or a typed answer here."
CHECKIN_EDITED = "I only read new messages, not edits. Please send your answer again:"
CHECKIN_AFTER_CRISIS = "Whenever you're ready, we can carry on with your check-in, or send /cancel to stop here."
CHECKIN_SUMMARY_TEXT = "Your answers are below: tap <b>Save</b>, or tap the answer you want to change."
CHECKIN_BAD = {
    "range": "That's outside the scale: please use a whole number from {low} to {high}.",
    "whole": "Please use a whole number from {low} to {high}, no halves.",
    "unknown": "I didn't catch that. Please tap a button, or type {example}.",
    "too_long": "That note is a bit long for a check-in: please keep it under {limit} characters, or tap Skip.",
}
CHECKIN_EXAMPLE = {
    "craving": "a number from 0 to 10",
    "mood": "a number from 1 to 5, or a word like “okay” or “good”",
    "use": "yes, no, or “prefer not to say”",
    "sleep": "poorly, okay or well",
    "note": "your note",
    "safety": "yes or no",
}
CHECKIN_PAUSED = (
    "This check-in was not saved: you've paused IOP Companion. Send /start if you'd like to turn it back on."
)

PROGRESS = "<b>Your progress</b>\n{lines}"
PROGRESS_NO_STREAK = "No check-in streak right now. Today is a good day to start one: /checkin"
PROGRESS_NO_SOBER = "Days since last reported use: no start date set yet."
PROGRESS_MILESTONES = "Milestones reached: {list}"
PROGRESS_NO_MILESTONES = "Milestones: your first one comes at 7 days."
HISTORY = (
    "<b>Your last {days} days</b>\n"
    "Checked in on {checked_in} of {days} days.\n"
    "Average craving: {craving} · average mood: {mood}\n"
    "Days with high craving (8+): {high} · days with reported use: {used}"
)
HISTORY_EMPTY = "No check-ins in the last 30 days yet. Send /checkin to make your first one."
HISTORY_CAPTION = "Craving and mood, last {days} days. Red marks are days with reported use."
NOT_AVAILABLE = "–"

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

# --- Alerts to the care team -----------------------------------------------------------------
# Pushed texts show on lock screens: a client code and a severity, never a name, score or words.
SEVERITY_LABEL = {"crisis": "🔴 CRISIS", "high": "🟠 high", "medium": "🟡 medium"}
ALERT_PUSH = "{severity} alert A-{alert_id} for client <b>{code}</b>. Tap View for the detail."
ALERT_ESCALATED_PUSH = (
    "{severity} alert A-{alert_id} for client <b>{code}</b> has not been acknowledged in {waited}. "
    "You are being told as {tier}. Tap View for the detail."
)
ALERT_TIER_ONCALL = "the person on call"
ALERT_TIER_ADMIN = "an admin (end of the chain)"
ALERT_NO_THERAPIST = (
    "{severity} alert A-{alert_id} for client <b>{code}</b>: their therapist can't be reached. Tap View."
)
ALERT_BUTTON_VIEW = "View"
ALERT_BUTTON_ACK = "Acknowledge"
ALERT_ACKED_NOTICE = "Alert A-{alert_id} for <b>{code}</b> was acknowledged by {who} at {at}."
CLIENT_RECEIPT_TOLD = "Your care team has been let know. Someone will get back to you."
CLIENT_RECEIPT_ACKED = "Someone from your care team has seen your message and will follow up."
ALERT_DETAIL = "<b>Alert A-{alert_id}</b> · {severity} · client <b>{code}</b>\nRaised {at}\n\n{reasons}\n\n{status}"
ALERT_STATUS_OPEN = "Not acknowledged yet."
ALERT_STATUS_ACKED = "Acknowledged by {who} at {at}."
ALERT_ACK_DONE = "✅ Acknowledged. Everyone who got alert A-{alert_id} has been told, and so has the client."
ALERT_ACK_ALREADY = "Alert A-{alert_id} was already acknowledged by {who}."
ALERT_NOT_YOURS = "This alert belongs to another care team, so it isn't shown to you."
ALERT_GONE = "That alert no longer exists."
ALERTS_NONE = "No open alerts. 🎉"
ALERTS_HEADER = "<b>Open alerts</b>, oldest first:"
ALERTS_LINE = "A-{alert_id} · {severity} · <b>{code}</b> · raised {at}"
ALERTS_MORE = "… and {more} more."
ONCALL_NOW = "On call now: <b>{who}</b> (since {since})."
ONCALL_NOBODY = "Nobody is on call. Until someone takes it, unacknowledged alerts go straight to the admins."
ONCALL_TAKE = "Take on-call"
ONCALL_TAKEN = "You are on call now. Escalated alerts come to you until someone else takes over."
ONCALL_ALREADY = "You are already on call."
ONCALL_STALE = "On-call changed since this message. Here is who is on call now:"
ONCALL_HANDED_OVER = "{who} took over on-call. You will no longer get escalated alerts."


# --- Safety plan ----------------------------------------------------------------------------
SAFETY_SECTION_TITLE = {
    "warn": "My warning signs",
    "cope": "Things I can do on my own to feel a bit better",
    "places": "People and places that take my mind off things",
    "people": "People I can call",
    "reasons": "My reasons to stay well",
}
SAFETY_SECTION_ASK = {
    "warn": "What tells you a hard time is starting? Thoughts, feelings, situations — one per line.",
    "cope": "What helps you, even a little, when you're on your own? A walk, music, a shower, breathing…",
    "places": "Which people or places help take your mind off things? A friend's kitchen, a meeting, the park…",
    "people": "Who can you call when you need help? Names and numbers, one per line.",
    "reasons": "What makes staying well worth it for you? People, pets, plans, anything.",
}
SAFETY_PLAN_EMPTY = (
    "<b>Your safety plan</b>\n\nA safety plan is a short list, in your own words, of what to do when things get "
    "hard: your warning signs, what helps, who to call. It's only for you and your care team. "
    "Tap a part to start — you can fill it in bit by bit."
)
SAFETY_PLAN_HEADER = "<b>Your safety plan</b>"
SAFETY_PLAN_NOT_YET = "<i>not filled in yet</i>"
SAFETY_PLAN_EDIT_HINT = "Tap a part to change it. Send an empty dash (-) to clear a part."
SAFETY_PLAN_SAVED = "Saved. 💙"
SAFETY_PLAN_CLOSED = "Your plan is kept. Send /safetyplan any time to see it."
SAFETY_PLAN_TEXT_ONLY = "Please type this part as a message (or /cancel to stop editing)."
SAFETY_PLAN_DONE_BUTTON = "Done"
SAFETY_PLAN_IN_CRISIS = "<b>From your safety plan</b>"


# --- Daily digest -----------------------------------------------------------------------------
DIGEST_PUSH = "Your daily review list has {count} item(s)."
DIGEST_BUTTON = "Show the list"
DIGEST_HEADER = "<b>To review</b> (not urgent), oldest first:"
DIGEST_EMPTY = "Nothing left to review. Thank you."


# --- Crisis replies (one per situation the screen recognises) --------------------------------
CRISIS_POSSIBLE = (
    "That sounds really heavy, and I'm glad you said it. If you want to talk to someone right now:\n\n"
    "{crisis_lines}\n\nCan I ask you plainly: are you having thoughts of hurting yourself or ending your life?"
)
CRISIS_ANSWER_YES = "Yes"
CRISIS_ANSWER_NO = "No, I'm safe"
CRISIS_AFTER_YES = (
    "Thank you for telling me. You deserve support right now — please reach out to one of these:\n\n"
    "{crisis_lines}\n\nI'm letting your care team know."
)
CRISIS_AFTER_NO = "Thank you for telling me. If that changes, these are always here, day and night:\n\n{crisis_lines}"
CRISIS_OVERDOSE = (
    "If someone may be overdosing, call {emergency} now.\n\n"
    "If you have naloxone (Narcan), give it: one spray in a nostril, and another after 2–3 minutes if they "
    "don't respond. Lay them on their side and stay with them until help arrives.\n\n"
    "Naloxone is sold at most pharmacies without a prescription.\n\n{crisis_lines}"
)
CRISIS_USE_INTENT = (
    "Thank you for being honest with me. Urges rise and they pass. Right now, put some distance between you "
    "and it: leave the place if you can, call someone from your plan, drink some water, wait 20 minutes.\n\n"
    "If you've already used and feel unsafe, call {emergency}. Someone to talk to:\n{crisis_lines}"
)
CRISIS_VIOLENCE_AT_HOME = (
    "Your safety comes first. If you are in danger now, call {emergency}.\n\n"
    "Domestic violence hotline, any time: {dv_hotline}\n\n{crisis_lines}"
)
CRISIS_HARM_TO_OTHERS = (
    "If anyone is in danger right now, call {emergency}.\n\n"
    "Thoughts like this can be talked through — someone can help right now:\n\n{crisis_lines}"
)
CRISIS_UNREADABLE = (
    "I can only read English here, so I may have missed what you said. If you need help now:\n\n"
    "{crisis_lines}\n\nEn español: llame o envíe un texto al 988 y marque 2."
)
CRISIS_TEAM_WILL_KNOW = "I'm letting your care team know."
CRISIS_FOLLOW_UP = (
    "Thank you — I've passed this to your care team. I'm a program, so I can't talk it through the way a "
    "person can; the lines above can, any time."
)
CRISIS_RESUME_BUTTON = "Back to what I was doing"
CRISIS_RESUMED = "Okay. Carry on whenever you're ready — the lines are here if you need them."


# --- Questions for the care team --------------------------------------------------------------
QUESTION_ASK = (
    "Write your question for your care team in one message. Only they will read it.\n\n"
    "They answer during clinic hours ({hours}), so it may take a while. This is not for emergencies — "
    "if you need help now, call or text 988."
)
QUESTION_ASK_NO_HOURS = (
    "Write your question for your care team in one message. Only they will read it.\n\n"
    "They answer during clinic hours, so it may take a while. This is not for emergencies — "
    "if you need help now, call or text 988."
)
QUESTION_SENT = "Sent to your care team. I'll let you know here when they answer."
QUESTION_TEXT_ONLY = "Please type your question as a message, or send /cancel."
QUESTION_PUSH = "Client <b>{code}</b> sent a question (Q-{qid}). Tap View to read it."
QUESTION_VIEW_BUTTON = "View"
QUESTION_REPLY_BUTTON = "Answer"
QUESTION_DETAIL = "<b>Question Q-{qid}</b> from <b>{code}</b>, {at}:\n\n{text}"
QUESTION_DETAIL_ANSWERED = "\n\n<b>Answered by {who}:</b>\n{answer}"
QUESTION_WRITE_ANSWER = "Write your answer to Q-{qid} in one message (or /cancel). The client will see it."
QUESTION_ANSWER_SENT = "Answer sent to {code}."
QUESTION_ALREADY = "Q-{qid} was already answered."
QUESTION_NOT_YOURS = "This question belongs to another care team."
QUESTION_GONE = "That question no longer exists."
QUESTION_ANSWERED_PUSH = "Your care team has answered your question."
QUESTION_SHOW_BUTTON = "Show"
QUESTION_ANSWER_FOR_CLIENT = "<b>You asked:</b>\n{text}\n\n<b>Your care team answered:</b>\n{answer}"
QUESTIONS_OPEN_HEADER = "<b>Unanswered questions</b>, oldest first:"
QUESTIONS_LINE = "Q-{qid} · <b>{code}</b> · asked {at}"


# --- Schedules, meetings, attendance and broadcasts (issue 12) --------------------------------
# Reminders and change notices show on lock screens: public wording and a time only.
MEETING_REMINDER = "Reminder: {title} {when}."
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
