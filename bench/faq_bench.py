"""FAQ search benchmark: build time, latency (p50/p99), memory and accuracy, in English and Spanish.

Run from the project root:  .venv/bin/python bench/faq_bench.py [--samples 5000] [--updates 300]
Questions come from tests/data/faq_labelled.yaml (in-scope and off-topic), repeated until
there are enough samples. The first pass runs with an empty spelling cache and is shown
separately, since that is what a never-seen question costs.

Spanish: the labelled set tests/data/faq_es_labelled.yaml gives its accuracy and the time per
Spanish question beside the English one; the cost per update of an FAQ question (the real
Application, as bench/update_cost_bench.py runs it) is measured in both languages
(`--updates 0` skips it). The Spanish hold-out set (tests/data/faq_es_holdout_v30.yaml) is only
scored with `--spanish-holdout`. The hold-out sets are the thirtieth author's (`*_holdout_v30.yaml`,
run once when the round that read v29 was frozen, stop 42); the first twenty-nine authors' sets
(`faq_holdout.yaml`, `*_v2` to `*_v29` and their Spanish kin) were each run once, then read and
tuned on: development material now.

Guesses (an article shown with "Did I get that right?", bot/domain/faq/search.py GUESS_MARGIN) are
counted beside the answers: right / wrong entry in scope, and off-topic questions guessed. The
labelled sets also give a stress figure, every question once more with one word left out
(bench/faq_scores.py), since the sets themselves leave few questions in the guess band.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import statistics
import sys
import tempfile
import time
import tracemalloc
import warnings
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # runnable without installing the package
warnings.filterwarnings("ignore", message=r"If 'per_message=False'")

from bench.faq_scores import dropped_word, guesses_line, pairs_and_off_topic, score  # noqa: E402
from bot.domain.faq import DEFAULT_PATH, FaqIndex, KnowledgeBase, parse_knowledge_base, search  # noqa: E402
from tests.support.facts import FACTS  # noqa: E402

LABELLED = ROOT / "tests" / "data" / "faq_labelled.yaml"
HOLDOUT = ROOT / "tests" / "data" / "faq_holdout_v30.yaml"
LABELLED_ES = ROOT / "tests" / "data" / "faq_es_labelled.yaml"
HOLDOUT_ES = ROOT / "tests" / "data" / "faq_es_holdout_v30.yaml"
HOLDOUT_NEW = ROOT / "tests" / "data" / "faq_new_entries_holdout.yaml"  # the newest entries' own hold-out
ROUNDS = 15  # interleaved rounds of the per-update timing; the median is reported
FIRST_UID = 100_000


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.3f} ms"


def right_answer(index: FaqIndex, question: str, entry_id: str) -> bool:
    result = index.ask(question)
    return result.kind == "answer" and result.entry is not None and result.entry.id == entry_id


def time_asks(index: FaqIndex, questions: list[str], samples: int) -> list[float]:
    """Seconds per `ask`, cycling over `questions` until there are `samples` (warm caches)."""
    times: list[float] = []
    while len(times) < samples:
        for q in questions:
            t0 = time.perf_counter()
            index.ask(q)
            times.append(time.perf_counter() - t0)
    return times


async def update_costs(questions: dict[str, list[str]], n: int, rounds: int = ROUNDS) -> dict[str, float]:
    """CPU seconds per update for each language's FAQ questions through the real Application.

    Languages alternate in blocks of `n` updates, `rounds` times; CPU time of this process (the
    offline Bot API and SQLite run in it too) rather than wall time, so other work on a shared
    machine counts less. Returns each language's median, and "ratio": the median of the
    Spanish/English ratios of neighbouring blocks, which machine noise hits alike.
    """
    from tests.conftest import make_settings
    from tests.support import tg
    from tests.support.harness import Harness

    with tempfile.TemporaryDirectory() as tmp:
        harness = Harness(make_settings(Path(tmp)))
        await harness.start()
        try:
            uids = [FIRST_UID + i for i in range(20)]
            for uid in uids:
                await harness.enroll(uid)
            # Only questions the FAQ itself answers: one that starts another tool (a craving typed
            # as a question opens the coping tool) would leave its client inside that tool.
            probe = FIRST_UID - 1
            await harness.enroll(probe)
            for lang, qs in list(questions.items()):
                kept = []
                for q in qs:
                    replies = await harness.send(probe, q)
                    if len(replies) == 1 and replies[0].startswith("<b>") and harness.last(probe).buttons:
                        kept.append(q)
                    else:
                        await harness.send(probe, "/cancel")
                questions[lang] = kept
            clients = itertools.cycle(uids)
            for uid, lang in itertools.product(uids, questions):  # warm caches (typo fixes, PTB, statements)
                for q in questions[lang][:3]:
                    await harness.send(uid, q)
            harness.req.clear()
            cycles = {lang: itertools.cycle(qs) for lang, qs in questions.items()}
            samples: dict[str, list[float]] = {lang: [] for lang in questions}
            for _ in range(rounds):
                for lang in questions:
                    updates = [tg.text(harness.bot, next(clients), next(cycles[lang])) for _ in range(n)]
                    t0 = time.process_time()
                    for i, update in enumerate(updates):
                        await harness.app.process_update(update)
                        if i % 100 == 99:
                            harness.req.clear()
                    samples[lang].append((time.process_time() - t0) / n)
                    harness.req.clear()
            figures = {lang: statistics.median(values) for lang, values in samples.items()}
            figures.update({f"{lang} questions": float(len(qs)) for lang, qs in questions.items()})
            if "en" in samples and "es" in samples:
                pairs = zip(samples["en"], samples["es"], strict=True)
                figures["ratio"] = statistics.median(es / en for en, es in pairs)
            return figures
        finally:
            await harness.stop()


def spanish_holdout(index: FaqIndex, kb: KnowledgeBase) -> list[tuple[str, str]]:
    """Figures on the Spanish hold-out set (only with --spanish-holdout): figures, never its questions."""
    holdout = yaml.safe_load(HOLDOUT_ES.read_text(encoding="utf-8"))
    unknown = set(holdout["in_scope"]) - set(kb.by_id)
    if unknown:
        raise SystemExit(f"{HOLDOUT_ES.name} names entries that do not exist: {sorted(unknown)}")
    in_scope, off_topic = pairs_and_off_topic(holdout)
    s = score(index, in_scope, off_topic)
    return [
        ("Spanish hold-out questions", f"{len(in_scope)} in scope, {len(off_topic)} off-topic"),
        ("es hold-out: answered correctly", f"{s['right']:8.1%}"),
        ("es hold-out: not sure, right entry a button", f"{s['offered']:8.1%}"),
        ("es hold-out: answered with a wrong entry", f"{s['wrong']:8.1%}"),
        ("es hold-out: guesses", guesses_line(s)),
        ("es hold-out off-topic: answered (should be 0)", f"{s['off_answered']:8.1%}"),
        ("es hold-out: a wrong article, all questions", f"{s['wrong_all']:8.1%}"),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=5000, help="questions to time (default 5000)")
    parser.add_argument("--updates", type=int, default=100, help="updates per language and round (0: skip)")
    parser.add_argument(
        "--spanish-holdout", action="store_true", help="also score tests/data/faq_es_holdout_v30.yaml (figures only)"
    )
    args = parser.parse_args()

    text = DEFAULT_PATH.read_text(encoding="utf-8")
    labelled = yaml.safe_load(LABELLED.read_text(encoding="utf-8"))
    in_scope = [(q, eid) for eid, qs in labelled["in_scope"].items() for q in qs]
    questions = [q for q, _ in in_scope] + list(labelled["out_of_scope"])
    es_in_scope, es_off_topic = pairs_and_off_topic(yaml.safe_load(LABELLED_ES.read_text(encoding="utf-8")))
    es_questions = [q for q, _ in es_in_scope] + es_off_topic

    # Build: parse + index, a few times for a stable median.
    parse_times, build_times = [], []
    for _ in range(10):
        t0 = time.perf_counter()
        kb = parse_knowledge_base(text, FACTS)
        t1 = time.perf_counter()
        index = FaqIndex(kb)
        t2 = time.perf_counter()
        parse_times.append(t1 - t0)
        build_times.append(t2 - t1)

    # Latency: the first pass is cold (fresh index, empty spelling cache); then warm repeats.
    index = FaqIndex(kb)
    cold: list[float] = []
    for q in questions:
        t0 = time.perf_counter()
        index.ask(q)
        cold.append(time.perf_counter() - t0)
    warm: list[float] = []
    while len(cold) + len(warm) < args.samples:
        for q in questions:
            t0 = time.perf_counter()
            index.ask(q)
            warm.append(time.perf_counter() - t0)
    every = cold + warm

    # English and Spanish side by side: the same number of samples, interleaved in blocks so
    # machine noise hits both alike; each labelled set cycled (warm caches).
    block = max(len(questions), len(es_questions))
    side: dict[str, list[float]] = {"en": [], "es": []}
    for _ in range(max(1, args.samples // block // 2)):
        side["en"] += time_asks(index, questions, block)
        side["es"] += time_asks(index, es_questions, block)

    # The same, split: the FAQ's own crisis check (the screen's rules) and the search after it.
    def search_alone(q: str) -> None:
        found = index.indexes[index.language(q)]
        if not found.words.is_smalltalk(q):
            found.rank(q)

    parts: dict[str, list[float]] = {"screen en": [], "screen es": [], "search en": [], "search es": []}
    for _ in range(max(1, args.samples // block // 4)):
        for lang, qs in (("en", questions), ("es", es_questions)):
            for q in qs:
                t0 = time.perf_counter()
                search.is_crisis(q)
                t1 = time.perf_counter()
                search_alone(q)
                t2 = time.perf_counter()
                parts[f"screen {lang}"].append(t1 - t0)
                parts[f"search {lang}"].append(t2 - t1)

    # A message at Telegram's length limit (~4000 characters): the slowest input a client can send.
    long_text = "i was wondering about the evening groups and whether " * 80
    long_times = []
    for _ in range(20):
        t0 = time.perf_counter()
        index.ask(long_text)
        long_times.append(time.perf_counter() - t0)
    long_es = "queria saber de los grupos de la noche y si puedo ir despues del trabajo " * 55
    long_es_times = []
    for _ in range(20):
        t0 = time.perf_counter()
        index.ask(long_es)
        long_es_times.append(time.perf_counter() - t0)

    # Memory, measured apart from timing because tracemalloc slows Python down.
    tracemalloc.start()
    kb = parse_knowledge_base(text, FACTS)
    index = FaqIndex(kb)
    _, build_peak = tracemalloc.get_traced_memory()
    index_size, _ = tracemalloc.get_traced_memory()
    tracemalloc.reset_peak()
    for q in questions:
        index.ask(q)
    _, ask_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    off_topic = list(labelled["out_of_scope"])
    en_score = score(index, in_scope, off_topic)
    ranked_first = sum(1 for q, eid in in_scope if (rk := index.rank(q)[0]) and kb.entries[rk[0][0]].id == eid)

    # The hold-out sets: never tuned on, so closer to what real clients will get. Figures only.
    holdout = yaml.safe_load(HOLDOUT.read_text(encoding="utf-8"))
    unknown = set(holdout["in_scope"]) - set(kb.by_id)
    if unknown:
        raise SystemExit(f"{HOLDOUT.name} names entries that do not exist: {sorted(unknown)}")
    held, held_off = pairs_and_off_topic(holdout)
    held_score = score(index, held, held_off)
    newest, newest_off = pairs_and_off_topic(yaml.safe_load(HOLDOUT_NEW.read_text(encoding="utf-8")))
    newest_score = score(index, newest, newest_off)

    # Spanish: accuracy on its labelled set, and which language each labelled question is read in.
    es_score = score(index, es_in_scope, es_off_topic)
    # The stress set: the labelled questions (both languages) once more, one word left out each time.
    stress = score(index, *dropped_word(in_scope + es_in_scope, off_topic + es_off_topic))
    en_read_es = sum(1 for q in questions if index.language(q) != "en")
    es_read_en = sum(1 for q in es_questions if index.language(q) != "es")

    p50_en, p50_es = percentile(side["en"], 50), percentile(side["es"], 50)
    rows = [
        ("knowledge base", f"{len(kb.entries)} entries, {len(kb.categories)} categories, languages {kb.languages}"),
        ("labelled questions", f"{len(in_scope)} in scope, {len(labelled['out_of_scope'])} off-topic"),
        ("", ""),
        ("parse + validate (median)", ms(statistics.median(parse_times))),
        ("build index, both languages (median)", ms(statistics.median(build_times))),
        ("", ""),
        ("ask: samples", f"{len(every)}"),
        ("ask: p50", ms(percentile(every, 50))),
        ("ask: p99", ms(percentile(every, 99))),
        ("ask: mean", ms(statistics.mean(every))),
        ("ask: max", ms(max(every))),
        ("ask: a 4,000-character message (max of 20)", ms(max(long_times))),
        ("ask: a 4,000-character Spanish message (max of 20)", ms(max(long_es_times))),
        ("ask: cold first pass p50", ms(percentile(cold, 50))),
        ("ask: cold first pass p99", ms(percentile(cold, 99))),
        ("", ""),
        ("per question, English: p50 / mean", f"{ms(p50_en)} / {ms(statistics.mean(side['en']))}"),
        ("per question, Spanish: p50 / mean", f"{ms(p50_es)} / {ms(statistics.mean(side['es']))}"),
        ("per question, Spanish / English (p50)", f"{p50_es / p50_en:8.2f}×"),
        (
            "  of which the crisis check, en / es (p50)",
            f"{ms(percentile(parts['screen en'], 50))} / {ms(percentile(parts['screen es'], 50))}",
        ),
        (
            "  of which the search, en / es (p50)",
            f"{ms(percentile(parts['search en'], 50))} / {ms(percentile(parts['search es'], 50))}",
        ),
        (
            "  the search alone, Spanish / English (p50)",
            f"{percentile(parts['search es'], 50) / percentile(parts['search en'], 50):8.2f}×",
        ),
        ("", ""),
        ("memory: peak while building", f"{build_peak / 1024:8.0f} KiB"),
        ("memory: held after build", f"{index_size / 1024:8.0f} KiB"),
        ("memory: peak while asking", f"{ask_peak / 1024:8.0f} KiB"),
        ("", ""),
        ("in scope: answered correctly", f"{en_score['right']:8.1%}"),
        ("in scope: right entry ranked first", f"{ranked_first / len(in_scope):8.1%}"),
        ("in scope: guessed, right / wrong entry", f"{en_score['guess_right']:8.1%} / {en_score['guess_wrong']:.1%}"),
        ("guesses (labelled, English)", guesses_line(en_score)),
        ("off-topic: not sure / small talk", f"{1 - en_score['off_answered'] - en_score['off_guessed']:8.1%}"),
        ("", ""),
        ("hold-out questions", f"{len(held)} in scope, {len(held_off)} off-topic"),
        ("hold-out: answered correctly", f"{held_score['right']:8.1%}"),
        ("hold-out: not sure, right entry a button", f"{held_score['offered']:8.1%}"),
        ("hold-out: answered with a wrong entry", f"{held_score['wrong']:8.1%}"),
        ("hold-out: guesses", guesses_line(held_score)),
        (
            "hold-out off-topic: not sure / small talk",
            f"{1 - held_score['off_answered'] - held_score['off_guessed']:8.1%}",
        ),
        (
            "hold-out, newest entries: right / wrong",
            f"{newest_score['right_n']:.0f} / {newest_score['wrong_n']:.0f} of {len(newest)}",
        ),
        ("hold-out, newest entries: guesses", guesses_line(newest_score)),
        ("", ""),
        ("Spanish labelled questions", f"{len(es_in_scope)} in scope, {len(es_off_topic)} off-topic"),
        ("es in scope: answered correctly", f"{es_score['right']:8.1%}"),
        ("es in scope: answered with a wrong entry", f"{es_score['wrong']:8.1%}"),
        ("es in scope: not sure (right entry a button)", f"{es_score['none']:8.1%} ({es_score['offered']:.1%})"),
        (
            "es in scope: guessed, right / wrong entry",
            f"{es_score['guess_right']:8.1%} / {es_score['guess_wrong']:.1%}",
        ),
        ("guesses (labelled, Spanish)", guesses_line(es_score)),
        ("es off-topic: answered (should be 0)", f"{es_score['off_answered']:8.1%}"),
        ("es: a wrong article, all questions", f"{es_score['wrong_all']:8.1%}"),
        ("language: English labelled read as Spanish", f"{en_read_es} of {len(questions)}"),
        ("language: Spanish labelled read as English", f"{es_read_en} of {len(es_questions)}"),
        ("", ""),
        ("stress (labelled, one word dropped)", f"{stress['n']:.0f} in scope, {stress['m']:.0f} off-topic"),
        ("stress: answered right / wrong", f"{stress['right']:8.1%} / {stress['wrong']:.1%}"),
        ("stress: guesses", guesses_line(stress)),
    ]
    if args.spanish_holdout:
        rows += [("", ""), *spanish_holdout(index, kb)]
    if args.updates > 0:
        # Answered questions the crisis screen leaves alone: a flagged one opens a crisis exchange,
        # and every later message of that client takes the exchange's path instead of the FAQ's.
        from bot.domain.safety.screen import screen

        answered_en = [q for q, eid in in_scope if right_answer(index, q, eid) and not screen(q).flagged]
        answered_es = [q for q, eid in es_in_scope if right_answer(index, q, eid) and not screen(q).flagged]
        costs = asyncio.run(update_costs({"en": answered_en, "es": answered_es}, args.updates))
        rows += [
            ("", ""),
            ("per update: questions cycled, en / es", f"{costs['en questions']:.0f} / {costs['es questions']:.0f}"),
            ("per update (CPU), an answered FAQ question, English", f"{costs['en'] * 1e6:8.0f} µs"),
            ("per update (CPU), an answered FAQ question, Spanish", f"{costs['es'] * 1e6:8.0f} µs"),
            ("per update, Spanish / English (median of paired rounds)", f"{costs['ratio']:8.2f}×"),
        ]
    width = max(len(name) for name, _ in rows)
    print("FAQ search benchmark")
    print("-" * (width + 24))
    for name, value in rows:
        print(f"{name:<{width}}  {value}" if name else "")
    target_met = percentile(every, 99) < 0.005
    print("-" * (width + 24))
    print(f"target p99 < 5 ms: {'met' if target_met else 'NOT met'}")
    es_met = es_score["right"] >= 0.9 and es_score["wrong_all"] <= 0.05
    print(f"Spanish labelled target (>= 90 % right, <= 5 % wrong articles): {'met' if es_met else 'NOT met'}")
    return 0 if target_met and es_met else 1


if __name__ == "__main__":
    raise SystemExit(main())
