"""A client's scores over time in words a therapist reads at a glance (/client CODE), and /caseload's marks.

Totals with their band and the change since the last; the BAM's three subscales in numbers and
in words (use reported or not, risk above its line, protection low); each series oldest to newest.
The BAM's 7-day and 30-day forms are separate series: their scores cover different periods, so one
line through both would show a change of form as a change in the client.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import texts
from bot.core.care_settings import BAM_FORMS
from bot.db.questionnaire_models import QuestionnaireResponse
from bot.domain.questionnaires.definitions import Questionnaire, get
from bot.domain.questionnaires.store import Result

SERIES = 6  # the last scores shown in each series


def _band_label(q: Questionnaire, key: str | None) -> str:
    band = next((b for b in q.bands if b.key == key), None)
    return texts.Q_NO_SCORE if band is None else band.label


def _series(values: list[int | None]) -> str:
    return " → ".join("–" if v is None else str(v) for v in values[-SERIES:])


def _total_lines(q: Questionnaire, results: list[Result], when: Callable[[dt.datetime], str]) -> list[str]:
    last = results[-1]
    before = results[-2].total if len(results) > 1 else None
    change = "" if before is None else texts.Q_SCORE_CHANGE.format(before=before)
    total = texts.Q_NO_SCORE if last.total is None else str(last.total)
    head = texts.Q_SCORE_TOTAL.format(
        title=html.escape(q.title),
        total=total,
        band=_band_label(q, last.band),
        change=change,
        when=when(last.submitted_at),
    )
    lines = [head]
    if len(results) > 1:
        lines.append(texts.Q_SCORE_SERIES.format(series=_series([r.total for r in results])))
    return lines


def _subscale_lines(q: Questionnaire, results: list[Result], when: Callable[[dt.datetime], str]) -> list[str]:
    last = results[-1]
    parts = []
    for s in q.subscales:
        value = last.subscales.get(s.key)
        flagged = value is not None and (
            (s.flag_at_or_above is not None and value >= s.flag_at_or_above)
            or (s.flag_at_or_below is not None and value <= s.flag_at_or_below)
        )
        words = texts.Q_BAM_WORDS.get((s.key, flagged), "")
        parts.append(texts.Q_BAM_PART.format(label=s.label, value="–" if value is None else value, words=words))
    lines = [texts.Q_BAM_LINE.format(title=html.escape(q.title), when=when(last.submitted_at), parts=" · ".join(parts))]
    if len(results) > 1:
        over = " · ".join(f"{s.label} {_series([r.subscales.get(s.key) for r in results])}" for s in q.subscales)
        lines.append(texts.Q_SCORE_SERIES.format(series=over))
    return lines


def score_lines(history: dict[str, list[Result]], when: Callable[[dt.datetime], str]) -> list[str]:
    """The questionnaires part of a client's view: a heading, then each instrument's latest and its trend."""
    lines = [texts.Q_SCORES_HEAD]
    for key, results in history.items():
        q = get(key)
        if q is None or not results:
            continue
        lines += _total_lines(q, results, when) if q.has_total else _subscale_lines(q, results, when)
    if len(lines) == 1:
        lines.append(texts.Q_SCORES_NONE)
    return lines


async def caseload_marks(session: AsyncSession, person_ids: list[int]) -> dict[int, str]:
    """For /caseload: each client's latest PHQ-9 band and BAM Risk, with an arrow for the direction."""
    if not person_ids:
        return {}
    rows = await session.execute(
        select(
            QuestionnaireResponse.person_id,
            QuestionnaireResponse.questionnaire,
            QuestionnaireResponse.total,
            QuestionnaireResponse.band,
            QuestionnaireResponse.subscales,
        )
        .where(
            QuestionnaireResponse.person_id.in_(person_ids),
            QuestionnaireResponse.questionnaire.in_(("phq9", *BAM_FORMS)),
        )
        .order_by(QuestionnaireResponse.submitted_at, QuestionnaireResponse.id)
    )
    series: dict[tuple[int, str], list[tuple[int | None, str | None]]] = {}
    bam: dict[int, str] = {}  # the BAM form each client answered last: its Risk, against its own last one
    for person_id, key, total, band, subscales in rows.tuples():
        value = total if key == "phq9" else json.loads(subscales or "{}").get("risk")
        series.setdefault((person_id, key), []).append((value, band))
        if key in BAM_FORMS:
            bam[person_id] = key
    phq = get("phq9")
    out: dict[int, str] = {}
    for person_id in person_ids:
        parts = []
        for key in ("phq9", bam.get(person_id, BAM_FORMS[0])):
            points = series.get((person_id, key), [])[-2:]
            if not points or points[-1][0] is None:
                continue
            arrow = _arrow(points)
            if key == "phq9" and phq is not None:
                parts.append(texts.Q_CASELOAD_PHQ.format(band=_band_label(phq, points[-1][1]).lower(), arrow=arrow))
            else:
                parts.append(texts.Q_CASELOAD_RISK.format(risk=points[-1][0], arrow=arrow))
        if parts:
            out[person_id] = " · ".join(parts)
    return out


def _arrow(points: list[tuple[int | None, str | None]]) -> str:
    if len(points) < 2 or points[0][0] is None or points[1][0] is None:
        return ""
    before, now_ = points[0][0], points[1][0]
    return " ↑" if now_ > before else " ↓" if now_ < before else " →"


def client_trend(history: dict[str, list[Result]]) -> list[str]:
    """For the client's /progress: each questionnaire's last scores and their direction in plain words.

    Numbers and "lower is better", never a severity label; the BAM as its Protective score (what
    helps them stay well) and whether use was reported in the latest."""
    lines = []
    for key, words in texts.Q_TREND_ABOUT.items():
        q, results = get(key), history.get(key, [])
        if q is None or not results:
            continue
        if q.has_total:
            values = [r.total for r in results[-SERIES:]]
            better_when_lower = True
        else:
            values = [r.subscales.get("protective") for r in results[-SERIES:]]
            better_when_lower = False
        shown = [v for v in values if v is not None]
        if not shown:
            continue
        line = texts.Q_TREND_LINE.format(title=html.escape(q.title), about=words, series=_series(values))
        if len(shown) > 1:
            better = shown[-1] < shown[-2] if better_when_lower else shown[-1] > shown[-2]
            worse = shown[-1] > shown[-2] if better_when_lower else shown[-1] < shown[-2]
            line += " " + (texts.Q_TREND_BETTER if better else texts.Q_TREND_WORSE if worse else texts.Q_TREND_SAME)
        if not q.has_total and (results[-1].subscales.get("use") or 0) > 0:
            line += " " + texts.Q_TREND_USE
        lines.append(line)
    return lines
