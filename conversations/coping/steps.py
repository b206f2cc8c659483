"""The craving flow's buttons, its draft (in user_data, so a restart resumes it) and what each stage shows."""

from __future__ import annotations

import datetime as dt
import enum
import secrets
from typing import Any

from telegram import InlineKeyboardMarkup

from bot import texts
from bot.core.callbacks import CallbackData, callback
from bot.core.clock import now
from bot.domain.coping.tools import PLAN_STEPS, Tool
from conversations.common import keyboard

DRAFT = "craving"  # user_data key of the flow in progress
OPEN = "craving:open"  # one conversation state; the stage is in the draft
IDLE = dt.timedelta(minutes=60)  # a flow untouched this long is over: the next message is read afresh
AUTO = "auto"  # CravingTool.tool: let the bot choose


class Stage(enum.StrEnum):
    BEFORE = "before"  # rating the craving
    PICK = "pick"  # choosing a tool
    TOOL = "tool"  # going through the tool's steps
    AFTER = "after"  # rating it again


@callback("cr.go")
class CravingStart(CallbackData):
    """The "I'm craving" button (under a crisis reply, or anywhere the flow is offered)."""


@callback("cr.r")
class CravingRate(CallbackData):
    run: str
    stage: Stage
    value: int


@callback("cr.t")
class CravingTool(CallbackData):
    run: str
    tool: str


@callback("cr.n")
class CravingNext(CallbackData):
    run: str
    step: int


@callback("cr.x")
class CravingDone(CallbackData):
    run: str


RUN_BUTTONS = (CravingRate, CravingTool, CravingNext, CravingDone)


@callback("cr.l")
class CravingLater(CallbackData):
    """A rating on the check back 15 minutes after (conversations/coping/check_back.py); no run: it
    outlives the flow, and is tied to the stored use instead."""

    use: int
    value: int


def check_back_buttons(use_id: int) -> list[list[tuple[str, str]]]:
    """0–10 in two rows, then the way back into the flow."""
    row = [(str(n), CravingLater(use_id, n).pack()) for n in range(11)]
    return [row[:6], row[6:], [(texts.COPING_START_BUTTON, CravingStart().pack())]]


def is_craving_button(data: object) -> bool:
    """A button of some craving flow (not the start button), whatever run it came from."""
    return any(cls.matches(data) for cls in RUN_BUTTONS)


def run_of(data: object) -> str | None:
    for cls in RUN_BUTTONS:
        button = cls.try_parse(data)
        if button is not None:
            return str(button.run)
    return None


# --- the draft -------------------------------------------------------------------------------


def new_draft() -> dict[str, Any]:
    return {"run": secrets.token_hex(3), "stage": Stage.BEFORE.value, "started": now().isoformat(), "at": _stamp()}


def _stamp() -> str:
    return now().isoformat()


def touch(draft: dict[str, Any]) -> None:
    draft["at"] = _stamp()


def expired(draft: dict[str, Any]) -> bool:
    try:
        return now() - dt.datetime.fromisoformat(str(draft["at"])) > IDLE
    except (KeyError, ValueError):
        return True


def stage(draft: dict[str, Any]) -> Stage:
    value = str(draft.get("stage"))
    return Stage(value) if value in Stage._value2member_map_ else Stage.BEFORE


# --- what each stage shows -------------------------------------------------------------------


def rating(draft: dict[str, Any], which: Stage) -> tuple[str, InlineKeyboardMarkup]:
    run = draft["run"]
    row = [(str(n), CravingRate(run, which, n).pack()) for n in range(11)]
    ask = texts.COPING_ASK_BEFORE if which is Stage.BEFORE else texts.COPING_ASK_AFTER
    return ask, keyboard([row[:6], row[6:]])


def choices(draft: dict[str, Any], tools: dict[str, Tool]) -> tuple[str, InlineKeyboardMarkup]:
    run = draft["run"]
    rows = [[(t.name, CravingTool(run, key).pack())] for key, t in tools.items()]
    rows.append([(texts.COPING_PICK_FOR_ME, CravingTool(run, AUTO).pack())])
    return texts.COPING_PICK.format(before=draft["before"]), keyboard(rows)


def tool_step(draft: dict[str, Any], tool: Tool, plan: dict[str, str]) -> tuple[str, InlineKeyboardMarkup]:
    """The current step of the tool, with Next (or, at the last step, only "I'm done"); `plan` fills the
    steps that show a part of the client's safety plan."""
    run, n = draft["run"], int(draft.get("step", 0))
    body = tool.steps[n]
    text = plan.get(body, "") if body in PLAN_STEPS else body
    shown = texts.COPING_STEP.format(name=tool.name, n=n + 1, total=len(tool.steps), text=text)
    buttons = [(texts.COPING_DONE_BUTTON, CravingDone(run).pack())]
    if n + 1 < len(tool.steps) and tool.pace is None:  # a paced tool's next step comes on its own
        buttons.insert(0, (texts.COPING_NEXT, CravingNext(run, n + 1).pack()))
    return shown, keyboard([buttons])


def paced_steps(draft: dict[str, Any], tool: Tool) -> list[tuple[str, list[list[tuple[str, str]]]]]:
    """Steps 2.. of a paced tool as outbox messages, each with "I'm done" (a paced tool shows no plan)."""
    done = [[(texts.COPING_DONE_BUTTON, CravingDone(draft["run"]).pack())]]
    total = len(tool.steps)
    return [
        (texts.COPING_STEP.format(name=tool.name, n=n + 1, total=total, text=tool.steps[n]), done)
        for n in range(1, total)
    ]


def paced_status(draft: dict[str, Any], tool: Tool) -> tuple[str, InlineKeyboardMarkup]:
    """Shown again mid-sequence (words typed, a stale button): where we are, and the way out."""
    text = texts.COPING_PACED_STATUS.format(name=tool.name)
    return text, keyboard([[(texts.COPING_DONE_BUTTON, CravingDone(draft["run"]).pack())]])


def start_button() -> InlineKeyboardMarkup:
    return keyboard([[(texts.COPING_START_BUTTON, CravingStart().pack())]])
