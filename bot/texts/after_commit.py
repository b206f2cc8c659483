"""Texts that tell someone a change was made: shown only once that change is committed.

A reply that says "saved", "sent", "set" or "done" is a promise about the database. Sent
before the commit, it can be a lie (the commit fails, the process dies). `bot.services.replies`
holds back every reply that starts like one of these until the update's unit of work has
committed. tests/unit/test_after_commit.py finds every text with such words and fails when
one is neither listed here nor in NOT_CONFIRMATIONS with the reason.
"""

from __future__ import annotations

import re
from functools import cache

from bot.texts import (
    care_team,
    catalogue,
    checkin,
    common,
    coping,
    data_rights,
    faq,
    followups,
    invite,
    people,
    questionnaires,
    rewards,
    safety,
    schedule,
    settings,
    short_replies,
)

CONFIRMATIONS: tuple[str, ...] = (
    checkin.CHECKIN_SAVED_SUMMARY,
    checkin.CHECKIN_SAVED,
    checkin.CHECKIN_UPDATED,
    questionnaires.Q_SAVED,
    safety.SAFETY_PLAN_SAVED,
    settings.SETTINGS_ZONE_OK,
    settings.SETTINGS_START_OK,
    settings.SETTINGS_TIME_OK,
    settings.SETTINGS_DONE,
    schedule.MEETING_PREFS_SAVED,
    schedule.MEETINGS_SAVED,
    schedule.MEETINGS_EDIT_SAVED,
    schedule.MEETINGS_IMPORT_OK,
    schedule.MEETINGS_DONE_CHANGE,
    schedule.ATTENDANCE_SAVED,
    schedule.CLOSURES_DONE,
    schedule.MEETINGS_RESTORED,
    care_team.QUESTION_SENT,
    care_team.QUESTION_ANSWER_SENT,
    care_team.ALERT_ACK_DONE,
    care_team.ALERT_REPLY_SENT,
    common.STOPPED,
    common.STOPPED_TEAM,
    people.STOPPED_TEAM,
    people.DEACTIVATED_DONE,
    people.INVITE_REVOKED,
    people.UNLOCK_DONE,
    people.UNLOCK_DONE_FOR,
    data_rights.DELETE_DONE,
    care_team.ONCALL_TAKEN,
    care_team.ASSIGN_DONE,
    faq.FAQ_UPLOAD_OK,
    people.REACTIVATED_DONE,
    people.WELCOME_BACK_TEAM,
    settings.SETTINGS_OFF_OK,
    settings.SETTINGS_ON_OK,
    settings.SETTINGS_START_CLEARED,
    schedule.MEETING_RSVP_YES_OK,
    schedule.MEETING_RSVP_NO_OK,
    schedule.MEETING_RSVP_CHANGED_YES,
    schedule.MEETING_RSVP_CHANGED_NO,
    common.WELCOME_CLIENT,
    common.WELCOME_TEAM,
    common.WELCOME_BACK,
    care_team.ONCALL_HANDOVER_DONE,
    care_team.ONCALL_OFF_DONE,
    followups.FOLLOWUP_DONE,
    safety.ALERT_FALSE_ALARM_DONE,
    short_replies.USE_REPORTED_REPLY,  # "your care team will hear": the flag is written first
    coping.COPING_RESULT_DOWN,
    coping.COPING_RESULT_SAME,
    coping.COPING_LATER_HIGH,  # the high alert it speaks of is recorded by this update
    coping.MED_PAUSED_DONE,
    coping.MED_RESUMED_DONE,
    coping.MED_ADDED_DAYS,
    coping.MED_PROPOSAL_ADDED_SHARED,
    coping.MED_PROPOSAL_ADDED_PRIVATE,
    coping.MEDSFOR_SENT,
    coping.MED_TAKEN_SAVED,
    coping.MED_SKIPPED_SAVED,
    coping.MED_ADDED,
    coping.MED_DATE_ADDED,
    coping.MED_DELETED,
    coping.MED_SNOOZED,
    people.LANGUAGE_SET,
    invite.INVITE_LANGUAGE_SET,
    rewards.TEST_RECORDED_NEGATIVE,
    rewards.TEST_RECORDED_RESET,
    rewards.PRIZE_RECORDED,
    rewards.CORRECT_DONE,
)

