"""What the bot says around the questionnaires (/weekly): the items themselves are the instruments'
published text, in their YAML files; these are the sentences around them, and the therapist's view."""

from __future__ import annotations

Q_PICK = (
    "Which questionnaire would you like to fill in? Each takes a few minutes, and your care team "
    "uses your answers to see how things are going over the weeks."
)
# The scheduled questionnaires' messages (bot/domain/questionnaires/due.py): neutral on a lock screen;
# a button for each questionnaire due.
Q_DUE = (
    "📝 A few questions are ready for you this week. They take a few minutes and help you and your care team "
    "see how things are going. Tap one to start."
)

Q_DUE_AGAIN = "📝 A reminder: yesterday's questions are still open. Tap one to start, whenever suits you today."

Q_CHECKIN_FIRST = "Let's finish today's check-in first (or send /cancel to stop it), then send /weekly."
Q_UNKNOWN = "I don't know a questionnaire called “{name}”. Pick one below, or send /weekly and choose."
Q_STEP = "<b>{title}</b> · question {n} of {count}\n<i>{preamble}</i>\n\n{text}"
Q_HOW = "Tap an answer, or type its number or words."
Q_DAYS_HOW = "Tap the number of days, or type it."
# A count typed as a number (the 30-day BAM's days, 0-30: more than a keyboard holds).
Q_COUNT_HOW = "Type the number, from 0 to {max}, or tap a button."
# What a typed count could not be, by the reason (bot.domain.questionnaires.typed.CountProblem); the question follows.
Q_COUNT_BAD = {
    "words": "I need a number here: type it in digits, from 0 to {max} (0 if there were none).",
    "negative": "The number can't be below 0. Type a number from 0 to {max}.",
    "too_high": (
        "This question is about the past {max} days, so the number goes up to {max}. Type a number from 0 to {max}."
    ),
    "not_whole": "Please type a whole number, from 0 to {max}: your best guess is fine.",
    "several": "Please type just one number, from 0 to {max}: your best guess is fine.",
}
Q_SUMMARY = "<b>{title}: your answers</b>\n\n{lines}\n\nTap Submit, or tap a question's number to change that answer."
Q_SUMMARY_LINE = "{n}. {answer}"
Q_SUBMIT = "✅ Submit"
Q_CHANGE = "✏️ {n}"
Q_BAD = "I didn't catch that answer. Tap one of the buttons, or type one of: {choices}."
Q_OTHER_STEP = "Let's stay with this question:"
Q_OLD_BUTTON = "That button is from an earlier questionnaire. Here's where we are now:"
Q_ALREADY_IN = "You're in the middle of the {title}. Here's where we are (send /cancel to stop it):"
Q_NOT_TEXT = "I can only read a button press or a typed answer here."
Q_SUMMARY_TEXT = "Your answers are all in: tap Submit, or a question's number to change it."
Q_AFTER_CRISIS = "Whenever you're ready, we can carry on with the questionnaire, or send /cancel to stop here."
Q_ENDED = "This questionnaire has ended. Send /weekly to start one."
Q_ENDED_TOAST = "This questionnaire has ended."
Q_CANCELLED = "Okay, I've stopped the questionnaire and saved nothing. Send /weekly whenever you like."
Q_CANCELLED_TEAM_TOLD = (
    "Okay, I've stopped the questionnaire; its answers aren't saved. What you said about hurting yourself is "
    "different: I'm telling your care team now, and the lines are here any time:\n\n{crisis_lines}"
)
Q_CANCELLED_KEPT = (
    "Okay, I've stopped the questionnaire; its answers aren't saved. I couldn't confirm that what you said "
    "about hurting yourself reached your care team, so please reach out now:\n\n{crisis_lines}"
)
Q_SAVED = "<b>{title} submitted.</b> Thank you."

