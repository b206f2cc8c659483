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


def test_eval_prints_recall_by_situation_false_alarms_and_misses(tmp_path: Path) -> None:
    """`triage --eval FILE`: recall overall and by situation, ordinary lines flagged (any level, explicit), misses."""
    labelled = tmp_path / "set.jsonl"
    rows = [
        {"id": "a", "text": "i want to kill myself", "level": "explicit", "situation": "direct", "category": "suicide"},
        {"id": "b", "text": "the ocean is calling me", "level": "possible", "situation": "direct", "category": None},
        {"id": "c", "text": "what time is group", "level": "none", "situation": "ordinary", "category": None},
        {"id": "d", "text": "i want to die", "level": "none", "situation": "ordinary", "category": None},
    ]
    labelled.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    out = io.StringIO()
    assert triage_cli.evaluate_file(str(labelled), out) == 0
    report = out.getvalue()
    assert "recall at any level: 0.500" in report
    assert "direct" in report and "1/2" in report
    assert "flagged at any level: 1 (0.500)" in report and "flagged explicit:     1 (0.500)" in report
    assert "[direct] the ocean is calling me" in report


def test_eval_of_a_missing_file_says_so() -> None:
    assert triage_cli.evaluate_file("/nonexistent/file.jsonl", io.StringIO()) == 2
