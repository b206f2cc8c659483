"""/meetings, adding a series step by step: title, kind, audience (client and therapist), first date, repeat,
length, place, preview."""

from __future__ import annotations

import datetime as dt
from typing import Any

from telegram import Update
from telegram.ext import CallbackQueryHandler, MessageHandler, filters

from bot import texts
from bot.core.callbacks import CallbackData, callback
from bot.core.clock import now
from bot.core.errors import ValidationFailed
from bot.db.models import Role
from bot.domain.care import assignment
from bot.domain.meetings import audience, changes, forms, schedule
from bot.domain.meetings.schedule import Series
from bot.domain.people import directory
from bot.domain.people.directory import PersonView
from bot.services.context import AppContext
from conversations.common import END, STRAY, Handlers, edit_or_reply, fmt, keyboard, member, not_crisis_words, reply
from conversations.meetings.common import (
    AUDIENCE,
    CLIENT,
    CONFIRM,
    DURATION,
    KIND,
    PLACE,
    REPEAT,
    START,
    THERAPIST,
    TITLE,
    example_time,
    meeting_draft,
    new_draft,
    occurrence_text,
    time_examples,
    typed_step,
    typed_when,
)


@callback("mt.pick")
class Pick(CallbackData):
    """A choice in the add flow: kind, audience, cohort (by index), repeat, skip place."""

    field: str
    value: str


@callback("mt.save")
class Save(CallbackData):
    ok: bool


def _choices(field: str, options: list[tuple[str, str]]) -> Any:
    return keyboard([[(label, Pick(field=field, value=value).pack())] for label, value in options])


@member("meetings")
async def add_start(update: Update, context: AppContext, person: PersonView) -> str:
    """Asks for the title of a new series."""
    new_draft(context)
    await edit_or_reply(update, texts.MEETINGS_TITLE_ASK)
    return TITLE


@not_crisis_words
@member("meetings")
async def add_title(update: Update, context: AppContext, person: PersonView) -> str:
    """Stores the title and asks for the kind."""
    assert update.message is not None and update.message.text is not None
    try:
        meeting_draft(context)["title"] = forms.title(update.message.text)
    except ValidationFailed:
        await reply(update, texts.MEETINGS_TITLE_BAD)
        return TITLE
    await reply(update, texts.MEETINGS_KIND_ASK, _choices("kind", [(k.capitalize(), k) for k in schedule.KINDS]))
    return KIND


@member("meetings")
async def add_pick(update: Update, context: AppContext, person: PersonView) -> str | int:
    """Takes a button choice of the add flow and asks the next question."""
    assert update.callback_query is not None
    data = Pick.parse(update.callback_query.data)
    draft = meeting_draft(context)
    if data.field == "kind" and data.value in schedule.KINDS:
        draft["kind"] = data.value
        options = [(texts.MEETING_AUDIENCE_LABEL[a], a) for a in schedule.AUDIENCES]
        await edit_or_reply(update, texts.MEETINGS_AUDIENCE_ASK, _choices("audience", options))
        return AUDIENCE
    if data.field == "audience" and data.value == "cohort":
        cohorts = await changes.known_cohorts(context.session)
        draft["cohorts"] = cohorts
        ask = texts.MEETINGS_COHORT_ASK if cohorts else texts.MEETINGS_NO_COHORTS
        await edit_or_reply(update, ask, _choices("cohort", [(c, str(i)) for i, c in enumerate(cohorts)]))
        return AUDIENCE
    if data.field == "audience" and data.value == "client":
        draft["audience"] = "client"
        await edit_or_reply(update, texts.MEETINGS_CLIENT_ASK)
        return CLIENT
    if data.field in ("audience", "cohort"):
        if data.field == "cohort":
            cohorts = draft.get("cohorts", [])
            index = int(data.value) if data.value.isdigit() else -1
            if not 0 <= index < len(cohorts):
                await reply(update, texts.STALE_BUTTON)
                return END
            draft["audience"], draft["cohort"] = "cohort", cohorts[index]
        else:
            draft["audience"] = "all"
        return await _ask_start(update, context)
    if data.field == "repeat" and data.value in forms.REPEATS:
        return await _take_repeat(update, context, data.value)
    if data.field == "place":
        draft["place"] = ""
        return await _preview(update, context)
    at_therapist = draft.get("kind") == "individual" and "client_id" in draft and "start" not in draft
    if data.field == "therapist" and at_therapist and data.value.isascii() and data.value.isdigit():
        found = await directory.by_id(context.session, int(data.value))
        if found is None or found.role is not Role.THERAPIST or not found.active:
            await reply(update, texts.STALE_BUTTON)
            return THERAPIST  # still asking: a code can be typed
        draft["therapist_id"], draft["therapist_code"] = found.id, found.code
        return await _ask_start(update, context)
    await reply(update, texts.STALE_BUTTON)
    return END


