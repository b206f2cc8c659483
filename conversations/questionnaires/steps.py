"""The questionnaire's buttons, its draft (kept in user_data, so it survives a restart), what each step shows,
and what a typed answer gives (an option, or a count's number)."""

from __future__ import annotations

import html
import secrets
from typing import Any

from telegram import InlineKeyboardMarkup

from bot import texts
from bot.core.callbacks import CallbackData, callback
from bot.core.care_settings import BAM_FORMS
from bot.core.clock import now
from bot.domain.questionnaires.definitions import Item, Questionnaire, get
from bot.domain.questionnaires.due import QuestionnairePick
from bot.domain.questionnaires.typed import CountProblem, parse_count, parse_typed
from bot.texts import wording
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


def find(name: str, bam: str = BAM_FORMS[0]) -> Questionnaire | None:
    """The questionnaire a client named: "phq9", "PHQ-9", "gad 7"; any BAM ("bam", "bam7") is `bam`, their form."""
    said = "".join(c for c in name.casefold() if c.isalnum())
    if said.startswith("bam"):  # the clinic chooses the form, not the client (nor an old button)
        return get(bam)
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


def _choices(item: Item) -> list[tuple[str, int]]:
    """(label, value) of each button: the options, or a count's quick numbers."""
    if item.count is not None:
        return [(str(v), v) for v in item.count.quick]
    return [(o.label, o.value) for o in item.options]


def _rows(q: Questionnaire, draft: dict[str, Any], item: Item) -> list[list[tuple[str, str]]]:
    choices = _choices(item)
    buttons = [(label, QuestionnaireAnswer(draft["run"], item.id, value).pack()) for label, value in choices]
    width = 4 if all(len(label) <= 3 for label, _ in choices) else 2
    return [buttons[i : i + width] for i in range(0, len(buttons), width)]


def _is_days(item: Item) -> bool:
    return item.count is not None or all(o.label == str(o.value) for o in item.options)


def read_typed(item: Item, text: str) -> int | str:
    """The value a typed answer gives, or the note that says why it gives none (the item is asked again)."""
    if item.count is not None:
        found = parse_count(item.count, text)
        if isinstance(found, CountProblem):
            return texts.Q_COUNT_BAD[found.value].format(max=item.count.max)
        return found
    option = parse_typed(item, text)
    if option is None:
        choices = ", ".join(f"{o.value}" if o.label == str(o.value) else html.escape(o.label) for o in item.options)
        return texts.Q_BAD.format(choices=choices)
    return option.value


def question(q: Questionnaire, draft: dict[str, Any], item: Item) -> tuple[str, InlineKeyboardMarkup]:
    n = q.items.index(item) + 1
    text = texts.Q_STEP.format(
        title=html.escape(q.title),
        n=n,
        count=len(q.items),
        preamble=html.escape(q.preamble),
        text=html.escape(item.text),
    )
    if item.count is not None:
        how = texts.Q_COUNT_HOW.format(max=item.count.max)
    elif _is_days(item):
        how = texts.Q_DAYS_HOW
    else:
        how = " · ".join(f"{o.value} {html.escape(o.label)}" for o in item.options) + "\n" + texts.Q_HOW
    return f"{text}\n\n{how}", keyboard(_rows(q, draft, item))


def answer_label(item: Item, value: int) -> str:
    if item.score_of(value) is None:
        return "?"
    option = item.option(value)
    return wording.count(value, "day") if option is None or _is_days(item) else html.escape(option.label)


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


def pick_menu(offered: list[Questionnaire]) -> tuple[str, InlineKeyboardMarkup]:
    rows = [[(q.title, QuestionnairePick(q.key).pack())] for q in offered]
    return texts.Q_PICK, keyboard(rows)
