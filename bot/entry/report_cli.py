"""`python -m bot report alerts [--from --to] [--chart FILE]`: the response-time report on the command line."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from bot.core.clock import now
from bot.core.config import Settings
from bot.db.session import Database
from bot.domain.care import report, report_chart
from bot.entry import cli_args
from bot.services.care_team_jobs import policy_from


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("report", help="reports for the clinic", description="Reports for the clinic.")
    rsub = p.add_subparsers(dest="report_command", required=True, metavar="REPORT")
    alerts = rsub.add_parser(
        "alerts",
        help="time to acknowledge alerts, escalations, follow-ups on time",
        description="By severity and by therapist: time to acknowledge (median, 90th percentile), "
        "alerts escalated, follow-ups after a crisis done on time. Days in the clinic's time zone.",
    )
    alerts.add_argument("--from", dest="start", type=cli_args.day("--from"), default=None, help="YYYY-MM-DD")
    alerts.add_argument("--to", dest="end", type=cli_args.day("--to"), default=None, help="YYYY-MM-DD (included)")
    alerts.add_argument("--chart", type=Path, default=None, help="also write the chart as a PNG file")


def plain(html_text: str) -> str:
    return re.sub(r"</?b>", "", html_text)


async def run(args: argparse.Namespace, settings: Settings, db: Database) -> int:
    zone = settings.zone
    at = now()
    cli_args.in_order(args.start, args.end, at.astimezone(zone).date())
    start, end = report.window(args.start, args.end, zone, at.astimezone(zone).date())
    labels = report.labels(start, end, zone)
    async with db.session() as s, s.begin():
        built = await report.build(s, start, end, at, policy_from(settings))
    print(plain(report.render_text(built, *labels)))
    if args.chart is not None and built.total:
        args.chart.write_bytes(report_chart.render(built, f"Alerts {labels[0]} to {labels[1]}"))
        print(f"chart written to {args.chart}")
    return 0