async def _ask_start(update: Update, context: AppContext) -> str:
    await edit_or_reply(update, fmt(texts.MEETINGS_START_ASK, **time_examples(context)))
    return START


@not_crisis_words
@member("meetings")
async def add_cohort_text(update: Update, context: AppContext, person: PersonView) -> str:
    """Takes a typed cohort name (one with no clients yet is fine) and asks for the first date."""
    assert update.message is not None and update.message.text is not None
    draft = meeting_draft(context)
    name = " ".join(update.message.text.split())
    if "cohorts" not in draft:  # the audience buttons are showing: a name is not an answer to them
        await reply(update, texts.USE_BUTTONS_MEETING_AUDIENCE)
        return AUDIENCE
    if not audience.COHORT_NAME.match(name):
        await reply(update, texts.MEETINGS_COHORT_BAD)
        return AUDIENCE
    known = {c.casefold(): c for c in draft["cohorts"]}
    draft["audience"], draft["cohort"] = "cohort", known.get(name.casefold(), name)
    return await _ask_start(update, context)


@not_crisis_words
@member("meetings")
async def add_client(update: Update, context: AppContext, person: PersonView) -> str:
    """Takes the client's code for an individual meeting."""
    assert update.message is not None and update.message.text is not None
    code = update.message.text.strip().upper()
    found = next((p for p in await directory.list_people(context.session, Role.CLIENT) if p.code == code), None)
    if found is None:
        await reply(update, fmt(texts.MEETINGS_CLIENT_BAD, code=code[:16]))
        return CLIENT
    meeting_draft(context).update(client_id=found.id, client_code=found.code)
    if meeting_draft(context).get("kind") != "individual":
        return await _ask_start(update, context)
    theirs = await directory.assigned_therapist(context.session, found.id)
    if theirs is None:
        await reply(update, fmt(texts.MEETINGS_THERAPIST_ASK_TYPED, client=found.code))
    else:
        label = fmt(texts.MEETINGS_THERAPIST_THEIRS, code=theirs.code)
        await reply(update, texts.MEETINGS_THERAPIST_ASK, _choices("therapist", [(label, str(theirs.id))]))
    return THERAPIST


@not_crisis_words
@member("meetings")
async def add_therapist(update: Update, context: AppContext, person: PersonView) -> str:
    """Takes a typed therapist's code for an individual appointment."""
    assert update.message is not None and update.message.text is not None
    found = await assignment.find_therapist(context.session, update.message.text)
    if found is None:
        await reply(update, fmt(texts.MEETINGS_THERAPIST_BAD, code=update.message.text.strip().upper()[:16]))
        return THERAPIST
    meeting_draft(context).update(therapist_id=found.id, therapist_code=found.code)
    return await _ask_start(update, context)


@not_crisis_words
@member("meetings")
async def add_when(update: Update, context: AppContext, person: PersonView) -> str:
    """Takes the first date and time and asks how often it repeats."""
    assert update.message is not None and update.message.text is not None
    try:
        wall = typed_when(context, update.message.text)
    except ValidationFailed:
        await reply(update, fmt(texts.MEETINGS_TIME_BAD, **time_examples(context)))
        return START
    meeting_draft(context)["start"] = wall.isoformat()
    await reply(
        update,
        texts.MEETINGS_REPEAT_ASK,
        _choices("repeat", [(texts.MEETING_REPEAT_LABEL[r], r) for r in forms.REPEATS]),
    )
    return REPEAT


@not_crisis_words
@member("meetings")
async def add_rule_text(update: Update, context: AppContext, person: PersonView) -> str:
    """Takes a typed recurrence rule."""
    assert update.message is not None and update.message.text is not None
    return await _take_repeat(update, context, update.message.text.strip())


async def _take_repeat(update: Update, context: AppContext, choice: str) -> str:
    draft = meeting_draft(context)
    start = dt.datetime.fromisoformat(draft["start"])
    try:
        draft["rrule"] = forms.repeat_rule(choice, start)
    except ValidationFailed as exc:
        await reply(update, str(exc))  # a sentence of the project's own, never a parser's message
        return REPEAT
    if update.callback_query:
        await edit_or_reply(update, texts.MEETINGS_DURATION_ASK)
        return DURATION
    read = fmt(texts.MEETINGS_REPEAT_READ, when=forms.describe_repeat(draft["rrule"], start))
    await reply(update, f"{read}\n{texts.MEETINGS_DURATION_ASK}")
    return DURATION


@not_crisis_words
@member("meetings")
async def add_duration(update: Update, context: AppContext, person: PersonView) -> str:
    """Takes the length in minutes and asks where."""
    assert update.message is not None and update.message.text is not None
    try:
        meeting_draft(context)["minutes"] = forms.minutes(update.message.text)
    except ValidationFailed:
        await reply(update, texts.MEETINGS_DURATION_BAD)
        return DURATION
    await reply(update, texts.MEETINGS_PLACE_ASK, _choices("place", [(texts.SKIP, "skip")]))
    return PLACE


