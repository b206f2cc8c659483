"""The privacy notice and the FAQ say what is true, checked against the permission table in code."""

from __future__ import annotations

import dataclasses
import html

import pytest
from sqlalchemy import select

from bot import texts
from bot.core.config import Settings
from bot.db.models import CareQuestion, FlagRecord, Role
from bot.domain.faq.content import load_default
from bot.domain.people import roles
from tests.support.harness import Harness

STRANGER, THERAPIST, CLIENT = 9711, 9712, 9713
CHECKIN_VIEWERS = [
    frozenset({Role.THERAPIST}),
    frozenset({Role.THERAPIST, Role.ADMIN}),
    frozenset({Role.THERAPIST, Role.STAFF, Role.ADMIN}),  # as shipped: staff see /caseload and /client
]


def _with_viewers(monkeypatch: pytest.MonkeyPatch, viewers: frozenset[Role]) -> None:
    """The permission table as if /caseload and /client were open to `viewers`."""
    table = dict(roles.BY_NAME)
    for name in roles.CHECKIN_VIEWS:
        table[name] = dataclasses.replace(table[name], roles=viewers)
    monkeypatch.setattr(roles, "BY_NAME", table)


def test_the_shipped_table_lets_staff_read_check_ins() -> None:
    assert roles.allowed(Role.STAFF, "caseload") and roles.allowed(Role.STAFF, "client")
    assert roles.checkin_readers() == {Role.THERAPIST, Role.STAFF, Role.ADMIN}


@pytest.mark.parametrize("viewers", CHECKIN_VIEWERS, ids=lambda v: "+".join(sorted(v)))
async def test_the_notice_names_exactly_the_roles_that_read_check_ins(
    harness: Harness, monkeypatch: pytest.MonkeyPatch, viewers: frozenset[Role]
) -> None:
    _with_viewers(monkeypatch, viewers)
    [shown] = await harness.send(STRANGER, "/privacy")
    who = html.unescape(shown).split("Who sees it:</b>")[1].split("can read your check-ins")[0]
    for role, name in texts.READER_NAMES.items():
        assert (name in who) is (role in viewers), (role, who)
    # Questions sent with /ask go to the therapist: /ask is a client's command, and the notice says so.
    assert roles.allowed(Role.CLIENT, "ask") and "/ask" in shown and "go to your therapist" in shown
    # A crisis-sounding message is quoted to the care team (its flag keeps the quote; see test_crisis_guard).
    assert "sounds like a crisis, I quote it to your care team" in shown
    assert "cannot read your check-ins" not in shown


def test_the_faq_privacy_answer_agrees_with_the_table() -> None:
    facts = Settings(_env_file=None).faq_facts()  # type: ignore[call-arg]
    entry = next(e for e in load_default(facts).entries if e.id == "bot-privacy")
    assert ("staff" in entry.answer) is (Role.STAFF in roles.checkin_readers())
    assert "therapist" in entry.answer and "/ask" in entry.answer
    assert "quoted to your care team" in entry.answer
    assert "not passed to your therapist" not in entry.answer


async def test_what_the_notice_says_about_crisis_messages_and_ask_is_what_happens(harness: Harness) -> None:
    """The notice's other claims on the real flow: a crisis message is quoted, /ask reaches the therapist."""
    therapist = await harness.enroll(THERAPIST, Role.THERAPIST)
    await harness.enroll(CLIENT, therapist_id=therapist.id)
    await harness.send(CLIENT, "i want to kill myself")
    await harness.send(CLIENT, "/ask can I change my group day")
    async with harness.db.session() as s:
        quoted = [f.explanation for f in (await s.execute(select(FlagRecord))).scalars()]
        asked = (await s.execute(select(CareQuestion))).scalars().all()
    assert any("i want to kill myself" in q for q in quoted), quoted
    assert [(q.text, q.therapist_id) for q in asked] == [("can I change my group day", therapist.id)]
