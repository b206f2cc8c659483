"""The scores' chart for /client: a panel per instrument answered, totals over shaded severity bands,
the BAM's subscales as lines with its marking lines, at phone size."""

from __future__ import annotations

import datetime as dt
import math
import struct

from bot.domain.questionnaires.chart import figure, render
from bot.domain.questionnaires.store import Result

T0 = dt.datetime(2027, 1, 11, 23, 30, tzinfo=dt.UTC)


def _results(key: str, values: list[dict[str, int | None]]) -> list[Result]:
    out = []
    for n, v in enumerate(values):
        total = v.get("total")
        subs = {k: x for k, x in v.items() if k != "total"}
        out.append(Result(n + 1, key, T0 + dt.timedelta(weeks=n), total, None, subs))
    return out


HISTORY = {
    "phq9": _results("phq9", [{"total": 14}, {"total": 9}, {"total": 4}]),
    "gad7": _results("gad7", [{"total": 12}, {"total": 6}]),
    "bam7": _results(
        "bam7",
        [
            {"use": 3, "risk": 14, "protective": 10},
            {"use": 0, "risk": None, "protective": 15},
            {"use": 0, "risk": 8, "protective": 18},
        ],
    ),
}


def test_every_instrument_answered_gets_its_panel_at_phone_size() -> None:
    png = render(HISTORY, "C-1042: questionnaires over time")
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", png[16:24]) == (960, 800)
    titles = [ax.get_title(loc="left") for ax in figure(HISTORY, "t").axes]
    assert titles == ["PHQ-9", "GAD-7", "BAM (weekly)"]
    assert [ax.get_title(loc="left") for ax in figure({"gad7": HISTORY["gad7"]}, "t").axes] == ["GAD-7"]


def test_totals_sit_over_their_severity_bands() -> None:
    phq, gad, _ = figure(HISTORY, "t").axes
    [line] = phq.get_lines()
    assert list(line.get_ydata()) == [14.0, 9.0, 4.0]
    spans = [p.get_y() for p in phq.patches]  # one shaded band each, from its lowest score
    assert spans == [-0.5, 4.5, 9.5, 14.5, 19.5]
    assert len(gad.patches) == 4
    band_labels = [t.get_text().strip() for t in phq.texts]
    assert band_labels[0] == "Minimal" and band_labels[-1] == "Severe"
    assert [t.get_text() for t in phq.get_xticklabels()] == ["Jan 11", "Jan 18", "Jan 25"]


def test_bam_subscales_are_lines_with_gaps_and_the_marking_lines() -> None:
    *_, bam = figure(HISTORY, "t").axes
    lines = {line.get_label(): line for line in bam.get_lines()}
    assert {"Use", "Risk", "Protective"} <= set(lines)
    risk = list(lines["Risk"].get_ydata())
    assert risk[0] == 14.0 and math.isnan(risk[1]) and risk[2] == 8.0  # not scored that week: a gap
    dotted = [line for line in bam.get_lines() if line.get_linestyle() == ":"]
    assert sorted(float(line.get_ydata()[0]) for line in dotted) == [12.0, 12.0]  # Risk ≥ 12, Protective ≤ 12


def test_nothing_answered_still_draws() -> None:
    assert struct.unpack(">II", render({}, "none")[16:24]) == (960, 800)


def test_the_30_day_bam_is_a_panel_of_its_own_after_the_weekly_one() -> None:
    """Their scores cover different periods: one line through both would show a change of form as a change."""
    monthly = _results("bam30", [{"use": 1, "risk": 9, "protective": 16}])
    titles = [ax.get_title(loc="left") for ax in figure({**HISTORY, "bam30": monthly}, "t").axes]
    assert titles == ["PHQ-9", "GAD-7", "BAM (weekly)", "BAM (30-day)"]
    [only] = figure({"bam30": monthly}, "t").axes
    assert only.get_title(loc="left") == "BAM (30-day)" and {"Use", "Risk", "Protective"} <= {
        line.get_label() for line in only.get_lines()
    }
