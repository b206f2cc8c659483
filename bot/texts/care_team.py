"""Team tools: /dead, alerts, on-call, digests, caseload, assignments, care-team questions."""

from __future__ import annotations

# --- team tools: /dead, /faqgaps, and notices to the team -------------------------

DEAD_NONE = "No undeliverable messages. Outbox: {summary}."

DEAD_HEADER = "<b>Undeliverable messages</b> (latest {count})"

DEAD_LINE = "#{id} · {kind} → {recipient} · {when} · {attempts} tries\n   {error}"

DEAD_FOOTER = "\nOutbox: {summary}."

DEAD_OUTBOX_EMPTY = "empty"

UNREACHABLE_NOTICE = (
    "{code} can't be reached on Telegram any more (the bot was blocked or the account deleted). "
    "Messages to them are on hold."
)

# To admins when the daily backup fails: no file names, paths or errors (those are in the server's log).
BACKUP_FAILED_NOTICE = (
    "Tonight's backup did not complete. The server's log says why; "
    "an admin can try again with <code>python -m bot db backup</code>."
)

# --- Alerts to the care team -----------------------------------------------------------------
# Pushed texts show on lock screens: a client code and a severity, never a name, score or words.
SEVERITY_LABEL = {"crisis": "🔴 CRISIS", "high": "🟠 high", "medium": "🟡 medium"}

ALERT_PUSH = "{severity} alert A-{alert_id} for client <b>{code}</b>. Tap View for the detail."

ALERT_ESCALATED_PUSH = (
    "{severity} alert A-{alert_id} for client <b>{code}</b> has not been acknowledged in {waited}. "
    "You are being told as {tier}. Tap View for the detail."
)

# At the end of the chain, again and again until someone acknowledges (bot.domain.care.alert_reminders).
ALERT_REMINDER_PUSH = (
    "Reminder: {severity} alert A-{alert_id} for client <b>{code}</b> is still not acknowledged, open "
    "{minutes} min. Tap View for the detail, and Acknowledge once someone has it."
)

ALERT_TIER_ONCALL = "the person on call"

ALERT_TIER_ADMIN = "an admin (end of the chain)"

ALERT_NOBODY_ONCALL_PUSH = (
    "{severity} alert A-{alert_id} for client <b>{code}</b>. Nobody is on call, so it comes to you as an admin. "
    "Tap View for the detail."
)

ALERT_NOBODY_ONCALL_LATE_PUSH = (
    "{severity} alert A-{alert_id} for client <b>{code}</b> has not been acknowledged in {waited}, and nobody is "
    "on call, so it comes to you as an admin. Tap View for the detail."
)

ALERT_NO_THERAPIST = (
    "{severity} alert A-{alert_id} for client <b>{code}</b>: their therapist can't be reached. Tap View."
)

ALERT_BUTTON_VIEW = "View"

ALERT_BUTTON_ACK = "Acknowledge"

ALERT_BUTTON_REPLY = "Reply"

ALERT_REPLY_WRITE = (
    "Type your message to <b>{code}</b> (alert A-{alert_id}). It goes to them at once and is kept with the alert. "
    "/cancel sends nothing."
)

ALERT_REPLY_SENT = "Sent to {code}; it's kept with alert A-{alert_id}."

ALERT_REPLY_UNREACHABLE = (
    "{code} has paused, left, or blocked the bot, so a message can't reach them here. Please use the phone."
)

ALERT_REPLY_TEXT_ONLY = "Please type the message (or /cancel)."

# What the client sees: neutral on a lock screen, then the team member's own words.
ALERT_REPLY_TO_CLIENT = "A message from your care team:\n\n{text}"

ALERT_ACKED_NOTICE = "Alert A-{alert_id} for <b>{code}</b> was acknowledged by {who} at {at}."

CLIENT_RECEIPT_TOLD = "Your care team has been told. Someone will get back to you."

CLIENT_RECEIPT_ACKED = "Someone from your care team has seen your message and will follow up."

ALERT_WROTE_AGAIN = "<b>{code}</b> wrote again (alert A-{alert_id}). Tap View to read it."

OUTAGE_NOTICE = (
    "Telegram could not be reached for {minutes}, so {alerts} reached people late. "
    "They have been delivered now; please check /alerts."
)

ALERT_DETAIL = "<b>Alert A-{alert_id}</b> · {severity} · client <b>{code}</b>\nRaised {at}\n\n{reasons}\n\n{status}"

ALERT_STATUS_OPEN = "Not acknowledged yet."

ALERT_STATUS_ERASED = "Closed: the client erased their data."

ALERT_STATUS_ACKED = "Acknowledged by {who} at {at}."

ALERT_ACK_DONE = "✅ Acknowledged. Everyone who got alert A-{alert_id} has been told, and so has the client."

ALERT_ACK_ALREADY = "Alert A-{alert_id} was already acknowledged by {who}."

ALERT_NOT_YOURS = "This alert belongs to another care team, so it isn't shown to you."

ALERT_GONE = "That alert no longer exists."

ALERTS_NONE = "No open alerts. 🎉"

ALERTS_HEADER = "<b>Open alerts</b>, oldest first:"

ALERTS_LINE = "A-{alert_id} · {severity} · <b>{code}</b> · raised {at}"

