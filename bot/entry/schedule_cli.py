"""`python -m bot schedule import|export|list`: the program's calendar from the command line."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot.core.clock import now
from bot.core.config import Settings
from bot.core.errors import ValidationFailed
from bot.db.models import Person
from bot.db.session import Database
from bot.domain.meetings import closures, ical_export, ical_import, schedule
from bot.domain.meetings.schedule import Occurrence
from bot.entry import cli_args
from bot.texts import wording


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("schedule", help="the program's calendar", description="Import, export and list meetings.")
    ssub = p.add_subparsers(dest="schedule_command", required=True, metavar="ACTION")
    imp = ssub.add_parser(
        "import",
        help="add or update meetings from an iCalendar file",
        description="Add or update meetings from an .ics file (by UID: importing twice changes nothing). "
        "A file with any problem is refused whole, with the problems listed; exit status 1.",
    )
    imp.add_argument("file", type=Path)
    exp = ssub.add_parser("export", help="write the calendar as an iCalendar file", description="Write an .ics file.")
    exp.add_argument("file", type=Path)
    lst = ssub.add_parser(
        "list",
        help="print the occurrences in a window",
        description="Print one line per occurrence, 'YYYY-MM-DD HH:MM  title', in the clinic's time zone.",
    )
    lst.add_argument("--from", dest="start", type=cli_args.day("--from"), default=None, help="YYYY-MM-DD (today)")
    lst.add_argument(
        "--days", type=cli_args.days, default=7, help=f"how many days from --from (1 to {cli_args.MAX_DAYS}; 7)"
    )
    clo = ssub.add_parser(
        "closure",
        help="days the clinic is closed: list them, or close one",
        description="'closure add 2026-12-25 \"Christmas\"' cancels every meeting that day and tells each client "
        "in one once; 'closure list' prints the closed days ahead.",
    )
    csub = clo.add_subparsers(dest="closure_command", required=True, metavar="ACTION")
    cadd = csub.add_parser("add", help="close the clinic on a day", description="Close the clinic on DAY.")
    cadd.add_argument("day", help="YYYY-MM-DD")
    cadd.add_argument("reason", nargs="?", default="", help='what clients are told, e.g. "Christmas"')
    csub.add_parser("list", help="the closed days ahead", description="Print the closed days from today on.")


def line(occ: Occurrence, zone: ZoneInfo, codes: dict[int, str]) -> str:
    """`YYYY-MM-DD HH:MM  title` in the clinic's zone, then length, audience and place."""
    local = occ.start.astimezone(zone)
    s = occ.series
    when = f"{occ.day:%Y-%m-%d} all day" if s.all_day else f"{local:%Y-%m-%d %H:%M}"  # its own date, as written
    minutes = int((occ.end - occ.start).total_seconds() // 60)
    audience = {
        "all": "everyone",
        "cohort": f"cohort {s.cohort}",
        "client": f"client {codes.get(s.client_id or 0, '?')}",
    }
    extras = [f"{minutes} min" if not s.all_day else "", audience.get(s.audience, s.audience), occ.place]
    if occ.moved:
        extras.append("moved")
    return f"{when}  {s.title}" + "".join(f"  · {e}" for e in extras if e)


async def run(args: argparse.Namespace, settings: Settings, db: Database) -> int:
    zone = settings.zone
    if args.schedule_command == "import":
        try:
            data = args.file.read_bytes()
        except OSError as exc:
            print(f"error: cannot read {args.file}: {exc.strerror}", file=sys.stderr)
            return 1
        try:
            async with db.session() as s, s.begin():
                report = await ical_import.import_ics(
                    s, data, settings.clinic_timezone, None, now(), settings.calendar_read_seconds
                )
        except ical_import.ImportRefused as exc:
            print(f"error: {args.file} was not imported; nothing changed. Problems:", file=sys.stderr)
            for problem in exc.problems:
                print(f"  - {problem}", file=sys.stderr)
            return 1
        print(f"{report.added} added, {report.updated} updated, {report.unchanged} unchanged")
        if report.change.notices:
            print(f"{wording.count(report.change.notices, 'client notice')} of changes queued")
        return 0
    if args.schedule_command == "closure":
        return await _closure(args, settings, db)
    async with db.session() as s:
        cal = await schedule.load(s)
        codes = dict((await s.execute(select(Person.id, Person.code))).tuples().all())
    if args.schedule_command == "export":
        args.file.write_bytes(ical_export.export_ics(cal, now(), codes=codes))
        print(f"{len(cal.series)} meeting series written to {args.file}")
        return 0
    first = args.start or now().astimezone(zone).date()
    start = schedule.wall_to_utc(dt.datetime.combine(first, dt.time()), zone)
    last = first + dt.timedelta(days=args.days)
    end = schedule.wall_to_utc(dt.datetime.combine(last, dt.time()), zone)
    found = [line(occ, zone, codes) for occ in cal.occurrences(start, end)]
    for text in found:
        print(text)
    if not found:
        what = "The calendar is empty" if not cal.series else "No meetings"
        print(f"{what}: nothing from {first:%Y-%m-%d} to {last - dt.timedelta(days=1):%Y-%m-%d}.")
    return 0


async def _closure(args: argparse.Namespace, settings: Settings, db: Database) -> int:
    today = now().astimezone(settings.zone).date()
    if args.closure_command == "list":
        async with db.session() as s:
            ahead = await closures.upcoming(s, today)
        for c in ahead:
            print(f"{c.day:%Y-%m-%d}  {c.reason or '-'}")
        if not ahead:
            print("No closed days ahead.")
        return 0
    try:
        day = closures.parse_day(args.day)
        async with db.session() as s, s.begin():
            report = await closures.close_day(s, day, args.reason, settings.zone, None, now())
    except ValidationFailed as exc:
        print(f"error: the clinic was not closed on {args.day}: {exc}", file=sys.stderr)
        return 1
    print(
        f"Closed {report.day:%Y-%m-%d}: {wording.count(report.cancelled, 'meeting')} cancelled, "
        f"{wording.count(report.notices, 'client')} told."
    )
    return 0
