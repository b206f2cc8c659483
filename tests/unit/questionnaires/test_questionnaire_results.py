"""The client's result after submit: plain words for every band, never the depression severity label."""

from __future__ import annotations

import pytest

from bot.domain.questionnaires import definitions
from bot.domain.questionnaires.scoring import score
from conversations.questionnaires.engine import result_text


def _answers(total: int, items: int) -> dict[str, int]:
    out, left = {}, total
    for i in range(1, items + 1):
        out[str(i)] = min(3, left)
        left -= out[str(i)]
    return out


@pytest.mark.parametrize("total", [0, 4, 5, 9, 10, 14, 15, 19, 20, 27])
def test_phq9_results_never_name_the_band(total: int) -> None:
    q = definitions.get("phq9")
    assert q is not None
    said = result_text(q, score(q, _answers(total, 9)))
    assert said
    for band in q.bands:
        assert band.label.casefold() not in said.casefold()
    assert "depress" not in said.casefold()


def test_bam_result_thanks_for_honesty_about_use() -> None:
    q = definitions.get("bam7")
    assert q is not None
    none = {i.id: 0 for i in q.items}
    assert "use" not in result_text(q, score(q, none)).casefold()
    assert "some use" in result_text(q, score(q, none | {"4": 1}))


def test_the_30_day_bam_result_speaks_of_the_past_30_days_not_this_week() -> None:
    q = definitions.get("bam30")
    assert q is not None
    none = {i.id: 0 for i in q.items}
    assert "month to month" in result_text(q, score(q, none))
    some = result_text(q, score(q, none | {"4": 2}))
    assert "some use in the past 30 days" in some and "this week" not in some