ALERTS_MORE = "… and {more} more."

ALERTS_PAGE_HEADER = "<b>Open alerts</b>, crisis first, then oldest first ({first}–{last} of {total}):"

ALERTS_NEXT = "Next ▶"

ALERTS_PREVIOUS = "◀ Previous"

ONCALL_NOW = "On call now: <b>{who}</b> (since {since})."

ONCALL_NOBODY = "Nobody is on call. Until someone takes it, unacknowledged alerts go straight to the admins."

ONCALL_TAKE = "Take on-call"

ONCALL_TAKEN = "You are on call now. Escalated alerts come to you until someone else takes over."

ONCALL_ALREADY = "You are already on call."

ONCALL_STALE = "On-call changed since this message. Here is who is on call now:"

ONCALL_HANDED_OVER = "{who} took over on-call. You will no longer get escalated alerts."

ONCALL_HANDED_TO_YOU = "{who} handed on-call to you. Escalated alerts come to you now; send /oncall to see it."

ONCALL_HAND_OVER = "Hand over"

ONCALL_GO_OFF = "Go off call"

ONCALL_PICK = "Who takes over on-call?"

ONCALL_NOBODY_TO_PICK = "There is nobody on the care team who could take over right now."

ONCALL_HANDOVER_DONE = "Done: {who} is on call now. You will no longer get escalated alerts."

ONCALL_OFF_DONE = (
    "You are off call. Nobody is on call now: unacknowledged alerts go straight to the admins until someone takes it."
)

ONCALL_NOT_HOLDER = "Only the person on call can hand it over or end it."

ONCALL_PICK_GONE = "That colleague can't take on-call right now. Send /oncall and pick again."

# --- Daily digest -----------------------------------------------------------------------------
DIGEST_PUSH = "Your daily review list has {count}."  # "3 items"

DIGEST_BUTTON = "Show the list"

DIGEST_HEADER = "<b>To review</b> (not urgent), oldest first:"

DIGEST_EMPTY = "Nothing left to review. Thank you."

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

QUESTION_SENT_BEFORE = "That question is already with your care team. I'll let you know here when they answer."

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

QUESTION_REPLY_BUTTON = "↩️ Reply"
QUESTION_ANSWER_FOR_CLIENT = "<b>You asked:</b>\n{text}\n\n<b>Your care team answered:</b>\n{answer}"

QUESTIONS_OPEN_HEADER = "<b>Unanswered questions</b>, oldest first:"

QUESTIONS_LINE = "Q-{qid} · <b>{code}</b> · asked {at}"

# --- Therapist views ------------------------------------------------------------------------
CASELOAD_HEADER = "<b>Your clients</b> ({count}), most in need first:"

CASELOAD_HEADER_ALL = "<b>All clients</b> ({count}), most in need first:"

CASELOAD_EMPTY = "No clients are assigned to you yet."

CLIENT_WITH_INITIALS = "{code} ({initials})"  # wherever the team sees a client; never in a push

CASELOAD_LINE = "<b>{code}</b>{cohort} · last check-in {last} · streak {streak}"

CASELOAD_NEVER = "never"

CASELOAD_TODAY = "today"

CASELOAD_DAYS_AGO = "{days} d ago"

CASELOAD_ALERTS = " · ⚠️ {count} open"

CASELOAD_NEEDS_THERAPIST = " · needs a new therapist"

CASELOAD_MORE = "… and {more} more. Use /client CODE for one client."

CLIENT_USAGE = "Send /client followed by a client code, for example <code>/client C-1042</code>."

CLIENT_NOT_FOUND = "No client {code} among the clients you can see."

CLIENT_DETAIL_HEAD = "<b>{code}</b>{cohort} · therapist {therapist}\n\n<b>Last {days} days</b>"

CLIENT_FLAGS_HEAD = "<b>Flags</b>"

CLIENT_DAY_LINE = "{day}: craving {craving}, mood {mood}, use {used}"

CLIENT_DAY_NONE = "{day}: no check-in"

CLIENT_NO_FLAGS = "none"

CLIENT_FLAG_LINE = "{at} · {severity} · {explanation}"

CLIENT_CHART_CAPTION = "{code}: craving and mood, last {days} days."

# --- Assigning a therapist -------------------------------------------------------------------
ASSIGN_USAGE = (
    "Send /assign with a client code, and a therapist code if you know it: "
    "<code>/assign C-1042</code> or <code>/assign C-1042 T-2001</code>."
)

ASSIGN_PICK = "Who should be the therapist of <b>{code}</b>? (now: {current})"

ASSIGN_NO_CLIENT = "There is no client {code}."

ASSIGN_NO_THERAPIST = "There is no active therapist {code}."

ASSIGN_NO_THERAPISTS = "There are no active therapists yet. Invite one with /invite."

ASSIGN_DONE = "<b>{client}</b> now has therapist <b>{therapist}</b>."

ASSIGN_DONE_MOVED = " Moved to them: {count}."  # "2 open alerts"

ASSIGN_UNCHANGED = "<b>{therapist}</b> is already the therapist of <b>{client}</b>."

ASSIGN_STALE = "That choice is out of date. Send /assign again."

ALERT_ACK_TOAST = "Acknowledged"  # the toast on the button
