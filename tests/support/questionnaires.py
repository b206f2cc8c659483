"""Steps the questionnaire tests share: a client and their therapist, a whole form answered, the stored responses."""

from __future__ import annotations

import datetime as dt

import time_machine
from sqlalchemy import select

from bot import texts
from bot.db.models import Role
from bot.db.questionnaire_models import QuestionnaireResponse
from tests.support.checkin import tap
from tests.support.harness import Harness


async def client_with_therapist(harness: Harness, client: int, therapist: int) -> None:
    staff = await harness.enroll(therapist, Role.THERAPIST)
    await harness.enroll(client, therapist_id=staff.id)


async def answer_all(harness: Harness, client: int, name: str, at: dt.datetime) -> None:
    """`/weekly name`, every item answered with its first button (a count's "0"), then Submit."""
    with time_machine.travel(at, tick=False):
        await harness.send(client, f"/weekly {name}")
        for _ in range(30):
            labels = [label for label, _ in harness.last(client).buttons]
            if texts.Q_SUBMIT in labels:
                break
            await tap(harness, client, labels[0])
        await tap(harness, client, texts.Q_SUBMIT)


async def responses(harness: Harness) -> list[QuestionnaireResponse]:
    """Every stored response, oldest first."""
    async with harness.db.session() as s:
        return list((await s.execute(select(QuestionnaireResponse).order_by(QuestionnaireResponse.id))).scalars())
