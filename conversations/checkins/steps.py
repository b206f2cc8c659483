"""The check-in's buttons, its draft (kept in user_data, so it survives a restart) and what each step shows."""

from __future__ import annotations

import datetime as dt
import html
import secrets
from typing import Any

from telegram import InlineKeyboardMarkup

from bot import texts
from bot.core.callbacks import CallbackData, callback
from bot.core.clock import now
from bot.domain.checkins.answers import STEPS, Step, Use, next_step
from bot.texts import dates
from conversations.common import keyboard

DRAFT = "checkin"  # user_data key of the check-in in progress
# One conversation state for the whole check-in: the step is in the draft. The state row is then
# written once when the check-in opens and once when it ends, not on every answer.
OPEN = "checkin:open"


@callback("ci.a")
class CheckinAnswer(CallbackData):
    """An answer button; `run` ties it to one check-in, so a button from an earlier one is recognised."""

    run: str
    step: Step
    value: str


@callback("ci.s")
class CheckinSave(CallbackData):
    run: str


@callback("ci.c")
class CheckinChange(CallbackData):
    run: str
    step: Step


def is_checkin_button(data: object) -> bool:
    """Any answer, save or change button, whatever check-in it came from."""
    return any(cls.matches(data) for cls in (CheckinAnswer, CheckinSave, CheckinChange))


# --- the draft -------------------------------------------------------------------------------


def new_draft(day: dt.date) -> dict[str, Any]:
    """A fresh check-in for `day`; plain JSON, as persistence stores it."""
    return {"run": secrets.token_hex(3), "day": day.isoformat(), "answers": {}, "at": _stamp()}


def _stamp() -> str:
    return now().isoformat()


def touch(draft: dict[str, Any]) -> None:
    """Restart the idle clock: the client is answering."""
    draft["at"] = _stamp()


def expired(draft: dict[str, Any], idle: dt.timedelta) -> bool:
    try:
        at = dt.datetime.fromisoformat(str(draft["at"]))
    except (KeyError, ValueError):
        return True
    return now() - at > idle


def current(draft: dict[str, Any]) -> Step | None:
    """The step being asked (one being changed, else the first unanswered), or None at the summary."""
    step = draft.get("step")
    if isinstance(step, str) and step in Step.__members__.values():
        return Step(step)
    draft.pop("step", None)  # unreadable (a draft from another release): fall back to the answers
    return next_step(draft["answers"])


def day_of(draft: dict[str, Any]) -> dt.date:
    return dt.date.fromisoformat(draft["day"])


def day_label(day: dt.date) -> str:
    return dates.long_day(day)


# --- what each step shows --------------------------------------------------------------------


def _button(draft: dict[str, Any], step: Step, label: str, value: object) -> tuple[str, str]:
    return label, CheckinAnswer(draft["run"], step, str(value)).pack()


def question(draft: dict[str, Any], step: Step) -> tuple[str, InlineKeyboardMarkup]:
    """The question of `step` with its answer buttons."""
    b = _button
    rows: list[list[tuple[str, str]]]
    if step is Step.CRAVING:
        rows = [[b(draft, step, str(n), n) for n in range(0, 6)], [b(draft, step, str(n), n) for n in range(6, 11)]]
    elif step is Step.MOOD:
        rows = [[b(draft, step, label, n) for n, label in texts.CHECKIN_MOOD_BUTTONS.items()]]
    elif step is Step.USE:
        rows = [[b(draft, step, texts.CHECKIN_USE_LABELS[u.value], u.value) for u in (Use.NO, Use.YES)]]
        rows.append([b(draft, step, texts.CHECKIN_USE_LABELS[Use.UNDISCLOSED], Use.UNDISCLOSED.value)])
    elif step is Step.SLEEP:
        rows = [[b(draft, step, label, n) for n, label in texts.CHECKIN_SLEEP_LABELS.items()]]
    elif step is Step.NOTE:
        rows = [[b(draft, step, texts.CHECKIN_SKIP, "skip")]]
    else:
        rows = [[b(draft, step, texts.CHECKIN_NO, "no"), b(draft, step, texts.CHECKIN_YES, "yes")]]
    number = STEPS.index(step) + 1
    return texts.CHECKIN_STEP.format(n=number) + texts.CHECKIN_ASK[step.value], keyboard(rows)


def answer_label(step: Step, value: Any) -> str:
    """An answer as the summary shows it (HTML-escaped)."""
    if step is Step.CRAVING:
        return str(value)
    if step is Step.MOOD:
        return texts.CHECKIN_MOOD_LABELS[int(value)]
    if step is Step.USE:
        return texts.CHECKIN_USE_LABELS[str(value)]
    if step is Step.SLEEP:
        return texts.CHECKIN_SLEEP_LABELS[int(value)]
    if step is Step.NOTE:
        return texts.CHECKIN_NO_NOTE if value is None else f"“{html.escape(str(value))}”"
    return texts.CHECKIN_YES if value else texts.CHECKIN_NO


def answers_text(draft: dict[str, Any]) -> str:
    """The six answers, one a line."""
    a = draft["answers"]
    return texts.CHECKIN_ANSWERS.format(**{s.value: answer_label(s, a[s.value]) for s in STEPS})


def summary(draft: dict[str, Any]) -> tuple[str, InlineKeyboardMarkup]:
    """All six answers, Save, and one button per answer to change it."""
    text = texts.CHECKIN_SUMMARY.format(day=day_label(day_of(draft)), answers=answers_text(draft))
    run = draft["run"]
    change = [("✏️ " + texts.CHECKIN_CHANGE[s.value], CheckinChange(run, s).pack()) for s in STEPS]
    rows = [[(texts.CHECKIN_SAVE, CheckinSave(run).pack())], change[:3], change[3:]]
    return text, keyboard(rows)


def view(draft: dict[str, Any]) -> tuple[str, InlineKeyboardMarkup]:
    """What the client should see now: the current question or the summary."""
    step = current(draft)
    return summary(draft) if step is None else question(draft, step)
