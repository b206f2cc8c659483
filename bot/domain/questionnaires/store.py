"""Submitted questionnaires: save one with its scores (answers encrypted), read a client's over time."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.core.clock import now
from bot.db.questionnaire_models import QuestionnaireResponse
from bot.domain.questionnaires.definitions import Questionnaire, get
from bot.domain.questionnaires.scoring import Scores, score
from bot.domain.records import audit


@dataclass(frozen=True)
class Saved:
    response_id: int
    scores: Scores


@dataclass(frozen=True)
class Result:
    """One submitted questionnaire as views read it (no answers: scores only)."""

    response_id: int
    questionnaire: str
    submitted_at: dt.datetime
    total: int | None
    band: str | None
    subscales: dict[str, int | None]


async def save(
    session: AsyncSession, person_id: int, q: Questionnaire, answers: Mapping[str, int], *, crisis_acted: bool = False
) -> Saved:
    """Store the answers (encrypted) and their scores; audited without content."""
    scores = score(q, answers)
    row = QuestionnaireResponse(
        person_id=person_id,
        questionnaire=q.key,
        version=q.version,
        answers=json.dumps(dict(answers), sort_keys=True),
        total=scores.total,
        band=None if scores.band is None else scores.band.key,
        subscales=json.dumps(scores.plain()) if scores.subscales else None,
        crisis_acted=crisis_acted,
        submitted_at=now(),
    )
    session.add(row)
    await session.flush()
    audit.record(
        session, "questionnaire.submitted", actor_person_id=person_id, client_person_id=person_id, questionnaire=q.key
    )
    return Saved(row.id, scores)


def _result(row: QuestionnaireResponse) -> Result:
    subs = json.loads(row.subscales) if row.subscales else {}
    return Result(row.id, row.questionnaire, row.submitted_at, row.total, row.band, subs)


async def history(session: AsyncSession, person_id: int, limit: int = 12) -> dict[str, list[Result]]:
    """The client's last `limit` results per questionnaire, oldest first."""
    rows = await session.scalars(
        select(QuestionnaireResponse)
        .where(QuestionnaireResponse.person_id == person_id)
        .order_by(QuestionnaireResponse.submitted_at.desc(), QuestionnaireResponse.id.desc())
    )
    out: dict[str, list[Result]] = {}
    for row in rows:
        kept = out.setdefault(row.questionnaire, [])
        if len(kept) < limit:
            kept.insert(0, _result(row))
    return out


def label_of(key: str) -> str:
    q = get(key)
    return key if q is None else q.title
