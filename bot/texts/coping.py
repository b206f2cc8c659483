"""Help in the moment: the "I'm craving" flow and its coping tools (the tools' steps are in tools.yaml)."""

from __future__ import annotations

COPING_START_BUTTON = "🌊 I'm craving: help me ride it out"

COPING_OFFER = "If it would help right now, we can work through this craving together, one small step at a time."

COPING_ASK_BEFORE = (
    "Let's get through this together. First: how strong is the craving <b>right now</b>? "
    "0 is none at all, 10 is the strongest you can imagine."
)

COPING_ASK_AFTER = (
    "How strong is the craving <b>now</b>, from 0 to 10? "
    "Any number is fine: it shows you and your care team what helps."
)

COPING_BAD_NUMBER = "I need a number from 0 to 10 here (like <b>6</b>): tap one or type it."

COPING_PICK = "Craving at <b>{before} of 10</b>. Pick something to try for the next few minutes, or let me choose one."

COPING_PICK_FOR_ME = "🎲 You choose for me"

COPING_PICKED_FOR_YOU = "Let's try <b>{name}</b>: {why}."

COPING_WHY_HELPED = "it helped you most before"

COPING_WHY_NEW = "it's a good one to start with"

COPING_PICK_TEXT = "Tap one of the tools below to start, or send /cancel to stop."

COPING_STEP = "<i>{name} · {n} of {total}</i>\n\n{text}"

COPING_NEXT = "Next ▶"

COPING_DONE_BUTTON = "I'm done"

COPING_STEP_TEXT = "Take your time with this one. Tap <b>Next</b> when you're ready, or <b>I'm done</b> to stop here."

# A paced tool (tools.yaml `pace`): its steps come on their own.
COPING_PACED_INTRO = (
    "The next steps will come on their own, over about {minutes} min. Stay with each one; "
    "tap <b>I'm done</b> whenever you want to stop and rate the craving."
)
COPING_PACED_STATUS = (
    "{name} is going on: the next step comes on its own. Tap <b>I'm done</b> whenever you want to stop "
    "and rate the craving."
)

COPING_PEOPLE = "The people on your safety plan:\n\n{people}\n\nPick one and call or text them now."

COPING_REASONS = "Your reasons, in your own words:\n\n{reasons}"

COPING_NO_REASONS = (
    "Your safety plan has no reasons on it yet. Think of one now: a person, a plan, something you're "
    "proud of. You can add it any time with /safetyplan."
)

COPING_NO_PEOPLE = (
    "Your safety plan has no people on it yet (add them any time with /safetyplan). "
    "You can call {clinic}[ on {phone}] right now."
)

COPING_RESULT_DOWN = "Saved: from {before} to {after}. You rode that one out, and that counts. 💪"

COPING_RESULT_SAME = (
    "Saved: {before} before, {after} now. Cravings don't always drop on the first try, and you still didn't act "
    "on it. Send /craving any time to try another tool."
)

COPING_STILL_HIGH = (
    "It's still strong, so please don't sit with this alone. Call your care team[ on {phone}] "
    "or one of these lines, any time, day or night:\n{crisis_lines}\n\n"
    "Your therapist will see in their daily summary that today was hard. I'll check in with you again "
    "in 15 minutes."
)

# Sent on its own (it may show on a lock screen): neutral.
COPING_CHECK_BACK = (
    "Checking in on you 🌱 Has it eased? Tap how strong it is now, from 0 (gone) to 10. "
    "If it's still hard, let's go through it again."
)
COPING_CHECK_BACK_SOON = "I'll check in with you in 15 minutes to see how it's going."
# The answers to the check back (conversations/coping/check_back.py).
COPING_LATER_EASED = "Thank you. From {before} before the exercise to {value} now: it's passing. 🌱"
COPING_LATER_SAME = (
    "Thank you: {value} now ({before} before the exercise). It hasn't gone, and you still haven't acted on it. "
    "Send /craving any time to try another tool."
)
COPING_LATER_HIGH = (
    "Thank you for telling me. At {value} it's still very strong, so please don't sit with this alone: "
    "call your care team[ on {phone}] or one of these lines, any time:\n{crisis_lines}\n\n"
    "I'm telling your therapist now. You can also go through a tool again."
)
COPING_LATER_ALREADY = "You've already answered this one: {value} of 10."
COPING_LATER_GONE = "That check back is over. If the craving is back, let's go through it again."
COPING_LATER_GONE_TOAST = "That check back is over."

