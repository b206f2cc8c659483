"""`python -m bot schedule import|export|list` through the real CLI entry point (SQLite file)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.entry import cli
from tests.conftest import TEST_KEY

DATA = Path(__file__).resolve().parents[1] / "data"


async def run(*argv: str) -> int:
    """The CLI runs its own event loop (asyncio.run), so it gets a thread of its own."""
    return await asyncio.to_thread(cli.main, list(argv))


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # no .env of the developer's
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'cli.sqlite3'}")
    monkeypatch.setenv("ENCRYPTION_KEY", TEST_KEY)
    monkeypatch.setenv("CLINIC_TIMEZONE", "America/New_York")
    return tmp_path


async def test_import_list_export_and_import_again(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert await run("schedule", "import", str(DATA / "program.ics")) == 0
    assert "3 added, 0 updated, 0 unchanged" in capsys.readouterr().out
    assert await run("schedule", "list", "--from", "2026-03-09", "--days", "5") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [
        "2026-03-09 18:00  IOP evening group  · 180 min  · everyone  · Room 2, 14 River St",
        "2026-03-10 13:00  SMART Recovery meeting  · 90 min  · everyone  · https://meet.example.org/smart",
        "2026-03-12 19:00  IOP evening group  · 180 min  · everyone  · Room 5, 14 River St  · moved",
    ]
    out = env / "out.ics"
    assert await run("schedule", "export", str(out)) == 0
    assert out.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert await run("schedule", "import", str(out)) == 0
    assert "0 added, 0 updated, 3 unchanged" in capsys.readouterr().out


async def test_a_bad_file_exits_1_with_its_problems_and_imports_nothing(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert await run("schedule", "import", str(DATA / "bad.ics")) == 1
    err = capsys.readouterr().err
    assert "was not imported; nothing changed" in err and "no start (DTSTART)" in err
    assert await run("schedule", "list", "--from", "2026-03-01", "--days", "30") == 0
    assert capsys.readouterr().out == "The calendar is empty: nothing from 2026-03-01 to 2026-03-30.\n"


async def test_a_window_with_no_meetings_says_so(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert await run("schedule", "import", str(DATA / "program.ics")) == 0
    capsys.readouterr()
    assert await run("schedule", "list", "--from", "2025-01-01", "--days", "7") == 0
    assert capsys.readouterr().out == "No meetings: nothing from 2025-01-01 to 2025-01-07.\n"


async def test_a_bad_date_is_one_line(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert await run("schedule", "list", "--from", "2026-13-45") == 2
    got = capsys.readouterr()
    assert got.err == "error: --from '2026-13-45' is not a date; write it as YYYY-MM-DD\n" and got.out == ""


async def test_a_file_that_is_no_calendar_is_refused_in_plain_words(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = env / "broken.ics"
    broken.write_bytes(b"\x00\xff\xfeBEGIN:VCAL\nxx")
    assert await run("schedule", "import", str(broken)) == 1
    err = capsys.readouterr().err
    assert "this is not an iCalendar file: a line in it cannot be read as one" in err
    assert "\\x" not in err and "\ufffd" not in err  # none of the file's bytes are echoed


async def test_a_missing_file_exits_1(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert await run("schedule", "import", str(env / "nope.ics")) == 1
    assert "cannot read" in capsys.readouterr().err


async def test_list_shows_extra_dates_and_all_day_events(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert await run("schedule", "import", str(DATA / "rdate.ics")) == 0
    capsys.readouterr()
    assert await run("schedule", "list", "--from", "2026-03-05", "--days", "3") == 0
    assert capsys.readouterr().out.splitlines() == [
        "2026-03-05 18:00  IOP Tuesday group  · 180 min  · everyone  · Room 2, 14 River St",  # an extra date
        "2026-03-06 19:00  Alumni night  · 120 min  · everyone",
        "2026-03-07 all day  Family day  · everyone",
    ]


async def test_closure_add_cancels_the_day_and_list_shows_it(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`schedule closure add 2026-12-25 "Christmas"` cancels that day's meetings; `closure list` shows the day."""
    import time_machine

    with time_machine.travel("2026-03-01 12:00Z", tick=False):
        assert await run("schedule", "import", str(DATA / "program.ics")) == 0
        capsys.readouterr()
        assert await run("schedule", "closure", "add", "2026-03-09", "Staff training") == 0
        assert capsys.readouterr().out.strip() == "Closed 2026-03-09: 1 meeting cancelled, 0 clients told."
        assert await run("schedule", "list", "--from", "2026-03-09", "--days", "1") == 0
        assert "IOP" not in capsys.readouterr().out
        assert await run("schedule", "closure", "list") == 0
        assert capsys.readouterr().out.strip() == "2026-03-09  Staff training"
        assert await run("schedule", "closure", "add", "2026-03-09") == 1
        assert capsys.readouterr().err.strip() == (
            "error: the clinic was not closed on 2026-03-09: the clinic is already closed that day"
        )
        assert await run("schedule", "closure", "add", "25/12/2026") == 1
        assert "expected a date as YYYY-MM-DD" in capsys.readouterr().err


async def test_a_calendar_imported_after_a_closure_skips_the_closed_day(
    env: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Closed on Monday 9 March first; the imported group then has no date that day."""
    import time_machine

    with time_machine.travel("2026-03-01 12:00Z", tick=False):
        assert await run("schedule", "closure", "add", "2026-03-09", "Staff training") == 0
        assert await run("schedule", "import", str(DATA / "program.ics")) == 0
        capsys.readouterr()
        assert await run("schedule", "list", "--from", "2026-03-09", "--days", "1") == 0
        assert "IOP" not in capsys.readouterr().out
        assert await run("schedule", "list", "--from", "2026-03-16", "--days", "1") == 0
        assert "IOP" in capsys.readouterr().out
