"""The response-time report as a picture: time to acknowledge by severity and by therapist. Data in, PNG out.

Matplotlib's object-oriented API on the Agg canvas only (as `bot.domain.checkins.chart`): no
pyplot, no global figure state, safe in a worker thread.
"""

from __future__ import annotations

import math
from io import BytesIO

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from bot.domain.care.report import Report, Row

MEDIAN_COLOUR, P90_COLOUR = "#1d4ed8", "#c2410c"
SIZE_INCHES, DPI = (8.0, 6.67), 120
WIDTH = 0.38


def _minutes(value: float | None) -> float:
    return math.nan if value is None else value


def _panel(ax: Axes, rows: list[Row], title: str) -> None:
    x = list(range(len(rows)))
    medians = [_minutes(r.median_minutes) for r in rows]
    p90s = [_minutes(r.p90_minutes) for r in rows]
    ax.bar([i - WIDTH / 2 for i in x], medians, WIDTH, color=MEDIAN_COLOUR, label="median")
    ax.bar([i + WIDTH / 2 for i in x], p90s, WIDTH, color=P90_COLOUR, label="90th percentile")
    labels = [f"{r.label}\n{r.escalated}/{r.alerts} escalated" for r in rows]
    ax.set_xticks(x, labels, fontsize=9)
    ax.set_ylabel("minutes to acknowledge", fontsize=11)
    ax.set_title(title, fontsize=12)
    ax.grid(axis="y", alpha=0.3)
    ax.legend(fontsize=9, loc="upper right")


def render(report: Report, title: str) -> bytes:
    """Two panels: by severity on top, by therapist below; escalations counted under each bar."""
    fig = Figure(figsize=SIZE_INCHES, dpi=DPI)
    FigureCanvasAgg(fig)
    fig.subplots_adjust(left=0.12, right=0.97, top=0.9, bottom=0.1, hspace=0.55)
    top, bottom = fig.subplots(2, 1)
    fig.suptitle(title, fontsize=14, fontweight="bold")
    _panel(top, [_plain(r) for r in report.by_severity], "By severity")
    _panel(bottom, report.by_therapist, "By therapist")
    out = BytesIO()
    fig.savefig(out, format="png")
    return out.getvalue()


def _plain(row: Row) -> Row:
    """Severity labels without their coloured emoji (the chart's font may not have them)."""
    label = row.label.encode("ascii", "ignore").decode().strip()
    return Row(
        label, row.alerts, row.acked, row.median_minutes, row.p90_minutes, row.escalated, row.followups, row.on_time
    )
