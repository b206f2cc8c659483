"""Forged, stale or unparseable button data gets one clear answer and never reaches a handler's logic."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bot import texts
from bot.db.models import Invite, Role
from conversations.faq.answers import CategoryButton
from conversations.people.invite import CohortButton, NoCohortButton, RoleButton, TherapistButton

STAFF, THERAPIST, CLIENT = 7701, 8701, 6701


async def invite_up_to_therapist(harness) -> None:  # type: ignore[no-untyped-def]
    await harness.enroll(STAFF, Role.STAFF)
    await harness.send(STAFF, "/invite")
    await harness.press(STAFF, RoleButton(Role.CLIENT).pack())
    await harness.send(STAFF, "JD")


async def invites(harness) -> int:  # type: ignore[no-untyped-def]
    async with harness.db.session() as s:
        return int(await s.scalar(select(func.count()).select_from(Invite)) or 0)


async def test_old_style_role_string(harness):
    await harness.enroll(STAFF, Role.STAFF)
    await harness.send(STAFF, "/invite")
    assert await harness.press(STAFF, "inv:role:bogus") == [texts.STALE_BUTTON]
    # The conversation is still waiting for a real choice.
    assert await harness.press(STAFF, RoleButton(Role.CLIENT).pack()) == [texts.INVITE_NAME_ASK_CLIENT]


@pytest.mark.parametrize("data", ["inv:th:abc", "1|inv.th|abc", "1|inv.th|12|3", "1|inv.th|"])
async def test_unparseable_therapist_data(harness, data):
    await invite_up_to_therapist(harness)
    assert await harness.press(STAFF, data) == [texts.STALE_BUTTON]


async def test_a_therapist_id_that_does_not_exist(harness):
    await invite_up_to_therapist(harness)
    before = await invites(harness)
    assert await harness.press(STAFF, TherapistButton(987654).pack()) == [texts.STALE_BUTTON]
    await harness.send(STAFF, "Evening")  # not taken as a cohort: the step is still "which therapist"
    assert await invites(harness) == before


async def test_a_therapist_id_that_belongs_to_a_client(harness):
    client = await harness.enroll(CLIENT)
    await invite_up_to_therapist(harness)
    assert await harness.press(STAFF, TherapistButton(client.id).pack()) == [texts.STALE_BUTTON]
    # A real therapist still works afterwards: the step was not lost.
    therapist = await harness.enroll(THERAPIST, Role.THERAPIST, display_name="Dr. R")
    replies = await harness.press(STAFF, TherapistButton(therapist.id).pack())
    assert replies == [texts.INVITE_COHORT_ASK]


async def test_a_forged_cohort(harness):
    await invite_up_to_therapist(harness)
    therapist = await harness.enroll(THERAPIST, Role.THERAPIST, display_name="Dr. R")
    await harness.press(STAFF, TherapistButton(therapist.id).pack())
    before = await invites(harness)
    assert await harness.press(STAFF, CohortButton("Nobody-made-this").pack()) == [texts.STALE_BUTTON]
    assert await invites(harness) == before  # no invite was issued for a forged cohort
    await harness.press(STAFF, NoCohortButton().pack())
    assert harness.last(STAFF).method == "sendPhoto"


async def test_faq_page_that_is_not_a_number(harness):
    await harness.enroll(CLIENT)
    category = harness.app.bot_data["services"].faq.kb.categories[0].id
    for data in (f"faq:cat:{category}:²", f"1|faqcat|{category}|²", f"1|faqcat|{category}|"):
        assert await harness.press(CLIENT, data) == [texts.STALE_BUTTON], data
    # A valid press still answers.
    assert await harness.press(CLIENT, CategoryButton(category, 0).pack()) != [texts.STALE_BUTTON]


@pytest.mark.parametrize("data", ["", "x" * 64, "2|set|zone", "1|nope", "1|consent|maybe", "1|set|zone|extra"])
async def test_any_garbage_gets_the_same_answer(harness, data):
    await harness.enroll(CLIENT)
    assert await harness.press(CLIENT, data) == [texts.STALE_BUTTON]
    assert harness.answered_callbacks()[-1].get("text") == texts.STALE_TOAST
