"""`python -m bot triage`: one JSON verdict per input line, in order, for clinical staff to audit."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

from bot.entry import triage_cli

ROOT = Path(__file__).resolve().parents[3]


def test_main_prints_one_object_per_line() -> None:
    out = io.StringIO()
    code = triage_cli.main(io.StringIO("i want to kms\nwhat time is group\nim not okay\n\nquiero morir\n"), out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert code == 0
    assert rows == [
        {"level": "explicit", "category": "suicide", "pattern": "en-kms"},
        {"level": "none", "category": None, "pattern": None},
        {"level": "possible", "category": "suicide", "pattern": "not-okay"},
        {"level": "none", "category": None, "pattern": None},
        {"level": "explicit", "category": "suicide", "pattern": "es-quiero-morir"},
    ]


def test_python_m_bot_triage_reads_stdin() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "bot", "triage"],
        input="gonna use tonight\r\nthis traffic is killing me\nМне плохо",
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [(r["level"], r["category"]) for r in rows] == [
        ("explicit", "use_intent"),
        ("none", None),
        ("possible", "unreadable"),
    ]
