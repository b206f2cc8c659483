"""`python -m bot triage`: what the crisis screen decides for each line of input, as JSON lines.

For clinical staff auditing the detector: one message per line in, one
{"level", "category", "pattern"} object per line out, in the same order.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import TextIO

from bot.domain.safety.screen import screen


def triage_lines(lines: Iterable[str]) -> Iterable[str]:
    """One JSON object per input line (line break removed), in order."""
    for line in lines:
        yield json.dumps(screen(line.rstrip("\r\n")).as_dict(), ensure_ascii=False)


def main(stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """Screen standard input line by line; exit 0."""
    source = stdin if stdin is not None else sys.stdin
    sink = stdout if stdout is not None else sys.stdout
    for out in triage_lines(source):
        sink.write(out + "\n")
        sink.flush()  # a person typing sees each answer at once
    return 0
