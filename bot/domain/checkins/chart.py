"""The /history picture: craving and mood by day, days of reported use marked. Data in, PNG bytes out.

Matplotlib's object-oriented API on the Agg canvas only: no pyplot, so no global figure
state shared between renders, and safe to run in a worker thread.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure

from bot import texts
from bot.domain.checkins.answers import CRAVING_MAX, HIGH_CRAVING, Use
from bot.domain.checkins.diary import DayPoint
from bot.texts import dates

# Use is purple, apart from the orange craving line it marks and the blue mood line (red read as craving).
CRAVING_COLOUR, MOOD_COLOUR, USE_COLOUR = "#c2410c", "#1d4ed8", "#7e22ce"
# 960 x 800 px: sharp on a phone (Telegram shows photos up to 1280 px), quick to draw and encode.
SIZE_INCHES, DPI = (8.0, 6.67), 120


def _series(values: Sequence[int | None]) -> list[float]:
    """None (no check-in) becomes NaN, which matplotlib leaves as a gap in the line."""
    return [math.nan if v is None else float(v) for v in values]


def _tick_positions(n: int) -> list[int]:
    """At most about eight date labels, always including the last day."""
    step = max(1, math.ceil(n / 8))
    ticks = list(range(n - 1, -1, -step))
    return sorted(ticks)


def render(points: Sequence[DayPoint], title: str) -> bytes:
    """A two-panel PNG: craving 0-10 on top, mood 1-5 below, one column per day, oldest first."""
    buffer = io.BytesIO()
    # Fast zlib level: a chart PNG is mostly flat colour, so it stays small (about 60 kB) anyway.
    figure(points, title).savefig(buffer, format="png", pil_kwargs={"compress_level": 1})
    return buffer.getvalue()


def figure(points: Sequence[DayPoint], title: str) -> Figure:
    """The chart's figure, before it is drawn (tests read its parts)."""
    n = len(points)
    x = list(range(n))
    # Fixed margins, not a layout engine: the labels are known, and automatic layout doubled the time.
    fig = Figure(figsize=SIZE_INCHES, dpi=DPI)
    FigureCanvasAgg(fig)
    fig.subplots_adjust(left=0.15, right=0.97, top=0.88, bottom=0.08, hspace=0.12)
    # Not sharex: sharing copies tick properties on every draw; both axes get the same limits instead.
    top, bottom = fig.subplots(2, 1, height_ratios=(3, 2))
    fig.suptitle(title, fontsize=15, fontweight="bold")
    # Markers keep a lone day (neighbours missing) visible; smaller when many days share the width.
    style = {"linewidth": 2.5, "marker": "o", "markersize": 6 if n <= 45 else 3}
    use_days = [i for i, p in enumerate(points) if p.used == Use.YES.value]

    top.plot(x, _series([p.craving for p in points]), color=CRAVING_COLOUR, **style)
    top.axhline(HIGH_CRAVING, color=CRAVING_COLOUR, linewidth=1, linestyle=":", alpha=0.6)
    # The dotted line says what it is, at its right end, just above it.
    high = texts.CHART_HIGH_LINE.format(n=HIGH_CRAVING)
    top.text(0.995, HIGH_CRAVING + 0.15, high, transform=top.get_yaxis_transform(), ha="right", color=CRAVING_COLOUR)
    top.set_ylim(-0.5, CRAVING_MAX + 0.5)
    top.set_yticks([0, 2, 4, 6, 8, 10])
    top.set_ylabel(texts.CHART_CRAVING, fontsize=13)

    bottom.plot(x, _series([p.mood for p in points]), color=MOOD_COLOUR, **style)
    bottom.set_ylim(0.5, 5.5)
    bottom.set_yticks([1, 2, 3, 4, 5], [texts.CHART_MOOD_TICKS[n] for n in range(1, 6)])
    bottom.set_ylabel(texts.CHART_MOOD, fontsize=13)

    for ax in (top, bottom):
        ax.grid(axis="y", alpha=0.3)
        ax.tick_params(labelsize=11)
        ax.spines[["top", "right"]].set_visible(False)
        if use_days:  # one shaded column per day of use, all in a single artist
            columns = [[(i - 0.5, 0), (i - 0.5, 1), (i + 0.5, 1), (i + 0.5, 0)] for i in use_days]
            shade = PolyCollection(columns, transform=ax.get_xaxis_transform(), facecolor=USE_COLOUR, alpha=0.15)
            shade.set_linewidth(0)
            ax.add_collection(shade, autolim=False)
    if use_days:
        top.scatter(use_days, [CRAVING_MAX + 0.2] * len(use_days), marker="v", s=60, color=USE_COLOUR, zorder=3)
        top.text(0, 1.01, texts.CHART_USE, transform=top.transAxes, color=USE_COLOUR, fontsize=11, va="bottom")

    ticks = _tick_positions(n) if n else []
    top.set_xticks(ticks, [])
    bottom.set_xticks(ticks, [dates.month_day(points[i].day) for i in ticks])
    for ax in (top, bottom):
        ax.set_xlim(-0.5, max(n, 1) - 0.5)
    return fig
