"""The /history chart: a PNG of phone size for any stretch of days, gaps and use days included."""

from __future__ import annotations

import datetime as dt
import struct
import subprocess
import sys

from bot.domain.checkins.chart import render
from bot.domain.checkins.diary import DayPoint

D0 = dt.date(2027, 1, 1)


def _size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", png[16:24])


def _days(n: int) -> list[DayPoint]:
    return [
        DayPoint(D0 + dt.timedelta(days=i), i % 11, 1 + i % 5, "yes" if i % 9 == 0 else "no", 2)
        if i % 4
        else DayPoint(D0 + dt.timedelta(days=i))
        for i in range(n)
    ]


def test_ninety_days_render_at_phone_size():
    width, height = _size(render(_days(90), "Last 90 days"))
    assert (width, height) == (960, 800)


def test_short_and_empty_stretches_render():
    for points in (_days(1), _days(7), [DayPoint(D0 + dt.timedelta(days=i)) for i in range(30)]):
        assert _size(render(points, "x"))[0] == 960


def test_use_days_change_the_picture():
    plain = [DayPoint(p.day, p.craving, p.mood, "no" if p.used else None) for p in _days(30)]
    assert render(_days(30), "x") != render(plain, "x")


def test_no_pyplot_global_state():
    """The chart module never imports pyplot (its global figure registry is not thread-safe)."""
    code = "import sys, bot.domain.checkins.chart as c; c.render([], 't'); print('matplotlib.pyplot' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def _hex(colour: object) -> str:
    from matplotlib.colors import to_hex

    return to_hex(colour)  # type: ignore[arg-type]


def _distance(a: str, b: str) -> float:
    """How far apart two colours are in RGB (0 to about 1.7)."""
    from matplotlib.colors import to_rgb

    return sum((x - y) ** 2 for x, y in zip(to_rgb(a), to_rgb(b), strict=True)) ** 0.5


def test_use_marks_stand_apart_from_the_craving_dots() -> None:
    from bot.domain.checkins.chart import figure

    top = figure(_days(30), "x").axes[0]
    [craving] = top.get_lines()[:1]
    [marks] = top.collections[-1:]  # the ▼ marks drawn above use days
    line, mark = _hex(craving.get_color()), _hex(marks.get_facecolor()[0])
    assert _distance(line, mark) > 0.4, (line, mark)  # the old red (#dc2626) was 0.18 from the orange


def test_the_high_craving_line_is_labelled() -> None:
    from bot import texts
    from bot.domain.checkins.chart import figure

    top = figure(_days(7), "x").axes[0]
    assert texts.CHART_HIGH_LINE.format(n=8) in [t.get_text() for t in top.texts]
    assert texts.CHART_HIGH_LINE.format(n=8) == "high (8+)"