# After submit, in plain words (never the depression severity label).
Q_RESULT = {
    ("phq9", "low"): "Your answers suggest your mood has mostly been steady over the last two weeks.",
    ("phq9", "some"): (
        "Your answers suggest some low days over the last two weeks. Your care team will see them and can "
        "talk them through with you."
    ),
    ("phq9", "high"): (
        "Your answers suggest the last two weeks have been hard on your mood. Your care team will see them "
        "and can talk them through with you; you don't have to wait for your next session to ask."
    ),
    ("gad7", "low"): "Your answers suggest worry hasn't weighed much on you over the last two weeks.",
    ("gad7", "some"): "Your answers suggest some worry over the last two weeks. Your care team will see them.",
    ("gad7", "high"): (
        "Your answers suggest worry has weighed on you a lot over the last two weeks. Your care team will see "
        "them and can talk them through with you."
    ),
    ("bam7", "low"): "Your care team will see your answers and how they change from week to week.",
    ("bam7", "some"): (
        "You told me about some use this week. Thank you for being honest: that's what makes this useful. "
        "Your care team will see your answers."
    ),
    ("bam30", "low"): "Your care team will see your answers and how they change from month to month.",
    ("bam30", "some"): (
        "You told me about some use in the past 30 days. Thank you for being honest: that's what makes this "
        "useful. Your care team will see your answers."
    ),
}
Q_RESULT_SAFETY = (
    "You also told me about thoughts of hurting yourself. Your plan and the lines are there any time:\n\n{crisis_lines}"
)

# /progress for the client: each questionnaire's last scores and their direction, in plain words
# (never a severity label). The BAM is shown by its Protective score, each form on its own line.
Q_TREND_HEAD = "<b>Your questionnaires</b> (oldest to newest)"
Q_TREND_ABOUT = {
    "phq9": "mood; lower is better",
    "gad7": "worry; lower is better",
    "bam7": "what helps you stay well; higher is better",
    "bam30": "what helps you stay well, over 30 days; higher is better",
}
Q_TREND_LINE = "{title} ({about}): {series}."
Q_TREND_BETTER = "Better than last time. 🌱"
Q_TREND_WORSE = "Harder than last time; your care team sees this too and can talk it through with you."
Q_TREND_SAME = "About the same as last time."
Q_TREND_USE = "The latest one reported some use: thank you for being honest about it."

# The therapist's view in /client CODE.
Q_SCORES_HEAD = "<b>Questionnaires</b>"
Q_SCORES_NONE = "No questionnaires submitted yet."
Q_SCORE_TOTAL = "{title}: <b>{total}</b> ({band}){change} · {when}"
Q_SCORE_CHANGE = ", was {before}"
Q_SCORE_SERIES = "   over time: {series}"
Q_BAM_LINE = "{title} · {when}: {parts}"
Q_BAM_PART = "{label} {value} ({words})"
Q_BAM_WORDS = {
    ("use", True): "use reported",
    ("use", False): "no use reported",
    ("risk", True): "high risk",
    ("risk", False): "below the risk line",
    ("protective", True): "low protection",
    ("protective", False): "protection holding",
}
Q_NO_SCORE = "not scored"
# The scores' chart after /client CODE (the title is drawn in the picture).
Q_CHART_TITLE = "{code}: questionnaires over time"
Q_CHART_CAPTION = (
    "{code}: questionnaire scores over time, severity bands shaded; "
    "dotted lines: where the BAM marks Risk and Protective."
)
# /caseload: the latest PHQ-9 band and BAM Risk, the arrow for the change since the one before.
Q_CASELOAD_PHQ = "PHQ-9 {band}{arrow}"
Q_CASELOAD_RISK = "BAM Risk {risk}{arrow}"

# /measures (staff): a cohort's completion this week and average scores by week; groups only.
Q_COHORT_HEAD = "<b>Questionnaires · {cohort}</b> ({clients} active clients)"
Q_COHORT_EVERYONE = "all clients"
Q_COHORT_SMALL = "Fewer than {min} active clients in {cohort}: no figures are shown, so that no one can be picked out."
Q_COHORT_WEEK = (
    "Due in the last 7 days: {done_clients} of {due_clients} clients answered everything ({rate}); "
    "{done} of {due} questionnaires."
)
Q_COHORT_NOTHING_DUE = "Nothing was due in the last 7 days."
Q_COHORT_MEANS = "Average by week, oldest first, from the week of {first} (· = fewer than {min} clients answered):"
Q_COHORT_LINE = "{label}: {series}"
Q_COHORT_SUBSCALE = "{title} {label}"  # "BAM (weekly) Risk": each BAM form is its own series
Q_COHORT_LIST = "Cohorts: {cohorts}. Send /measures and a cohort's name to see one."
Q_COHORT_NONE = "No client has a cohort yet; the figures are for all clients."
Q_COHORT_UNKNOWN = "No active client is in a cohort called “{name}”."