_OUTBOX = "an outbox row, written in the transaction that makes the change"
_PART = "a piece of a confirmation listed above, never sent on its own"
_NOTHING = "says nothing changed (or nothing will), which stays true if the update fails"
_READ = "describes what is already stored (a read), not a change this update makes"
_LABEL = "a button label or a question"
_RECORDED = "speaks of an alert committed earlier in a transaction of its own (record first), not of this update"
# Texts with such words that promise nothing about a change the update is making, and why.
NOT_CONFIRMATIONS: dict[str, str] = {
    "Q_COHORT_WEEK": _READ,
    "MEDSFOR_PAUSED": _NOTHING,  # "nothing was sent"
    "MED_LIST_PAUSED": _PART,
    "COPING_PACED_INTRO": _NOTHING,  # "the next steps will come on their own": a plan, not a saved change
    "COPING_PACED_STATUS": _NOTHING,
    "REWARDS_OFF_STAFF": _READ,
    "TEST_SAME_DAY": _NOTHING,
    "PRIZE_SHORT": _NOTHING,
    "CORRECT_ALREADY": _NOTHING,
    "REWARD_PUSH_DRAWS": _OUTBOX,
    "ALERT_ACKED_NOTICE": _OUTBOX,
    "ALERT_ESCALATED_PUSH": _OUTBOX,
    "ALERT_REMINDER_PUSH": _OUTBOX,
    "QUESTION_PUSH": _OUTBOX,
    "UNREACHABLE_NOTICE": _OUTBOX,
    "MEETING_CANCELLED_NOTICE": _OUTBOX,
    "CLOSURE_NOTICE": _OUTBOX,
    "CLOSURES_LIST": _READ,
    "CLOSURES_CONFIRM": _LABEL,
    "CLOSURES_KEPT": _NOTHING,
    "MEETINGS_OTHER_DATE_ASK": _LABEL,
    "MEETING_MOVED_NOTICE": _OUTBOX,
    "ASSIGN_DONE_MOVED": _PART,
    "DEACTIVATED_DONE_THERAPIST": _PART,
    "BROADCAST_CANCELLED_LINE": _PART,
    "BROADCAST_DONE": _PART,
    "SCHEDULE_MOVED": _PART,
    "INVITE_NO_QR": _PART,
    "CHECKIN_CANCELLED": _NOTHING,
    "COPING_CANCELLED": _NOTHING,
    "SESSIONS_MILESTONE": _OUTBOX,
    "MED_TAKEN": _LABEL,
    "COPING_DONE_BUTTON": _LABEL,
    "COPING_STEP_TEXT": _LABEL,
    "CHECKIN_CANCELLED_TEAM_TOLD": _RECORDED,
    "CHECKIN_CANCELLED_KEPT": _NOTHING,
    "Q_CANCELLED": _NOTHING,
    "Q_CANCELLED_TEAM_TOLD": _RECORDED,
    "Q_CANCELLED_KEPT": _NOTHING,
    "CONSENT_DECLINED": _NOTHING,
    "CONSENT_DECLINED_RETURNING": _NOTHING,
    "DELETE_KEPT": _NOTHING,
    "MEETINGS_DISCARDED": _NOTHING,
    "MEETINGS_EDIT_SAME": _NOTHING,
    "MEETINGS_IMPORT_BAD": _NOTHING,
    "OFFBOARD_KEPT": _NOTHING,
    "OFFBOARD_ALREADY_OFF": _NOTHING,
    "OFFBOARD_ALREADY_ON": _NOTHING,
    "ASSIGN_UNCHANGED": _NOTHING,
    "BROADCAST_DISCARDED": _NOTHING,
    "ALERT_ACK_ALREADY": _NOTHING,
    "ALREADY_ENROLLED": _NOTHING,
    "INVITE_NOT_PENDING": _NOTHING,
    "INVITE_CODE_TAKEN": _NOTHING,
    "EDIT_IGNORED": _NOTHING,
    "ALERT_STATUS_ACKED": _READ,
    "ALERT_STATUS_OPEN": _READ,
    "BROADCASTS_LINE": _READ,
    "BROADCAST_PROGRESS": _READ,
    "CASELOAD_EMPTY": _READ,
    "CONSENT_CHANGED": _READ,
    "FAQ_GONE": _READ,
    "ONCALL_STALE": _READ,
    "ONCALL_NOW": _READ,
    "STALE_BUTTON": _READ,
    "MEETING_RSVP_GONE": _READ,
    "MEETINGS_THERAPIST_ASK_TYPED": _READ,
    "PRIVACY_NOTICE": "the notice itself, shown before anything is stored",
    "TEAM_NOTICE": "the notice itself, shown before anything is stored",
    "DEACTIVATE_CONFIRM": _LABEL,
    "DELETE_CONFIRM": _LABEL,
    "MEETING_PREFS_DONE": _LABEL,
    "SAFETY_PLAN_DONE_BUTTON": _LABEL,
    "SETTINGS_DONE_BUTTON": _LABEL,
    "CONSENT_AGREE_BUTTON": _LABEL,
    "CONSENT_DECLINE_BUTTON": _LABEL,
    "CONSENT_QUESTION": _LABEL,
    "TEAM_CONSENT_QUESTION": _LABEL,
    "CONSENT_EXPIRES_UNKNOWN": _PART,
    "CONSENT_PENDING": _NOTHING,
    "ALERT_NOBODY_ONCALL_LATE_PUSH": _OUTBOX,
    "FOLLOWUP_ESCALATED": _OUTBOX,
    "MEDIA_NOTE_TO_TEAM": _OUTBOX,
    "ALERT_STATUS_ERASED": _READ,
    "REPORT_LINE": _READ,
    "FOLLOWUP_BUTTON_DONE": _LABEL,
    "FOLLOWUP_ALREADY": _NOTHING,
    "FOLLOWUP_ERASED": _READ,
    "FOLLOWUP_ERASED_PUSH": _OUTBOX,
    "THANKS_ACK": _NOTHING,
    "ALERT_ACK_TOAST": "a button's toast, answered at once as Telegram expects; the acknowledgement message waits",
    "ERASED_WORDS": "stored in place of a client's erased words, never sent as a reply",
    "CRISIS_RESUMED": "ends a mode kept in conversation state; nothing is stored that the reply promises",
}


def _in_every_language() -> list[str]:
    """Each confirmation in English and in every catalogue's translation (a reply is held in any language)."""
    english = {value: name for name, value in _named().items()}
    found = list(CONFIRMATIONS)
    for lang in catalogue.languages()[1:]:
        found += [catalogue.translate(english[t], t, lang) for t in CONFIRMATIONS if t in english]
    return found


def _named() -> dict[str, str]:
    from bot.texts import ENGLISH  # the package imports this module's siblings first

    return {name: value for name, value in ENGLISH.items() if isinstance(value, str)}


@cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    """Each template as a pattern: its literal start, anything where a {value} goes."""
    found = []
    for template in _in_every_language():
        parts = re.split(r"\{[^{}]*\}", template)
        found.append(re.compile(".*?".join(re.escape(p) for p in parts), re.DOTALL))
    return tuple(found)


def confirms(text: str) -> bool:
    """True if `text` begins with a confirmation (a reply may add more after it)."""
    return any(p.match(text) for p in _patterns())
