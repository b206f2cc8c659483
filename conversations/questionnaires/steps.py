"""The questionnaire's buttons, its draft (kept in user_data, so it survives a restart) and what each step shows."""

from __future__ import annotations

import html
import secrets
from typing import Any

from telegram import InlineKeyboardMarkup

from bot import texts
from bot.core.callbacks import CallbackData, callback
from bot.core.clock import now
from bot.domain.questionnaires.definitions import Item, Questionnaire, all_questionnaires, get
from bot.domain.questionnaires.due import QuestionnairePick
from conversations.common import keyboard

DRAFT = "questionnaire"  # user_data key of the questionnaire in progress
OPEN = "questionnaire:open"  # one state: the item being asked is in the draft


@callback("qn.a")
class QuestionnaireAnswer(CallbackData):
    """An answer button; `run` ties it to one questionnaire, so one from an earlier run is recognised."""

    run: str
    item: str
    value: int


@callback("qn.s")
class QuestionnaireSubmit(CallbackData):
    run: str


@callback("qn.c")
class QuestionnaireChange(CallbackData):
    run: str
    item: str


BUTTONS = (QuestionnaireAnswer, QuestionnaireSubmit, QuestionnaireChange)


def is_questionnaire_button(data: object) -> bool:
    return any(cls.matches(data) for cls in BUTTONS)


def find(name: str) -> Questionnaire | None:
    """The questionnaire a client named: "phq9", "PHQ-9", "gad 7", "bam"."""
    said = "".join(c for c in name.casefold() if c.isalnum())
    return get(said) or get(said + "7") if said else None


def new_draft(q: Questionnaire) -> dict[str, Any]:
    return {"run": secrets.token_hex(3), "key": q.key, "answers": {}, "at": now().isoformat()}


def questionnaire_of(draft: dict[str, Any]) -> Questionnaire | None:
    return get(str(draft.get("key")))


def current(q: Questionnaire, draft: dict[str, Any]) -> Item | None:
    """The item being asked (one being changed, else the first unanswered), or None at the summary."""
    step = draft.get("step")
    if isinstance(step, str) and q.item(step) is not None:
        return q.item(step)
    draft.pop("step", None)
    return next((i for i in q.items if i.id not in draft["answers"]), None)


def _rows(q: Questionnaire, draft: dict[str, Any], item: Item) -> list[list[tuple[str, str]]]:
    buttons = [(o.label, QuestionnaireAnswer(draft["run"], item.id, o.value).pack()) for o in item.options]
    width = 4 if all(len(o.label) <= 3 for o in item.options) else 2
    return [buttons[i : i + width] for i in range(0, len(buttons), width)]


def _is_days(item: Item) -> bool:
    return all(o.label == str(o.value) for o in item.options)


def question(q: Questionnaire, draft: dict[str, Any], item: Item) -> tuple[str, InlineKeyboardMarkup]:
    n = q.items.index(item) + 1
    text = texts.Q_STEP.format(
        title=html.escape(q.title),
        n=n,
        count=len(q.items),
        preamble=html.escape(q.preamble),
        text=html.escape(item.text),
    )
    if _is_days(item):
        how = texts.Q_DAYS_HOW
    else:
        how = " · ".join(f"{o.value} {html.escape(o.label)}" for o in item.options) + "\n" + texts.Q_HOW
    return f"{text}\n\n{how}", keyboard(_rows(q, draft, item))


def answer_label(item: Item, value: int) -> str:
    option = item.option(value)
    if option is None:
        return "?"
    return texts.Q_DAYS_ANSWER.format(days=value) if _is_days(item) else html.escape(option.label)


def summary(q: Questionnaire, draft: dict[str, Any]) -> tuple[str, InlineKeyboardMarkup]:
    """Every answer, Submit, and one button per item to change it."""
    lines = [
        texts.Q_SUMMARY_LINE.format(n=n, answer=answer_label(i, int(draft["answers"][i.id])))
        for n, i in enumerate(q.items, 1)
    ]
    run = draft["run"]
    change = [(texts.Q_CHANGE.format(n=n), QuestionnaireChange(run, i.id).pack()) for n, i in enumerate(q.items, 1)]
    rows = [[(texts.Q_SUBMIT, QuestionnaireSubmit(run).pack())], *[change[i : i + 5] for i in range(0, len(change), 5)]]
    return texts.Q_SUMMARY.format(title=html.escape(q.title), lines="\n".join(lines)), keyboard(rows)


def view(q: Questionnaire, draft: dict[str, Any]) -> tuple[str, InlineKeyboardMarkup]:
    item = current(q, draft)
    return summary(q, draft) if item is None else question(q, draft, item)


def pick_menu() -> tuple[str, InlineKeyboardMarkup]:
    rows = [[(q.title, QuestionnairePick(q.key).pack())] for q in all_questionnaires().values()]
    return texts.Q_PICK, keyboard(rows)