@not_crisis_words
@member("meetings")
async def add_place(update: Update, context: AppContext, person: PersonView) -> str:
    """Takes the place or link and shows the preview."""
    assert update.message is not None and update.message.text is not None
    meeting_draft(context)["place"] = update.message.text.strip()[:300]
    return await _preview(update, context)


def _series(draft: dict[str, Any], zone: str) -> Series:
    place, link = forms.place(draft.get("place", ""))
    kind = draft["kind"]
    return Series(
        id=0,
        uid="",
        title=draft["title"],
        public_title=changes.public_default(kind),
        kind=kind,
        rrule=draft.get("rrule", ""),
        starts_local=dt.datetime.fromisoformat(draft["start"]),
        timezone=zone,
        duration=dt.timedelta(minutes=draft["minutes"]),
        place=place,
        link=link,
        audience=draft.get("audience", "all"),
        cohort=draft.get("cohort", ""),
        client_id=draft.get("client_id"),
        therapist_id=draft.get("therapist_id"),
    )


async def _preview(update: Update, context: AppContext) -> str:
    draft = meeting_draft(context)
    zone = context.services.settings.clinic_timezone
    s = _series(draft, zone)
    first = schedule.expand(s, [], now(), now() + dt.timedelta(days=366))[:3]
    dates = "\n".join(f"• {occurrence_text(o, context)}" for o in first) or "• (none in the coming year)"
    text = fmt(
        texts.MEETINGS_PREVIEW,
        title=s.title,
        kind=s.kind,
        public=s.public_title,
        when=forms.describe_when(s),
        minutes=draft["minutes"],
        audience=forms.describe_audience(s, draft.get("client_code", ""), draft.get("therapist_code", "")),
        where=f" · {s.where}" if s.where else "",
        dates=dates,
    )
    rows = [[(texts.MEETINGS_SAVE, Save(ok=True).pack()), (texts.MEETINGS_DISCARD, Save(ok=False).pack())]]
    await edit_or_reply(update, text, keyboard(rows)) if update.callback_query else await reply(
        update, text, keyboard(rows)
    )
    return CONFIRM


@member("meetings")
async def add_save(update: Update, context: AppContext, person: PersonView) -> int:
    """Saves the new series (or discards it)."""
    assert update.callback_query is not None
    draft = dict(meeting_draft(context))
    new_draft(context)  # used up, saved or not
    if not Save.parse(update.callback_query.data).ok or "minutes" not in draft:
        await edit_or_reply(update, texts.MEETINGS_DISCARDED)
        return END
    try:
        sid = await changes.create_series(
            context.session, _series(draft, context.services.settings.clinic_timezone), person.id, now()
        )
    except ValidationFailed as exc:
        await edit_or_reply(update, fmt(texts.MEETINGS_REFUSED, reason=str(exc)))
        return END
    await edit_or_reply(update, fmt(texts.MEETINGS_SAVED, sid=sid))
    return END


def _start_type(context: AppContext) -> str:
    return fmt(texts.MEETINGS_START_TYPE, example=example_time(context), zone=context.services.settings.clinic_timezone)


def states() -> dict[object, Handlers]:
    """The add flow's steps for the /meetings conversation; a sticker at a typed step is told what to type.

    Crisis words about the writer are never a meeting's title, client, time or place (`not_crisis_words`).
    """
    typed = filters.TEXT & ~filters.COMMAND
    pick = CallbackQueryHandler(add_pick, pattern=Pick.matches)
    return {
        TITLE: [MessageHandler(typed, add_title), MessageHandler(STRAY, typed_step(texts.MEETINGS_TITLE_TYPE))],
        KIND: [pick],
        AUDIENCE: [pick, MessageHandler(typed, add_cohort_text)],
        CLIENT: [MessageHandler(typed, add_client), MessageHandler(STRAY, typed_step(texts.MEETINGS_CLIENT_TYPE))],
        THERAPIST: [
            pick,
            MessageHandler(typed, add_therapist),
            MessageHandler(STRAY, typed_step(texts.MEETINGS_THERAPIST_TYPE)),
        ],
        START: [MessageHandler(typed, add_when), MessageHandler(STRAY, typed_step(_start_type))],
        REPEAT: [pick, MessageHandler(typed, add_rule_text)],
        DURATION: [
            MessageHandler(typed, add_duration),
            MessageHandler(STRAY, typed_step(texts.MEETINGS_DURATION_TYPE)),
        ],
        PLACE: [pick, MessageHandler(typed, add_place), MessageHandler(STRAY, typed_step(texts.MEETINGS_PLACE_TYPE))],
        CONFIRM: [CallbackQueryHandler(add_save, pattern=Save.matches)],
    }
