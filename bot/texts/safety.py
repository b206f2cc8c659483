"""Crisis replies and the safety plan."""

from __future__ import annotations

CRISIS_REPLY = (
    "I'm really glad you told me. You don't have to get through this alone, and a person can help you right now:\n\n"
    "{crisis_lines}\n\n"
    "If you can, also reach out to someone you trust and stay with them."
)

# --- Safety plan ----------------------------------------------------------------------------
SAFETY_SECTION_TITLE = {
    "warn": "My warning signs",
    "cope": "Things I can do on my own to feel a bit better",
    "places": "People and places that take my mind off things",
    "people": "People I can call",
    "reasons": "My reasons to stay well",
}

# The same parts as buttons: short enough to show whole on a phone (a title cut at 40 letters read
# "Things I can do on my own to feel a bit ").
SAFETY_SECTION_BUTTON = {
    "warn": "Warning signs",
    "cope": "What I can do alone",
    "places": "People and places",
    "people": "People to call",
    "reasons": "Reasons to stay well",
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

# --- Crisis replies (one per situation the screen recognises) --------------------------------
CRISIS_POSSIBLE = (
    "That sounds really heavy, and I'm glad you said it. If you want to talk to someone right now:\n\n"
    "{crisis_lines}\n\nCan I ask you plainly: are you having thoughts of hurting yourself or ending your life?"
)

CRISIS_ANSWER_YES = "Yes"

CRISIS_ANSWER_NO = "No, I'm safe"

CRISIS_AFTER_YES = (
    "Thank you for telling me. You deserve support right now — please reach out to one of these:\n\n{crisis_lines}"
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

# Discreet on a lock screen: the preview names no violence, no abuser and no hotline's purpose.
CRISIS_VIOLENCE_AT_HOME = (
    "Your safety comes first. If you are in danger now, call {emergency}.\n\n"
    "A confidential line you can call or text any time, day or night: {dv_hotline}\n\n"
    "If it's safer, you can delete this chat after reading.\n\n{crisis_lines}"
)

CRISIS_WEAPON = (
    "I'm really glad you told me. Please put distance between you and the weapon right now: leave the room "
    "it's in, or ask someone you trust to take it or lock it away for a while. If you're in danger, "
    "call {emergency}.\n\nA person can help you right now:\n\n{crisis_lines}"
)

CRISIS_OVERDOSE_SELF = (
    "Please call {emergency} now and say what you took — this is an emergency, and help can come fast.\n\n"
    "If you have naloxone (Narcan), use it or ask someone near you to give it. Unlock your door, and "
    "don't stay alone: tell someone nearby or keep the call open.\n\n{crisis_lines}"
)

CRISIS_INTOXICATED = (
    "Thank you for telling me. Right now the most important thing is getting through the next hours safely:\n\n"
    "• if you're driving, pull over somewhere safe and stop the car;\n"
    "• don't take anything more, and don't mix anything with it;\n"
    "• don't stay alone: call someone sober you trust to come and be with you;\n"
    "• sip water; if you feel sick, lie on your side.\n\n"
    "If you have chest pain, trouble breathing, can't stay awake, or anyone is in danger, call {emergency}. "
    "Someone to talk to:\n{crisis_lines}"
)

CRISIS_HARM_TO_OTHERS = (
    "If anyone is in danger right now, call {emergency}.\n\n"
    "Thoughts like this can be talked through — someone can help right now:\n\n{crisis_lines}"
)

CRISIS_UNREADABLE = (
    "I can read English and Spanish here, so I may have missed what you said. If you need help now:\n\n"
    "{crisis_lines}\n\nEn español: llame o envíe un texto al 988 y marque 2."
)

CRISIS_TEAM_WILL_KNOW = "I'm letting your care team know."

# Added to a crisis reply once the alert is recorded; "has been told" waits for a delivered push.
CRISIS_TELLING_TEAM = "I'm telling your care team now."

# A client who paused (/stop) or left: only explicit crisis words are passed on, and only to on-call.
CRISIS_TELLING_ONCALL = (
    "Your messages aren't passed to your care team while you're paused or no longer enrolled, but because "
    "this sounds urgent I'm telling the clinic's on-call clinician now."
)

CRISIS_FOLLOW_UP = (
    "Thank you — I've passed this to your care team. I'm a program, so I can't talk it through the way a "
    "person can; the lines above can, any time."
)

# Free text during the exchange that no open step could use: say truly who will see it.
CRISIS_FOLLOW_UP_KEPT = (
    "Thank you — I've kept this with what you told me earlier, for your care team to read with it. Nobody is "
    "reading along right now, so if you need someone now:\n\n{crisis_lines}"
)

CRISIS_FOLLOW_UP_NOT_KEPT = (
    "I haven't passed this on: nobody from your care team reads messages here right now. To send your "
    "therapist a message, use /ask. If you need someone now:\n\n{crisis_lines}"
)

# A paused or former client writing while the alert their explicit words raised is open: only on-call has it.
CRISIS_FOLLOW_UP_ONCALL = (
    "Thank you — I've passed this to the clinic's on-call clinician, with what you told me earlier. It isn't "
    "passed to your therapist while you're paused or no longer enrolled. I'm a program, so I can't talk it "
    "through; if you need someone now:\n\n{crisis_lines}"
)

CRISIS_FOLLOW_UP_ONCALL_KEPT = (
    "Thank you — I've kept this with what you told me earlier, for the clinic's on-call clinician to read with "
    "it. Nobody is reading along right now, so if you need someone now:\n\n{crisis_lines}"
)

CRISIS_RESUME_BUTTON = "Back to what I was doing"

CRISIS_RESUMED = "Okay. Carry on whenever you're ready — the lines are here if you need them."

# --- /screen: a team member checks what the crisis screen makes of a text -----------------------
SCREEN_USAGE = (
    "Put the text after the command, for example:\n<code>/screen i cant do this anymore</code>\n\n"
    "I'll show what the crisis screen decides, and you can mark what it should have decided."
)

SCREEN_VERDICT = (
    "<b>Crisis screen</b>\nDecision: <b>{level}</b>\nSituation: {category}\nRule: <code>{pattern}</code>"
    "{also}{languages}{set_aside}\n\nWhat should it be? Your mark is kept as an example for the people who "
    "maintain the rules."
)

SCREEN_ALSO = "\nAlso reads as: {categories}"

SCREEN_LANGUAGES = "\nRead as: {languages}"

SCREEN_SET_ASIDE = "\nSet aside (negated, past or hypothetical): {findings}"

SCREEN_NONE = "none"

SCREEN_MARK_CRISIS = "Should be crisis"

SCREEN_MARK_POSSIBLE = "Should be possible"

SCREEN_MARK_ORDINARY = "Ordinary"

SCREEN_MARKED = "Thank you — kept as an example marked <b>{mark}</b>."

SCREEN_GONE = "That check is no longer there."

SCREEN_MARK_LABEL = {
    "crisis": "should be crisis",
    "possible": "should be possible",
    "ordinary": "ordinary",
    "false_alarm": "false alarm",
}

ALERT_BUTTON_FALSE_ALARM = "False alarm"

ALERT_FALSE_ALARM_DONE = (
    "Marked A-{alert_id} as a false alarm of the crisis screen; the message is kept as an example for the "
    "people who maintain the rules. The alert itself stays as it is: acknowledge it as usual."
)

ALERT_FALSE_ALARM_NONE = "Only an alert raised by a client's message can be marked as a false alarm."

# A team member's own message that reads like a crisis (often a question they are writing to a client):
# the lines for themselves, no question, nothing raised; what they were writing goes on as usual.
CRISIS_TEAM_NOTE = (
    "That message reads like a crisis to the screen, so here are the lines, in case it is about you:\n\n"
    "{crisis_lines}\n\n"
    "Nothing was raised. If you were writing to or about a client, carry on."
)
