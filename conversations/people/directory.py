"""/people: who is enrolled. Clients by code and initials with therapist, cohort and status;
staff narrow it with buttons, a therapist sees only their own clients. Every view is audited."""

from __future__ import annotations

import enum
import html

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler

from bot import texts
from bot.core.callbacks import CallbackData, InvalidCallback, callback
from bot.db.models import Role
from bot.domain.people import directory, listing
from bot.domain.people.directory import PersonView
from bot.domain.people.listing import Filter, PersonRow
from bot.domain.records import audit
from bot.services.context import AppContext
from conversations.common import Handlers, edit_or_reply, keyboard, member

LIMIT = 3800  # characters of list in one message: Telegram takes 4096, the header and the count need room


class View(enum.StrEnum):
    ALL = "all"
    PAUSED = "paused"
    UNREACHABLE = "unreachable"
    UNASSIGNED = "unassigned"
    THERAPISTS = "therapists"  # a picker, not a list
    COHORTS = "cohorts"  # a picker, not a list


@callback("ppl")
class PeopleButton(CallbackData):
    view: View


@callback("ppl.th")
class TherapistFilter(CallbackData):
    therapist_id: int


@callback("ppl.co")
class CohortFilter(CallbackData):
    cohort: str


FILTERS = {View.ALL: Filter(), View.PAUSED: Filter(paused=True), View.UNREACHABLE: Filter(unreachable=True)}
FILTERS[View.UNASSIGNED] = Filter(without_therapist=True)


def _line(r: PersonRow) -> str:
    esc = html.escape
    status = texts.PEOPLE_STATUS[r.status] + ("" if r.reachable else texts.PEOPLE_UNREACHABLE_MARK)
    if r.role is not Role.CLIENT:
        return texts.PEOPLE_TEAM_LINE.format(code=esc(r.code), name=esc(r.name or "–"), role=r.role, status=status)
    if r.therapist_code is None:
        therapist = texts.PEOPLE_NO_THERAPIST
    elif not r.therapist_working:
        therapist = texts.PEOPLE_THERAPIST_GONE.format(code=esc(r.therapist_code))
    else:
        therapist = esc(r.therapist_code)
    return texts.PEOPLE_CLIENT_LINE.format(
        code=esc(r.code),
        initials=esc(r.name or texts.PEOPLE_NO_INITIALS),
        therapist=therapist,
        cohort=esc(r.cohort or texts.PEOPLE_NO_COHORT),
        status=status,
    )


def render(title: str, rows: list[PersonRow]) -> str:
    """The list under its title, cut to fit one message with a count of what was left out."""
    lines = [title]
    size = len(title)
    for i, r in enumerate(rows):
        line = _line(r)
        if size + len(line) + 1 > LIMIT:
            lines.append(texts.PEOPLE_MORE.format(more=len(rows) - i))
            break
        lines.append(line)
        size += len(line) + 1
    if not rows:
        lines.append(texts.PEOPLE_EMPTY)
    return "\n".join(lines)


def _filters_keyboard() -> list[list[tuple[str, str]]]:
    b = texts.PEOPLE_BUTTONS
    return [
        [(b[v], PeopleButton(View(v)).pack()) for v in ("therapists", "cohorts")],
        [(b[v], PeopleButton(View(v)).pack()) for v in ("paused", "unreachable", "unassigned")],
        [(b["all"], PeopleButton(View.ALL).pack())],
    ]


async def _show(
    update: Update, context: AppContext, viewer: PersonView, f: Filter, title: str, view: str, name: str = ""
) -> None:
    """One view of the list (audited: it shows client data); `title` takes {count} and the {name} filtered on."""
    rows = await listing.rows(context.session, f)
    audit.record(context.session, "people.view", actor_person_id=viewer.id, view=view, name=name, count=len(rows))
    markup = None if viewer.role is Role.THERAPIST else keyboard(_filters_keyboard())
    await edit_or_reply(update, render(title.format(count=len(rows), name=html.escape(name)), rows), markup)


@member("people")
async def people_command(update: Update, context: AppContext, person: PersonView) -> None:
    """Lists everyone (staff, with filter buttons) or the therapist's own clients."""
    if person.role is Role.THERAPIST:
        await _show(update, context, person, Filter(therapist_id=person.id), texts.PEOPLE_TITLE["mine"], "mine")
    else:
        await _show(update, context, person, Filter(), texts.PEOPLE_TITLE["all"], "all")


async def _staff(context: AppContext, person: PersonView) -> bool:
    return person.role in (Role.STAFF, Role.ADMIN)


@member("people")
async def view_button(update: Update, context: AppContext, person: PersonView) -> None:
    """Shows one filtered view, or the picker for a therapist or a cohort (staff only)."""
    assert update.callback_query is not None
    if not await _staff(context, person):
        await edit_or_reply(update, texts.STALE_BUTTON)
        return
    view = PeopleButton.parse(update.callback_query.data).view
    if view is View.THERAPISTS:
        therapists = await directory.list_people(context.session, Role.THERAPIST)
        rows = [[(t.label, TherapistFilter(t.id).pack())] for t in therapists[:40]]
        await edit_or_reply(update, texts.PEOPLE_PICK_THERAPIST, keyboard(rows) if rows else None)
        return
    if view is View.COHORTS:
        rows = [[(c, CohortFilter(c).pack())] for c in (await directory.cohorts(context.session))[:40] if _fits(c)]
        await edit_or_reply(update, texts.PEOPLE_PICK_COHORT, keyboard(rows) if rows else None)
        return
    await _show(update, context, person, FILTERS[view], texts.PEOPLE_TITLE[view], view)


def _fits(cohort: str) -> bool:
    try:
        CohortFilter(cohort).pack()
    except InvalidCallback:
        return False
    return True


@member("people")
async def therapist_button(update: Update, context: AppContext, person: PersonView) -> None:
    """Shows one therapist's clients (staff only)."""
    assert update.callback_query is not None
    therapist = await directory.by_id(context.session, TherapistFilter.parse(update.callback_query.data).therapist_id)
    if not await _staff(context, person) or therapist is None or therapist.role is not Role.THERAPIST:
        await edit_or_reply(update, texts.STALE_BUTTON)
        return
    f = Filter(therapist_id=therapist.id)
    await _show(update, context, person, f, texts.PEOPLE_TITLE["therapist"], "therapist", therapist.label)


@member("people")
async def cohort_button(update: Update, context: AppContext, person: PersonView) -> None:
    """Shows one cohort's clients (staff only)."""
    assert update.callback_query is not None
    cohort = CohortFilter.parse(update.callback_query.data).cohort
    if not await _staff(context, person):
        await edit_or_reply(update, texts.STALE_BUTTON)
        return
    await _show(update, context, person, Filter(cohort=cohort), texts.PEOPLE_TITLE["cohort"], "cohort", cohort)


def handlers() -> Handlers:
    """This module's handlers, built for one Application."""
    return [
        CommandHandler("people", people_command),
        CallbackQueryHandler(view_button, pattern=PeopleButton.matches),
        CallbackQueryHandler(therapist_button, pattern=TherapistFilter.matches),
        CallbackQueryHandler(cohort_button, pattern=CohortFilter.matches),
    ]