COPING_CANCELLED = "Okay, we've stopped; nothing was saved. Send /craving whenever you want to try again."

COPING_ENDED = "That exercise has ended. Send /craving to start a new one."

COPING_ENDED_TOAST = "That exercise has ended."

COPING_OLD_BUTTON = "That button is from an earlier exercise. Here's where we are now:"

COPING_OTHER_STEP = "That button doesn't fit this step. Here's where we are:"

COPING_NOT_TEXT = "I can't read that here. Tap a button below, or send /cancel to stop."

COPING_AFTER_CRISIS = "Whenever you're ready, we can carry on here, or send /cancel to stop."

COPING_RESTARTED = "Starting afresh."

# --- /client: what the team sees ---------------------------------------------------------------
CLIENT_CRAVINGS_HEAD = "<b>Cravings met with a tool</b> (before → after, on average)"

CLIENT_CRAVING_LINE = "{tool}: {times}× · {before} → {after}"

CLIENT_NO_CRAVINGS = "none"

# --- Rewards for showing up (a push: neutral on a lock screen) -------------------------------
SESSIONS_MILESTONE = "🎉 <b>{n} sessions</b> you've shown up for. Showing up is what makes the difference: well done."

# --- Medication reminders (/meds). The reminder shows on a lock screen: neutral unless the client typed a label.
MED_REMINDER = "Reminder ⏰"

MED_REMINDER_LABELLED = "Reminder ⏰ {label}"

MED_TAKEN = "✅ Taken"

MED_SKIP = "Skip"

MED_SNOOZE = "Snooze 30 min"

MED_SNOOZED = "Okay, I'll remind you again in 30 minutes."

MED_TAKEN_SAVED = "Noted: taken ✓"

MED_SKIPPED_SAVED = "Noted: skipped."

MED_ALREADY = "This one is already noted as {status}."

MED_STATUS = {"taken": "taken", "skipped": "skipped", "snoozed": "snoozed"}  # {status} above

MED_GONE = "That reminder no longer exists."

MED_LIST_HEAD = "<b>Your reminders</b>"

MED_LIST_LINE = "⏰ {time}{label}"

MED_LIST_EMPTY = "You have no reminders yet."

MED_ADD_BUTTON = "➕ Add a reminder"

MED_DELETE_BUTTON = "🗑 {time}"

MED_ASK_TIME = (
    "At what time each day? For example <b>8:00</b> or <b>9pm</b>. Only on some days? Add them after the "
    "time: <b>8am mon wed fri</b> or <b>9pm weekdays</b>."
)

MED_BAD_TIME = "I couldn't read that time. Try <b>8:00</b>, <b>20:30</b> or <b>9pm</b>."

MED_ASK_LABEL = (
    'What should the reminder say? Your lock screen shows just "Reminder ⏰" unless you type a label '
    "(like a medication's name, or anything you'll recognise). Type it, or tap <b>Keep it neutral</b>."
)

MED_NEUTRAL_BUTTON = "Keep it neutral"

MED_ASK_SHARE = (
    "May your therapist see whether you took it? Only they would, in their view of your last two weeks. "
    "Missed ones stay between you and me otherwise."
)

MED_SHARE_YES = "Yes, they may see it"

MED_SHARE_NO = "No, keep it to me"

MED_ADDED = "Saved: a daily reminder at {time}."

MED_ADDED_DAYS = "Saved: a reminder at {time} on {days}."

MED_PAUSE_BUTTON = "⏸ {time}"

MED_RESUME_BUTTON = "▶️ {time}"

MED_LIST_PAUSED = " (paused: kept, not sent until you resume it)"

