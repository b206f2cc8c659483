"""/people through the real Application: columns, filters, a therapist's own clients, length, audit."""

from __future__ import annotations

from sqlalchemy import select

from bot.db.models import AuditEntry, Person, Role
from conversations.people.directory import PeopleButton, TherapistFilter, View
from tests.support.harness import Harness

STAFF, THERAPIST, OTHER, C1, C2, C3 = 1101, 1102, 1103, 1104, 1105, 1106


async def _clinic(harness: Harness) -> tuple[Person, Person, list[Person]]:
    await harness.enroll(STAFF, Role.STAFF, display_name="Ana")
    rivera = await harness.enroll(THERAPIST, Role.THERAPIST, display_name="Dr. Rivera")
    lee = await harness.enroll(OTHER, Role.THERAPIST, display_name="Dr. Lee")
    c1 = await harness.enroll(C1, display_name="JD", therapist_id=rivera.id, cohort="Evening")
    c2 = await harness.enroll(C2, display_name="MK", therapist_id=lee.id, cohort="Morning")
    c3 = await harness.enroll(C3, display_name="AB")
    return rivera, lee, [c1, c2, c3]


async def _actions(harness: Harness) -> list[str]:
    async with harness.db.session() as s:
        return [a for a in (await s.execute(select(AuditEntry.action))).scalars() if a.endswith(".view")]


async def test_staff_see_initials_therapist_cohort_and_status(harness: Harness) -> None:
    rivera, _lee, (c1, c2, c3) = await _clinic(harness)
    await harness.send(C2, "/stop")
    text = (await harness.send(STAFF, "/people"))[0]
    assert f"{c1.code} · JD · {rivera.code} · Evening · active" in text
    assert f"{c2.code} · MK" in text and "Morning · paused" in text
    assert f"{c3.code} · AB · <b>needs a therapist</b> · no cohort · active" in text
    assert f"{rivera.code} · Dr. Rivera · therapist · active" in text
    labels = [label for label, _ in harness.last(STAFF).buttons]
    assert labels == ["By therapist", "By cohort", "Paused", "Unreachable", "Need a therapist", "Everyone"]
    paused = (await harness.press(STAFF, PeopleButton(View.PAUSED).pack()))[0]
    assert c2.code in paused and c1.code not in paused
    await harness.press(STAFF, PeopleButton(View.THERAPISTS).pack())
    assert ("Dr. Rivera (" + rivera.code + ")", TherapistFilter(rivera.id).pack()) in harness.last(STAFF).buttons
    theirs = (await harness.press(STAFF, TherapistFilter(rivera.id).pack()))[0]
    assert "Clients of Dr. Rivera" in theirs and c1.code in theirs and c2.code not in theirs
    assert await _actions(harness) == ["people.view"] * 3


async def test_unreachable_and_cohort_filters(harness: Harness) -> None:
    _r, _l, (c1, c2, _c3) = await _clinic(harness)
    async with harness.db.session() as s, s.begin():
        (await s.get(Person, c2.id)).reachable = False
    text = (await harness.press(STAFF, PeopleButton(View.UNREACHABLE).pack()))[0]
    assert c2.code in text and "<b>unreachable</b>" in text and c1.code not in text
    await harness.press(STAFF, PeopleButton(View.COHORTS).pack())
    (_label, evening), _morning = harness.last(STAFF).buttons
    text = (await harness.press(STAFF, evening))[0]
    assert "Cohort Evening</b> (1)" in text and c1.code in text and c2.code not in text


async def test_a_therapist_sees_only_their_own_clients_without_filters(harness: Harness) -> None:
    _r, _l, (c1, c2, c3) = await _clinic(harness)
    text = (await harness.send(THERAPIST, "/people"))[0]
    assert "Your clients</b> (1)" in text and c1.code in text and c2.code not in text and c3.code not in text
    assert harness.last(THERAPIST).buttons == []
    reply = await harness.press(THERAPIST, PeopleButton(View.ALL).pack())
    assert c2.code not in reply[0]


async def test_a_left_therapist_shows_and_long_lists_are_cut_with_a_count(harness: Harness) -> None:
    rivera, _l, (c1, _c2, _c3) = await _clinic(harness)
    async with harness.db.session() as s, s.begin():
        (await s.get(Person, rivera.id)).active = False
    text = (await harness.send(STAFF, "/people"))[0]
    assert f"{rivera.code} (<b>left or paused: needs a new therapist</b>)" in text
    need = (await harness.press(STAFF, PeopleButton(View.UNASSIGNED).pack()))[0]
    assert c1.code in need
    async with harness.db.session() as s, s.begin():
        for i in range(120):
            s.add(
                Person(
                    telegram_id=50_000 + i,
                    role=Role.CLIENT,
                    code=f"C-X{i:03d}",  # never a generated code (four digits): no clash
                    timezone="UTC",
                    display_name="ZZ",
                    consent_version=harness.settings.privacy_version,
                )
            )
    text = (await harness.send(STAFF, "/people"))[0]
    assert len(text) <= 4096 and "more: narrow the list with the buttons" in text


async def test_dead_and_faqgaps_views_are_audited(harness: Harness) -> None:
    await harness.enroll(STAFF, Role.STAFF)
    await harness.send(STAFF, "/dead")
    await harness.send(STAFF, "/faqgaps")
    assert sorted(await _actions(harness)) == ["dead.view", "faqgaps.view"]
