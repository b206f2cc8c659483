"""Crisis screen benchmark: the cost of start-up and of one screen() call, and the dev-set figures.

Run from the project root:  .venv/bin/python bench/crisis_bench.py [--samples 2000]
(The held-out figures are not printed here: they are run once, by hand, when the rules are frozen,
with `python -m bot triage --eval tests/data/crisis_heldout.jsonl`.)
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

T_IMPORT, C_IMPORT = time.perf_counter(), time.process_time()

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # runnable without installing the package

from bot.domain.safety.evaluate import evaluate, read_lines  # noqa: E402
from bot.domain.safety.screen import screen, verify  # noqa: E402

DEV = ROOT / "tests" / "data" / "crisis_dev.jsonl"
SHORT = (
    "hey sorry i missed group yesterday, my kid was sick and i had to stay home. is there a makeup session "
    "this week? also can i switch to the evening group on thursdays, work changed my hours again. thanks!"
)[:200]
LONG_SENTENCES = (
    "I wanted to tell you about my week, it was a lot. Work was busy and my sister called twice about "
    "the kids, and I went to two meetings and talked with my sponsor on Thursday. "
)
SPANISH = "hola, ¿a qué hora es el grupo mañana? no voy a poder llegar temprano porque tengo trabajo hasta las cinco"


def timed(text: str, samples: int, model: bool = True) -> tuple[float, float]:
    """Median and p99 seconds per screen(text) call, each on a text of its own: the shipped screen keeps
    its last verdicts (an update's text is screened twice), so the same text again would cost nothing."""
    screen(text, model=model)
    runs = []
    for i in range(samples):
        variant = f"{text[: len(text) - 7]} #{i:05d}"  # same length, a new text each time
        t0 = time.perf_counter()
        screen(variant, model=model)
        runs.append(time.perf_counter() - t0)
    runs.sort()
    return statistics.median(runs), runs[min(len(runs) - 1, round(0.99 * (len(runs) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--samples", type=int, default=2000)
    args = parser.parse_args()

    t0 = time.perf_counter()
    verify()  # rule files read and checked against their examples, language models loaded, model read
    start_ms = (time.perf_counter() - t0) * 1000
    total_ms, cpu_ms = (time.perf_counter() - T_IMPORT) * 1000, (time.process_time() - C_IMPORT) * 1000
    print(
        f"start-up: import the screen, check the rule files, load the language detector and read the "
        f"learned model: {total_ms:.0f} ms wall, {cpu_ms:.0f} ms CPU (verify() alone {start_ms:.0f} ms)"
    )
    long_text = (LONG_SENTENCES * 40)[:4000]
    for name, text in (
        ("200 characters", SHORT),
        ("Spanish, 100 characters", SPANISH),
        ("4,000 characters", long_text),
    ):
        n = args.samples if len(text) < 1000 else max(200, args.samples // 10)
        p50, p99 = timed(text, n)
        q50, q99 = timed(text, n, model=False)
        print(
            f"screen() on {name}: p50 {p50 * 1e3:.2f} ms, p99 {p99 * 1e3:.2f} ms "
            f"(rules only: p50 {q50 * 1e3:.2f}, p99 {q99 * 1e3:.2f})"
        )
    t0 = time.perf_counter()
    f = evaluate(read_lines(DEV.read_text(encoding="utf-8").splitlines()))
    per_line = (time.perf_counter() - t0) / (f.crisis_lines + f.ordinary) * 1e3
    print(
        f"dev set: {f.crisis_lines} crisis lines, recall at any level {f.recall:.3f}; "
        f"{f.ordinary} ordinary lines, flagged {f.flagged_any / f.ordinary:.3f}, "
        f"explicit {f.flagged_explicit / f.ordinary:.3f}; {per_line:.2f} ms a line"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
