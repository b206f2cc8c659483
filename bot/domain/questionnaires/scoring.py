"""Scores from answers: a total and its severity band where the instrument has one, and subscales.

Answers are {item id: stored value}. Each option counts for its score; a BAM day count counts for
its 0-4 band (the 7-day form's as an option's score, the 30-day form's typed count by the band it
falls in). Unscored items (BAM 17) count for nothing. Missing items: up to `max_missing` are
pro-rated (the mean of the answered items stands in), more and the score is None.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from bot.domain.questionnaires.definitions import Band, Item, Questionnaire, Subscale


class InvalidAnswers(ValueError):
    """Answers that do not belong to the questionnaire (an unknown item or value)."""


@dataclass(frozen=True)
class SubscaleScore:
    key: str
    label: str
    value: int | None
    flagged: bool


@dataclass(frozen=True)
class Scores:
    total: int | None
    band: Band | None
    subscales: tuple[SubscaleScore, ...]
    missing: tuple[str, ...]

    def plain(self) -> dict[str, int | None]:
        """The subscales as {key: value}, as stored."""
        return {s.key: s.value for s in self.subscales}


def _item_scores(q: Questionnaire, answers: Mapping[str, int]) -> dict[str, int]:
    out = {}
    for item_id, value in answers.items():
        item = q.item(item_id)
        points = None if item is None else item.score_of(value)
        if item is None or points is None:
            raise InvalidAnswers(f"{q.key}: no answer {value!r} for item {item_id!r}")
        if item.scored:
            out[item_id] = points
    return out


def _sum(items: tuple[Item, ...], scores: Mapping[str, int], max_missing: int) -> int | None:
    answered = [scores[i.id] for i in items if i.id in scores]
    missing = len(items) - len(answered)
    if missing > max_missing or not answered:
        return None
    total = sum(answered)
    return total if not missing else round(total * len(items) / len(answered))


def _flagged(s: Subscale, value: int | None) -> bool:
    if value is None:
        return False
    return (s.flag_at_or_above is not None and value >= s.flag_at_or_above) or (
        s.flag_at_or_below is not None and value <= s.flag_at_or_below
    )


def score(q: Questionnaire, answers: Mapping[str, int]) -> Scores:
    """The questionnaire's scores for these answers (InvalidAnswers if one is not the questionnaire's)."""
    scores = _item_scores(q, answers)
    scored = tuple(i for i in q.items if i.scored)
    missing = tuple(i.id for i in q.items if i.id not in answers)
    total = _sum(scored, scores, q.max_missing) if q.has_total else None
    subs = []
    for s in q.subscales:
        members = tuple(i for i in scored if i.id in s.items)
        value = _sum(members, scores, q.max_missing)
        subs.append(SubscaleScore(s.key, s.label, value, _flagged(s, value)))
    band = None if total is None else q.band(total)
    return Scores(total, band, tuple(subs), missing)


def crisis_items(q: Questionnaire, answers: Mapping[str, int]) -> list[str]:
    """The items whose answer acts at once (PHQ-9 item 9 above "Not at all")."""
    return [i.id for i in q.items if i.id in answers and i.is_crisis(answers[i.id])]