# Opening the /meds list shown again after ⏸ or ▶️: it confirms the change, so it waits for the commit.
MED_PAUSED_DONE = "Paused: the {time} reminder."

MED_RESUMED_DONE = "Resumed: the {time} reminder."

MED_TOO_MANY = "You have the most reminders I can keep. Delete one first."

MED_DELETED = "Deleted the {time} reminder."

MED_CANCELLED = "Okay, no reminder added."

# A reminder the care team suggests (/medsfor CODE TIME): the client's message, neutral on a lock screen.
MED_PROPOSAL = (
    "Your care team suggests a reminder {when}. It would show only “Reminder ⏰”, with Taken and Skip "
    "buttons. Would you like it?"
)
# {when} in the texts about a reminder (bot.domain.coping.med_days.when).
MED_WHEN_DAILY = "every day at {time}"
MED_WHEN_DAYS = "at {time} on {days}"
MED_PROPOSAL_SHARE = "Yes, and my therapist may see if I took it"
MED_PROPOSAL_PRIVATE = "Yes, but keep it to me"
MED_PROPOSAL_NO = "No thanks"
MED_PROPOSAL_ADDED_SHARED = (
    "Saved: a reminder {when}. Your therapist will see whether you took it. Change it any time in /meds."
)
MED_PROPOSAL_ADDED_PRIVATE = "Saved: a reminder {when}, kept to you. Change it any time in /meds."
MED_PROPOSAL_ALREADY = "You already have a daily reminder at {time}. See /meds."
MED_PROPOSAL_DECLINED = "Okay, no reminder. You can add your own any time with /meds."
# The team's side of /medsfor.
MEDSFOR_USAGE = (
    "Send <code>/medsfor CODE TIME [DAYS]</code>, e.g. <code>/medsfor C-1042 8am</code> or "
    "<code>/medsfor C-1042 8am mon wed fri</code>. The client gets the suggestion and decides: on or not, "
    "and whether you see if they took it. It shows only “Reminder ⏰”."
)
MEDSFOR_SENT = "Queued for {code}: a reminder {when} for them to turn on. They choose whether you see if they took it."
MEDSFOR_AGAIN = "{code} already got this suggestion today."
MEDSFOR_PAUSED = "{code} has paused or left the program: nothing was sent."
MEDSFOR_NOT_FOUND = "No client has the code {code}."
MEDSFOR_NOT_YOURS = "{code} is not one of your clients."

MED_USE_BUTTONS = "Please type the time (or tap a button above), or send /cancel."

# A dated reminder (an injection, a dose at the clinic): one message the day before. Neutral on a lock screen.
MED_DATE_REMINDER = "Reminder ⏰ for tomorrow"

MED_DATE_REMINDER_LABELLED = "Reminder ⏰ for tomorrow: {label}"

MED_ADD_DATE_BUTTON = "📅 Add a date (an injection)"

MED_ASK_DATE = (
    "On what date? For example <b>12/20</b>, <b>jan 3</b> or <b>tomorrow</b>. I'll remind you the day before."
)

MED_BAD_DATE = (
    "I couldn't read that as a date from today on (and within a year). Try <b>12/20</b>, <b>jan 3</b> "
    "or <b>2027-01-03</b>."
)

MED_ASK_DATE_TIME = "At what time the day before? For example <b>9:00</b> or <b>6pm</b>."

MED_DATE_ADDED = "Saved: a reminder on {day} at {time}, for {date}."

MED_LIST_DATE_LINE = "📅 {date} (reminded the day before at {time}){label}"

CLIENT_MEDS_HEAD = "<b>Medication reminders</b> (shared by the client)"

CLIENT_MEDS_LINE = "⏰ {time}: taken {taken} of {days} days"

# --- /tools --------------------------------------------------------------------------------------
TOOLS_HEAD = "<b>Coping tools</b> for when a craving hits:"

TOOLS_LINE = "• {name} ({steps} short steps)"

TOOLS_LINE_PACED = "• {name} (about {minutes} min; the steps come on their own)"

TOOLS_HOW = "Tap below (or send /craving) to rate the craving, pick one and go through it together."
