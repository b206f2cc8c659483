"""The language each person reads: chosen at the invite, offered at /start, changed with /language."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.callbacks import CallbackData, callback
from bot.db.models import Person
from bot.domain.people.directory import PersonView, view
from bot.domain.records import audit
from bot.texts import catalogue


@callback("lang")
class PickLanguage(CallbackData):
    """A language button: under /language, or on the privacy notice before enrolment."""

    code: str


def choices(exclude: str | None = None) -> list[tuple[str, str]]:
    """One button per language the bot speaks, each in its own name: (label, data)."""
    return [(catalogue.NAMES.get(c, c), PickLanguage(c).pack()) for c in catalogue.languages() if c != exclude]


async def set_language(session: AsyncSession, person_id: int, code: str) -> PersonView:
    """Store `code` as the person's language (one the bot has a catalogue for)."""
    lang = catalogue.supported(code)
    if lang is None:
        raise ValueError(f"no catalogue for language {code!r}")
    person = await session.get(Person, person_id)
    assert person is not None
    if person.language != lang:
        person.language = lang
        audit.record(session, "person.language", actor_person_id=person_id, language=lang)
    return view(person)


def first_language(invite_language: str | None, telegram_language: str | None) -> str:
    """A new person's language: the invite's, else their Telegram app's if we speak it, else the source."""
    return catalogue.supported(invite_language) or catalogue.supported(telegram_language) or catalogue.SOURCE
