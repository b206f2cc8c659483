"""The daily check-in, /progress and /history."""

from __future__ import annotations

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
    "Your care team is there for you, so bring this to your next session. "
    "If you need them sooner, call the clinic at {phone}. "
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
    "Your care team is there for you too. You can reach the clinic at {phone}. "
    "If you can, stay with someone you trust, and keep your safety plan close (/safetyplan)."
)

CHECKIN_STREAK = "🔥 {days} days in a row checked in."

CHECKIN_STREAK_ONE = "🔥 1 day checked in. Tomorrow makes it two."

CHECKIN_SOBER = "🌿 {days} days since last reported use."

CHECKIN_SOBER_ONE = "🌿 1 day since last reported use."

CHECKIN_MILESTONE = {
    "sober": "🎉 <b>{days} days without reported use.</b> That's a real milestone: be proud of it.",
    "streak": "🎉 <b>{days} days of check-ins in a row!</b> That kind of steadiness matters.",
}

# After Save, when the note had crisis words: the lines once more (the check-in may have taken a while).
CHECKIN_NOTE_LINES = "What you wrote in your note matters. If you need someone now, day or night:\n\n{crisis_lines}"

CHECKIN_CANCELLED = "Okay, I've stopped this check-in and saved nothing. Send /checkin whenever you like."

# /cancel after a Yes to the safety question: the answers are dropped, the Yes was acted on at once.
CHECKIN_CANCELLED_TEAM_TOLD = (
    "Okay, I've stopped this check-in; its answers aren't saved. What you said about hurting yourself is "
    "different: I'm telling your care team now, and the lines are here any time:\n\n{crisis_lines}"
)

CHECKIN_CANCELLED_KEPT = (
    "Okay, I've stopped this check-in; its answers aren't saved. I couldn't confirm that what you said about "
    "hurting yourself reached your care team, so please reach out now:\n\n{crisis_lines}"
)

CHECKIN_EXPIRED = (
    "This check-in sat open for a while, so I closed it without saving anything. "
    "No problem at all: send /checkin whenever you're ready."
)

CHECKIN_ENDED = "This check-in has ended. Send /checkin to start again."

CHECKIN_ENDED_TOAST = "This check-in has ended."

CHECKIN_OLD_BUTTON = "That button is from an earlier check-in. Here's where we are now:"

CHECKIN_OTHER_STEP = "Let's stay with this question:"

CHECKIN_NOT_TEXT = "I can only read a button press or a typed answer here."


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

# --- The /history chart (words drawn into the picture) -------------------------------------------
CHART_TITLE_OWN = "Last {days} days"
CHART_TITLE_CLIENT = "{code}, last {days} days"
CHART_CRAVING = "Craving"
CHART_MOOD = "Mood"
CHART_MOOD_TICKS = {1: "very low", 2: "low", 3: "okay", 4: "good", 5: "very good"}
CHART_USE = "▼ reported use"
CHART_HIGH_LINE = "high ({n}+)"  # the dotted line on the craving panel
