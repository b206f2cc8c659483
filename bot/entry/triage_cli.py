"""`python -m bot triage`: what the crisis screen decides for each line of input, as JSON lines.

For clinical staff auditing the detector: one message per line in, one
{"level", "category", "pattern"} object per line out, in the same order.
`--eval FILE` measures the screen on a labelled file (recall by situation, false alarms at each
level, every miss); `--review` lists the examples the care team marked in the bot; `--train`
trains the learned layer and writes the file the bot loads.
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from bot.core.config import Settings
from bot.domain.safety.evaluate import evaluate, read_lines
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


def evaluate_file(path: str, stdout: TextIO | None = None) -> int:
    """Print the screen's figures on a labelled JSON-lines file; exit 0 (2 if it cannot be read)."""
    sink = stdout if stdout is not None else sys.stdout
    try:
        lines = read_lines(Path(path).read_text(encoding="utf-8").splitlines())
    except (OSError, ValueError, KeyError) as exc:
        print(f"error: cannot read {path}: {exc}", file=sys.stderr)
        return 2
    sink.write(evaluate(lines).report() + "\n")
    return 0


def train(stdout: TextIO | None = None) -> int:
    """Train the learned layer on the labelled corpus and write its file; exit 0 (2 without scikit-learn)."""
    sink = stdout if stdout is not None else sys.stdout
    try:
        from bot.domain.safety import learned, training

        model = training.train(training.corpus())
    except ImportError as exc:
        print(f"error: training needs scikit-learn (pip install -e '.[train]'): {exc}", file=sys.stderr)
        return 2
    size = training.write(model)
    columns = sum(len(b.vocabulary) for b in model.blocks)
    sink.write(f"wrote {learned.MODEL_FILE.name}: {columns} columns, {size} bytes\n")
    return 0


def review(settings: Settings, stdout: TextIO | None = None) -> int:
    """List the marked examples, newest first, as JSON lines for the people who keep the rules."""
    from bot.core import crypto
    from bot.db import migrate
    from bot.db.schema import open_database
    from bot.domain.safety import reviews

    sink = stdout if stdout is not None else sys.stdout

    async def run() -> None:
        crypto.configure(settings.encryption_key, settings.old_keys)
        db = open_database(settings.database_url, settings.database_schema)
        try:
            await migrate.upgrade(db.engine)
            async with db.session() as s, s.begin():
                for example in await reviews.examples(s):
                    sink.write(json.dumps(example.as_dict(), ensure_ascii=False) + "\n")
        finally:
            await db.dispose()

    asyncio.run(run())
    return 0
