"""/safetyplan: written part by part, kept encrypted, survives a restart, never loses a part."""

from __future__ import annotations

import pytest
from sqlalchemy import text as sql

from bot import texts
from bot.domain.safety import plan
from bot.domain.safety.buttons import SafetyPlanDone, SafetyPlanEdit
from bot.domain.safety.plan import Section
from tests.support import tg
from tests.support.harness import Harness

CLIENT = 111
MARKER = "call my sister Dana on 555 0100"


async def test_client_writes_parts_and_sees_them_in_order(harness: Harness) -> None:
    await harness.enroll(CLIENT)
    first = await harness.send(CLIENT, "/safetyplan")
    assert first == [texts.SAFETY_PLAN_EMPTY]
    await harness.press(CLIENT, SafetyPlanEdit(section=Section.PEOPLE).pack())
    saved = await harness.send(CLIENT, MARKER)
    assert saved[0] == texts.SAFETY_PLAN_SAVED and MARKER in saved[1] and len(saved) == 2
    await harness.press(CLIENT, SafetyPlanEdit(section=Section.WARNING_SIGNS).pack())
    shown = await harness.send(CLIENT, "  not sleeping\n\n  skipping meals ")
    plan_text = shown[-1]
    assert plan_text.index("My warning signs") < plan_text.index("People I can call")
    assert "not sleeping\nskipping meals" in plan_text and MARKER in plan_text
    assert await harness.press(CLIENT, SafetyPlanDone().pack()) == [texts.SAFETY_PLAN_CLOSED]


async def test_the_plan_is_encrypted_at_rest(harness: Harness) -> None:
    person = await harness.enroll(CLIENT)
    async with harness.db.session() as s, s.begin():
        await plan.set_section(s, person.id, Section.PEOPLE, MARKER)
    async with harness.db.session() as s:
        raw = (await s.execute(sql("select safety_plan from client_profile"))).scalar_one()
        assert MARKER not in raw and "Dana" not in raw
        assert (await plan.get(s, person.id)) == {Section.PEOPLE: MARKER}


async def test_a_part_being_written_survives_a_restart(harness: Harness) -> None:
    await harness.enroll(CLIENT)
    await harness.send(CLIENT, "/safetyplan")
    await harness.press(CLIENT, SafetyPlanEdit(section=Section.REASONS).pack())
    await harness.restart()
    shown = await harness.send(CLIENT, "my kids")
    assert shown[0] == texts.SAFETY_PLAN_SAVED and "my kids" in shown[1]


async def test_stickers_are_asked_again_and_a_dash_clears_a_part(harness: Harness) -> None:
    await harness.enroll(CLIENT)
    await harness.send(CLIENT, "/safetyplan")
    await harness.press(CLIENT, SafetyPlanEdit(section=Section.COPING).pack())
    assert await harness.push(CLIENT, tg.sticker(harness.bot, CLIENT)) == [texts.SAFETY_PLAN_TEXT_ONLY]
    await harness.send(CLIENT, "a walk")
    await harness.press(CLIENT, SafetyPlanEdit(section=Section.COPING).pack())
    shown = await harness.send(CLIENT, "-")
    assert shown[-1] == texts.SAFETY_PLAN_EMPTY  # the only part was cleared


async def test_team_members_have_no_safety_plan_command(harness: Harness) -> None:
    from bot.db.models import Role

    await harness.enroll(555, Role.STAFF)
    refused = await harness.send(555, "/safetyplan")
    assert len(refused) == 1 and "/safetyplan" in refused[0]


@pytest.mark.parametrize("language", ["en", "es"])
async def test_the_part_buttons_fit_on_a_phone_whole(harness: Harness, language: str) -> None:
    """A title cut at 40 letters read "Things I can do on my own to feel a bit ": now short names, whole."""
    await harness.enroll(CLIENT, language=language)
    await harness.send(CLIENT, "/safetyplan")
    labels = [label for label, _ in harness.last(CLIENT).buttons]
    assert len(labels) == len(Section) + 1 and len(set(labels)) == len(labels), labels  # five parts and Done
    assert all(len(label) <= 24 and not label.endswith(" ") for label in labels), labels
