"""`python -m bot sandbox`: the terminal tour, driven through stdin like a newcomer would type it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e


def sandbox(workdir: Path, lines: list[str], *args: str) -> str:
    """Runs the sandbox with no token and no .env and returns everything it printed."""
    done = subprocess.run(
        [sys.executable, "-m", "bot", "sandbox", *args],
        cwd=workdir,
        input="".join(line + "\n" for line in lines),
        capture_output=True,
        text=True,
        # PYTHONPATH: the child runs the code under test, not whatever copy is installed.
        env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
        timeout=120,
    )
    out = done.stdout + done.stderr
    assert done.returncode == 0, out
    assert "Traceback" not in out, out
    return out


def test_tour_then_restart_and_enroll_a_guest(tmp_path: Path) -> None:
    first = sandbox(
        tmp_path,
        [
            "/help",  # the client (the starting person)
            "How many hours a week is it?",  # free text: a FAQ answer
            ":as admin",
            "/invite",
            "#1",  # Client
            "JD",
            "#1",  # initials, then the demo therapist
            "Morning",  # a new cohort, typed
            ":quit",
        ],
        "--fresh",
    )
    client = re.search(r"\[client (C-\d{4})\] > ", first)
    assert client, first
    assert "/settings" in first.split("/help", 1)[1]  # the client's help lists their tools
    assert "9 to 12 hours a week" in first
    assert "Assign a therapist:" in first and "[1] Dr. Rivera (T-" in first
    assert "Enrollment code for" in first and "(photo: " in first
    code = re.search(r"Code: ([A-Z0-9]{10})", first)
    assert code, first

    # Without --fresh the people are kept, and the code from the first run enrolls the guest.
    second = sandbox(
        tmp_path,
        [
            ":as guest",
            f"/start {code.group(1)}",
            "#1",  # I agree
            "/help",
        ],
    )
    assert f"[client {client.group(1)}]" in second
    assert "Do you agree to use IOP Companion on these terms?" in second
    assert "Welcome, you're all set" in second
    assert re.search(r"\[guest C-\d{4}\] > ", second)  # the prompt now shows the guest's new client code
