"""/invite inside Telegram: staff get a code, a deep link and a QR picture."""

from __future__ import annotations

from sqlalchemy import select

from bot import texts
from bot.db.models import Invite, Role
from conversations.people.invite import NoCohortButton, NoTherapistButton, RoleButton, TherapistButton
from conversations.people.start import AGREE

STAFF, ADMIN, CLIENT = 7301, 7302, 6301


async def test_staff_invites_a_client_with_therapist_and_cohort(harness):
    await harness.enroll(STAFF, Role.STAFF, display_name="Ana")
    therapist = await harness.enroll(8301, Role.THERAPIST, display_name="Dr. Rivera")
    await harness.send(STAFF, "/invite")
    assert harness.last(STAFF).buttons == [
        ("Client", RoleButton(Role.CLIENT).pack()),
        ("Therapist", RoleButton(Role.THERAPIST).pack()),
    ]
    await harness.press(STAFF, RoleButton(Role.CLIENT).pack())
    replies = await harness.send(STAFF, "John Smith the Third and more words")  # a full name: asked again
    assert "never a full name" in replies[0]
    await harness.send(STAFF, "JD")
    assert (f"Dr. Rivera ({therapist.code})", TherapistButton(therapist.id).pack()) in harness.last(STAFF).buttons
    await harness.press(STAFF, TherapistButton(therapist.id).pack())
    await harness.send(STAFF, "Evening-A")
    photo = harness.last(STAFF)
    assert photo.method == "sendPhoto"
    assert "https://t.me/iop_companion_bot?start=" in photo.text
    code = photo.text.split("<code>")[1].split("</code>")[0]
    async with harness.db.session() as s:
        invite = (await s.execute(select(Invite).where(Invite.role == "client"))).scalars().all()[-1]
        assert (invite.display_name, invite.therapist_id, invite.cohort) == ("JD", therapist.id, "Evening-A")
    # The code really enrolls the client with that profile.
    await harness.send(CLIENT, f"/start {code}")
    await harness.press(CLIENT, AGREE)
    person = await harness.person(CLIENT)
    assert person.role == "client"


async def test_staff_cannot_mint_admins(harness):
    await harness.enroll(STAFF, Role.STAFF)
    await harness.send(STAFF, "/invite")
    replies = await harness.press(STAFF, RoleButton(Role.ADMIN).pack())
    assert "only for admins" in replies[0]


async def test_admin_invites_staff(harness):
    await harness.enroll(ADMIN, Role.ADMIN, display_name="Boss")
    await harness.send(ADMIN, "/invite")
    await harness.press(ADMIN, RoleButton(Role.STAFF).pack())
    await harness.send(ADMIN, "Kim")
    assert harness.last(ADMIN).method == "sendPhoto"
    assert "(staff)" in harness.last(ADMIN).text


async def test_client_code_from_the_clinic_becomes_the_person_code(harness):
    """Typing the clinic's client code uses it as the bot's code; a code in use is refused."""
    await harness.enroll(STAFF, Role.STAFF)
    for attempt in range(2):
        await harness.send(STAFF, "/invite")
        await harness.press(STAFF, RoleButton(Role.CLIENT).pack())
        await harness.send(STAFF, "c-1042")
        await harness.press(STAFF, NoTherapistButton().pack())
        replies = await harness.press(STAFF, NoCohortButton().pack())
        if attempt == 0:
            assert "Enrollment code for C-1042" in harness.last(STAFF).text
            code = harness.last(STAFF).text.split("<code>")[1].split("</code>")[0]
            await harness.send(CLIENT, f"/start {code}")
            await harness.press(CLIENT, AGREE)
            assert (await harness.person(CLIENT)).code == "C-1042"
        else:
            assert replies == [
                "C-1042 is already in use by another person. Send /invite to start again with another code or initials."
            ]


async def test_client_full_name_is_refused_with_a_reason(harness):
    """Clients are named by initials or clinic code only: a full name is refused and asked again."""
    await harness.enroll(STAFF, Role.STAFF, display_name="Ana")
    await harness.send(STAFF, "/invite")
    await harness.press(STAFF, RoleButton(Role.CLIENT).pack())
    replies = await harness.send(STAFF, "John Smith")
    assert "initials (1 to 4 letters" in replies[0] and "never a full name" in replies[0]
    assert "Assign a therapist" in (await harness.send(STAFF, "c-2044"))[0]


async def test_code_is_sent_as_text_when_the_qr_picture_fails(harness):
    """A failing QR picture does not lose the code: it comes as text, and the invite is kept."""
    await harness.enroll(ADMIN, Role.ADMIN, display_name="Al")
    harness.req.faults.add(400, count=1, method="sendPhoto", description="Bad Request: failed to send photo")
    await harness.send(ADMIN, "/invite")
    await harness.press(ADMIN, RoleButton(Role.STAFF).pack())
    replies = await harness.send(ADMIN, "Sam Lee")
    assert "<code>" in replies[-1] and "QR picture could not be sent" in replies[-1]
    code = replies[-1].split("<code>")[1].split("</code>")[0]
    await harness.send(7399, f"/start {code}")
    await harness.press(7399, AGREE)
    assert (await harness.person(7399)).role == "staff"


async def test_invites_lists_pending_and_revoke_frees_the_client_code(harness):
    """/invites shows pending codes with Revoke; a revoked code stops working and its client code is free."""
    await harness.enroll(STAFF, Role.STAFF, display_name="Ana")
    issued = await harness.invite(Role.CLIENT, person_code="C-3001", display_name="AB")
    listing = await harness.send(STAFF, "/invites")
    assert "C-3001 (AB) · client" in listing[0]
    ((_label, data),) = [b for b in harness.last(STAFF).buttons if "C-3001" in b[0]]
    assert (await harness.press(STAFF, data))[0].startswith("The code for C-3001 is revoked")
    assert "no longer pending" in (await harness.press(STAFF, data))[0]
    assert (await harness.send(CLIENT, f"/start {issued.code}")) == [texts.CODE_EXPIRED]  # "no longer valid"
    again = await harness.invite(Role.CLIENT, person_code="C-3001")  # would raise if still taken
    assert again.person_code == "C-3001"
    assert (await harness.send(STAFF, "/invites"))[0].count("C-3001") == 1
