"""What `python -m bot ...` prints for the clinic's everyday: bad dates in one line, times in the clinic's
zone, every sandbox role named, and a broken calendar file said plainly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.db.models import Role
from bot.domain.meetings import ical_import
from bot.entry import cli
from bot.entry.sandbox_chat import USERS
from tests.conftest import TEST_KEY


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # no .env of the developer's
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'cli.sqlite3'}")
    monkeypatch.setenv("ENCRYPTION_KEY", TEST_KEY)
    monkeypatch.setenv("CLINIC_TIMEZONE", "Europe/Madrid")
    monkeypatch.setenv("BOT_USERNAME", "riverside_bot")
    return tmp_path


def _error(capsys: pytest.CaptureFixture[str]) -> list[str]:
    return capsys.readouterr().err.splitlines()


@pytest.mark.parametrize(
    ("argv", "line"),
    [
        (
            ["report", "alerts", "--from", "2026-1-5"],
            "error: --from '2026-1-5' is not a date; write it as YYYY-MM-DD",
        ),
        (
            ["report", "alerts", "--to", "0001-01-01"],
            "error: --to 0001-01-01 is out of range; give a day from 1970-01-01 to 2999-12-31",
        ),
        (
            ["schedule", "list", "--from", "9999-12-31"],
            "error: --from 9999-12-31 is out of range; give a day from 1970-01-01 to 2999-12-31",
        ),
        (
            ["schedule", "list", "--days", "0"],
            "error: --days '0' is not a number of days; give a whole number from 1 to 366",
        ),
        (
            ["schedule", "list", "--days", "a week"],
            "error: --days 'a week' is not a number of days; give a whole number from 1 to 366",
        ),
    ],
)
def test_a_bad_date_or_number_of_days_is_one_line_and_exit_2(
    env: Path, capsys: pytest.CaptureFixture[str], argv: list[str], line: str
) -> None:
    """Once argparse's usage block and "invalid fromisoformat value", or a traceback (OverflowError)."""
    assert cli.main(argv) == 2
    assert _error(capsys) == [line]
    assert not (env / "cli.sqlite3").exists()  # said before the database is opened


def test_a_report_window_that_ends_before_it_starts_is_one_line(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """It used to print "No alerts were raised between 2026-12-01 and 2026-11-01"."""
    assert cli.main(["report", "alerts", "--from", "2026-12-01", "--to", "2026-11-01"]) == 2
    assert _error(capsys) == ["error: --from 2026-12-01 is after --to 2026-11-01; the window would be empty"]


def test_an_invite_expires_at_a_time_in_the_clinics_zone(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["invite", "--role", "staff", "--name", "Casey"]) == 0
    expires = [x for x in capsys.readouterr().out.splitlines() if x.startswith("expires:")]
    assert len(expires) == 1
    assert re.fullmatch(r"expires: \d{4}-\d\d-\d\d \d\d:\d\d CES?T \(Europe/Madrid\); works once", expires[0])


def test_sandbox_help_names_every_role_you_can_be(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["sandbox", "--help"])
    shown = " ".join(capsys.readouterr().out.split())
    assert set(USERS) == {*Role, "guest"}
    for role in USERS:
        assert re.search(rf"\b{role}\b", shown), role


EVENT = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//probe//EN\r\nBEGIN:VEVENT\r\nUID:group@probe\r\nSUMMARY:Group\r\n"
    "{lines}\r\nEND:VEVENT\r\n{more}END:VCALENDAR\r\n"
)
START = "DTSTART;TZID=America/New_York:20260309T180000"


@pytest.mark.parametrize(
    ("lines", "more", "problem"),
    [
        ("DTSTART:2026XXXX", "", "event group@probe: its start (DTSTART) '2026XXXX' cannot be read"),
        ("DTSTART:20260309T250000", "", "event group@probe: its start (DTSTART) '20260309T250000' cannot be read"),
        (f"{START}\r\nDTEND:2026ZZ", "", "event group@probe: its end (DTEND) '2026ZZ' cannot be read"),
        (f"{START}\r\nDURATION:PTXYZ", "", "event group@probe: its length (DURATION) 'PTXYZ' cannot be read"),
        (
            f"{START}\r\nDURATION:PT1H\r\nRRULE:FREQ=WEEKLY;COUNT=abc",
            "",
            "event group@probe: its recurrence rule (RRULE) 'FREQ=WEEKLY;COUNT=abc' cannot be read",
        ),
        (
            f"{START}\r\nDURATION:PT1H\r\nRRULE:FREQ=WEEKLY\r\nRDATE:notadate",
            "",
            "event group@probe: its extra dates (RDATE) 'notadate' cannot be read",
        ),
        (
            f"{START}\r\nDURATION:PT1H\r\nRRULE:FREQ=WEEKLY\r\nEXDATE:2026-ZZ",
            "",
            "event group@probe: its excluded dates (EXDATE) '2026-ZZ' cannot be read",
        ),
        (
            f"{START}\r\nDURATION:PT1H\r\nRRULE:FREQ=WEEKLY",
            "BEGIN:VEVENT\r\nUID:group@probe\r\nRECURRENCE-ID:bogus\r\nDTSTART:20260316T190000\r\n"
            "SUMMARY:Group\r\nEND:VEVENT\r\n",
            "event group@probe: its changed date (RECURRENCE-ID) 'bogus' cannot be read",
        ),
    ],
)
def test_a_broken_calendar_is_refused_in_plain_words(lines: str, more: str, problem: str) -> None:
    """A value the parser could not read once ended in a TypeError traceback, or quoted its escaped text."""
    with pytest.raises(ical_import.ImportRefused) as refused:
        ical_import.parse(EVENT.format(lines=lines, more=more).encode(), "America/New_York")
    assert refused.value.problems == [problem]


def test_a_broken_calendar_from_the_command_line_exits_1_with_its_problem(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (env / "program.ics").write_text(EVENT.format(lines="DTSTART:2026XXXX", more=""))
    assert cli.main(["schedule", "import", "program.ics"]) == 1
    assert _error(capsys) == [
        "error: program.ics was not imported; nothing changed. Problems:",
        "  - event group@probe: its start (DTSTART) '2026XXXX' cannot be read",
    ]
