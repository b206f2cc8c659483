"""A client's questionnaire scores over time as a picture, for /client CODE. Data in, PNG bytes out.

One panel per instrument answered: PHQ-9 and GAD-7 totals over their severity bands (shaded, palest
for the lowest), the BAM's three subscales as lines with the lines where Risk and Protective are marked
(a panel per BAM form answered: 7-day and 30-day scores cover different periods).
Matplotlib's object-oriented API on the Agg canvas only (as `bot.domain.checkins.chart`): no pyplot.
"""

from __future__ import annotations

import datetime as dt
import io
import math

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from bot.domain.questionnaires.definitions import Questionnaire, get
from bot.domain.questionnaires.store import Result
from bot.texts import dates

SIZE_INCHES, DPI = (8.0, 6.67), 120  # 960 x 800 px, as the check-in chart
TOTAL_COLOUR = "#1d4ed8"
BAND_SHADES = ("#dcfce7", "#fef9c3", "#fed7aa", "#fecaca", "#fca5a5")  # calm to severe
SUBSCALE_COLOURS = {"use": "#7e22ce", "risk": "#c2410c", "protective": "#15803d"}
ORDER = ("phq9", "gad7", "bam7", "bam30")  # the BAM's forms in panels of their own: different periods


def _values(values: list[int | None]) -> list[float]:
    return [math.nan if v is None else float(v) for v in values]


def _ticks(ax: Axes, results: list[Result], zone: dt.tzinfo) -> None:
    n = len(results)
    step = max(1, math.ceil(n / 6))
    ticks = sorted(range(n - 1, -1, -step))
    ax.set_xticks(ticks, [dates.month_day(results[i].submitted_at.astimezone(zone).date()) for i in ticks])
    ax.set_xlim(-0.5, max(n, 2) - 0.5)


def _total_panel(ax: Axes, q: Questionnaire, results: list[Result]) -> None:
    for shade, band in zip(BAND_SHADES, q.bands, strict=False):
        ax.axhspan(band.low - 0.5, band.high + 0.5, color=shade, linewidth=0, zorder=0)
        ax.text(1.0, (band.low + band.high) / 2, f" {band.label}", transform=ax.get_yaxis_transform(), va="center")
    ax.plot(range(len(results)), _values([r.total for r in results]), color=TOTAL_COLOUR, linewidth=2.5, marker="o")
    top = max(b.high for b in q.bands) if q.bands else None
    if top is not None:
        ax.set_ylim(-0.5, top + 0.5)


def _subscale_panel(ax: Axes, q: Questionnaire, results: list[Result]) -> None:
    for s in q.subscales:
        colour = SUBSCALE_COLOURS.get(s.key, TOTAL_COLOUR)
        values = _values([r.subscales.get(s.key) for r in results])
        ax.plot(range(len(results)), values, color=colour, linewidth=2.5, marker="o", label=s.label)
        line = s.flag_at_or_above if s.flag_at_or_above is not None else s.flag_at_or_below
        if line is not None and s.key != "use":  # Use is marked at 1: any use; a line there says little
            ax.axhline(line, color=colour, linewidth=1, linestyle=":", alpha=0.7)
    ax.legend(fontsize=9, loc="upper left", ncols=len(q.subscales))
    ax.set_ylim(-0.5, 4 * max((len(s.items) for s in q.subscales), default=1) + 0.5)


def render(history: dict[str, list[Result]], title: str, zone: dt.tzinfo = dt.UTC) -> bytes:
    """PNG of every instrument with results; `history` as `store.history` gives it (oldest first)."""
    buffer = io.BytesIO()
    figure(history, title, zone).savefig(buffer, format="png", pil_kwargs={"compress_level": 1})
    return buffer.getvalue()


def figure(history: dict[str, list[Result]], title: str, zone: dt.tzinfo = dt.UTC) -> Figure:
    """The chart's figure, before it is drawn (tests read its parts)."""
    shown = [(q, history[key]) for key in ORDER if history.get(key) and (q := get(key)) is not None]
    fig = Figure(figsize=SIZE_INCHES, dpi=DPI)
    FigureCanvasAgg(fig)
    fig.subplots_adjust(left=0.08, right=0.8, top=0.9, bottom=0.07, hspace=0.45)
    fig.suptitle(title, fontsize=14, fontweight="bold")
    axes = fig.subplots(max(len(shown), 1), 1, squeeze=False)[:, 0]
    for ax, (q, results) in zip(axes, shown, strict=False):
        if q.has_total:
            _total_panel(ax, q, results)
        else:
            _subscale_panel(ax, q, results)
        ax.set_title(q.title, fontsize=12, loc="left")
        ax.grid(axis="y", alpha=0.3)
        ax.spines[["top", "right"]].set_visible(False)
        _ticks(ax, results, zone)
    return fig
