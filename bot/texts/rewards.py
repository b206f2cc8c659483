"""Rewards for showing up (contingency management): /rewards, /test, /prize, /correct and the client's push.

The push reads neutrally on a lock screen: points and draws, never what earned them.
Amounts come filled in with their noun ("5 points", "1 draw"): `wording.count`.
"""

from __future__ import annotations

REWARDS_OFF = "Rewards aren't part of the program at this clinic, so there's nothing to show here."

REWARDS_OFF_STAFF = (
    "Rewards are off at this clinic. To use them, set <code>REWARDS_ENABLED=true</code> in the bot's "
    "settings (.env) and restart it."
)

REWARDS_HEAD = "⭐ <b>Your rewards</b>"

REWARDS_HEAD_OF = "⭐ <b>Rewards of {code}</b>"

REWARDS_BALANCE = "Points: <b>{points}</b>\nDraws from the prize bowl, to use at the clinic: <b>{draws}</b>"

REWARDS_RUN = "Weeks in a row with a negative test: <b>{weeks}</b>. The next negative test earns {next}."

REWARDS_RUN_NONE = "The next negative test earns {next}, and each week in a row after that earns one more."

REWARDS_HOW = (
    "Points come from your daily check-in, each session you attend and your weekly questionnaire. "
    "The care team hands out the prizes."
)

REWARDS_LATELY = "<b>Lately</b>"

REWARDS_NOTHING_YET = "Nothing yet: your next check-in earns your first points."

REWARDS_LINE = "{day} · {what}: {change}"

REWARDS_CORRECTED = "(corrected)"

REWARDS_NOTHING = "nothing"

REWARD_KIND = {
    "checkin": "daily check-in",
    "attendance": "session attended",
    "questionnaire": "weekly questionnaire",
    "test_negative": "negative test",
    "test_positive": "positive test",
    "test_missed": "missed test",
    "prize": "prize",
    "correction": "correction",
}

REWARDS_USAGE = "Send the client's code after the command, like <code>/rewards C-1234</code>."

REWARDS_NOT_YOURS = "{code} isn't one of your clients, so their rewards aren't shown to you."

REWARD_CLIENT_NOT_FOUND = "I can't find a client with the code {code}. /caseload lists the codes."

TEST_USAGE = (
    "Record a test with the client's code and the result: <code>/test C-1234 negative</code> "
    "(or <code>positive</code>, or <code>missed</code>)."
)

TEST_RECORDED_NEGATIVE = (
    "Recorded for {code}: a negative test (entry #{id}). It earned {points} and {draws}: "
    "{weeks} in a row. They now have {total} to use."
)

TEST_RECORDED_RESET = "Recorded for {code}: a {result} test (entry #{id}). Their next negative test earns 1 draw again."

TEST_RESULT = {"positive": "positive", "missed": "missed"}

TEST_SAME_DAY = (
    "{code} already has a test result today (entry #{id}). If that one was wrong, correct it first: "
    "<code>/correct {id} why</code>. Nothing was saved."
)

PRIZE_USAGE = (
    "Record a prize with the client's code, the draws used and what they got: "
    "<code>/prize C-1234 2 coffee voucher</code>. To spend points instead: "
    "<code>/prize C-1234 50 points movie ticket</code>."
)

PRIZE_RECORDED = "Recorded for {code}: {spent} for “{what}” (entry #{id}). Left: {points} and {draws}."

PRIZE_SHORT = "{code} has {points} and {draws}: not enough for that. Nothing was saved."

CORRECT_USAGE = (
    "Correct an entry with its number (from <code>/rewards CODE</code>) and why: <code>/correct 12 wrong client</code>."
)

CORRECT_DONE = (
    "Entry #{id} is reversed by entry #{new} ({change}). The old entry stays in the ledger, marked corrected."
)

CORRECT_UNKNOWN = (
    "There is no reward entry #{id}. <code>/rewards CODE</code> lists a client's entries with their numbers."
)

CORRECT_ALREADY = "Entry #{id} was already corrected by entry #{by}. Nothing was changed."

CORRECT_IS_CORRECTION = (
    "Entry #{id} is itself a correction, and a correction can't be corrected. If the entry it reversed was "
    "right after all, record it again."
)

REWARD_PUSH = "⭐ You earned {points}. /rewards shows your total."

REWARD_PUSH_DRAWS = "⭐ You earned {points} and {draws} from the prize bowl. Well done! /rewards shows your total."

REWARD_EARNED_LINE = "⭐ +{points}. /rewards shows your total."

# The note of the correction written when staff unmark someone's attendance.
REWARD_ATTENDANCE_UNMARKED = "attendance unmarked"
