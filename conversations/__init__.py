"""Telegram handlers, one module per conversation or role. `register` wires them in order."""

from __future__ import annotations

from bot.services.context import AnyApplication
from conversations import data_rights, errors, fallback, help, one_at_a_time, outbox_admin, settings
from conversations.care import alert_list, alert_reply, alerts, assign, caseload, followups, oncall, report
from conversations.care import questions as care_questions
from conversations.checkins import checkin, progress
from conversations.coping import check_back, craving, med_proposals, toolbox
from conversations.coping import meds as medication
from conversations.faq import admin as faq_admin
from conversations.faq import answers as faq
from conversations.meetings import attendance, broadcast, closures, schedule
from conversations.meetings import menu as meetings
from conversations.people import directory as people
from conversations.people import invite, language, membership, offboarding, pending_invites, privacy, start, unlock
from conversations.questionnaires import cohorts as questionnaire_cohorts
from conversations.questionnaires import engine as questionnaires
from conversations.rewards import balance as rewards
from conversations.rewards import staff as reward_entries
from conversations.safety import crisis, screen_review
from conversations.safety import plan as safety_plan


def register(app: AnyApplication) -> None:
    # Group -2: keep the bot out of groups and channels (every update type) before anything
    # reads a word, and answer
    # button data this bot never built before any handler sees it.
    app.add_handlers(fallback.guard(), group=-2)
    # Group -3, before both: speak the writer's language for the rest of the update.
    app.add_handlers(language.reader_handlers(), group=-3)
    # Group -1: the crisis screen sees every private text, caption and edit first, answers at
    # once, and lets the update go on to the conversation the person is in.
    app.add_handlers(crisis.guard_handlers(), group=-1)
    # Group 0: edits first (they are never read as a step or a command: one rule, a short
    # note), voice notes and videos next (the bot can't hear them: the crisis lines, whatever
    # step is open), then conversations (they claim updates in their states), then plain commands,
    # then the catch-alls that answer whatever nobody else took. Before them all, the one that closes
    # an open conversation when another starts (two open ones fight over every typed word).
    app.add_handlers(
        one_at_a_time.handlers(app)
        + fallback.edits()
        + fallback.spoken()
        + care_questions.handlers()  # before the other steps: the message after /ask is the question
        + checkin.handlers()
        + questionnaires.handlers()
        + settings.handlers()
        + invite.handlers()
        + faq.handlers()
        + language.handlers()
        + safety_plan.handlers()
        + alert_reply.handlers()
        + meetings.handlers()
        + broadcast.handlers()
        + craving.handlers()  # after the other conversations: craving talk in their steps stays theirs
        + medication.handlers()
    )
    app.add_handlers(
        alerts.handlers()
        + alert_list.handlers()
        + followups.handlers()
        + oncall.handlers()
        + report.handlers()
        + questionnaire_cohorts.handlers()
        + assign.handlers()
        + caseload.handlers()
        + crisis.handlers()
        + screen_review.handlers()
        + start.handlers()
        + privacy.handlers()
        + help.handlers()
        + outbox_admin.handlers()
        + membership.handlers()
        + offboarding.handlers()
        + pending_invites.handlers()
        + people.handlers()
        + faq_admin.handlers()
        + progress.handlers()
        + toolbox.handlers()
        + check_back.handlers()
        + med_proposals.handlers()
        + data_rights.handlers()
        + schedule.handlers()
        + attendance.handlers()
        + closures.handlers()
        + rewards.handlers()
        + reward_entries.handlers()
        + unlock.handlers()
    )
    app.add_handlers(fallback.handlers())
    app.add_error_handler(errors.on_error)
