"""Crisis screen benchmark: labelled-set figures and the cost of one screen() call.

Run from the project root:  .venv/bin/python bench/crisis_bench.py [--samples 2000]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # runnable without installing the package

from bot.domain.safety.patterns import load  # noqa: E402
from bot.domain.safety.screen import screen  # noqa: E402
from tests.unit.safety.test_crisis_labelled import figures  # noqa: E402

TYPICAL = "what time does group start tomorrow? running late"  # about 50 characters
TYPICAL += " " * (60 - len(TYPICAL))
LONG_SENTENCES = (
    "I wanted to tell you about my week, it was a lot. Work was busy and my sister called twice about "
    "the kids, and I went to two meetings and talked with my sponsor on Thursday. "
)


def timed(text: str, samples: int) -> tuple[float, float]:
    """Median and p99 seconds per screen(text) call."""
    screen(text)
    runs = []
    for _ in range(samples):
        t0 = time.perf_counter()
        screen(text)
        runs.append(time.perf_counter() - t0)
    runs.sort()
    return statistics.median(runs), runs[min(len(runs) - 1, round(0.99 * (len(runs) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--samples", type=int, default=2000)
    args = parser.parse_args()

    t0 = time.perf_counter()
    load()
    load_ms = (time.perf_counter() - t0) * 1000
    f = figures()
    print(f"labelled set: {f['lines']} lines, {f['crisis_lines']} crisis, {f['ordinary_lines']} ordinary")
    print(f"recall on crisis lines (flagged at any level): {f['recall']:.3f}")
    print(f"explicit lines read as explicit:               {f['explicit_recall']:.3f}")
    print(f"crisis lines with the expected category:       {f['category_accuracy']:.3f}")
    print(f"ordinary lines flagged:                        {f['false_alarm_rate']:.3f}")
    print(f"load and check the pattern file: {load_ms:.1f} ms")
    long_text = (LONG_SENTENCES * 40)[:4000]
    for name, text in (("60 characters", TYPICAL), ("4,000 characters", long_text)):
        p50, p99 = timed(text, args.samples if len(text) < 1000 else max(200, args.samples // 10))
        print(f"screen() on {name}: p50 {p50 * 1e6:.0f} us, p99 {p99 * 1e6:.0f} us")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
