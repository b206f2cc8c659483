"""How the FAQ search does on a set of labelled questions: answers and guesses, right and wrong.

Used by bench/faq_bench.py. `score` reads one set; `dropped_word` makes a stress set out of a labelled
one (every question again with one word left out), where far more questions fall between "answer"
and "not sure" than in the set itself, so a guess threshold can be judged on more than a handful.
"""

from __future__ import annotations

from typing import Any

from bot.domain.faq import FaqIndex


def pairs_and_off_topic(data: dict[str, Any]) -> tuple[list[tuple[str, str]], list[str]]:
    """(question, entry id) in scope, and the off-topic questions (`off_topic` or `out_of_scope`)."""
    in_scope = [(q, eid) for eid, qs in data["in_scope"].items() for q in qs]
    off = data.get("off_topic", data.get("out_of_scope")) or []
    return in_scope, list(off)


def score(index: FaqIndex, in_scope: list[tuple[str, str]], off_topic: list[str]) -> dict[str, float]:
    """Shares of in-scope questions answered or guessed right / wrong, not sure (and the right entry offered),
    and of off-topic questions answered or guessed; `*_n` are the counts behind the guess shares."""
    results = [(index.ask(q), eid) for q, eid in in_scope]

    def count(kind: str, right: bool) -> int:
        return sum(1 for r, eid in results if r.kind == kind and r.entry and (r.entry.id == eid) is right)

    right, wrong = count("answer", True), count("answer", False)
    guess_right, guess_wrong = count("guess", True), count("guess", False)
    offered = sum(1 for r, eid in results if r.kind == "not_sure" and eid in {e.id for e in r.alternatives})
    off_kinds = [index.ask(q).kind for q in off_topic]
    off_answered, off_guessed = off_kinds.count("answer"), off_kinds.count("guess")
    n, m = max(len(results), 1), max(len(off_topic), 1)
    return {
        "right": right / n,
        "wrong": wrong / n,
        "guess_right": guess_right / n,
        "guess_wrong": guess_wrong / n,
        "none": (len(results) - right - wrong - guess_right - guess_wrong) / n,
        "offered": offered / n,
        "off_answered": off_answered / m,
        "off_guessed": off_guessed / m,
        # every question: a wrong article, in scope or off topic (a wrong guess asks first, so it is not counted)
        "wrong_all": (wrong + off_answered) / max(len(results) + len(off_topic), 1),
        "right_n": right,
        "wrong_n": wrong,
        "guess_right_n": guess_right,
        "guess_wrong_n": guess_wrong,
        "off_guessed_n": off_guessed,
        "n": len(results),
        "m": len(off_topic),
    }


def guesses_line(s: dict[str, float]) -> str:
    """ "right / wrong of guesses (share right); off-topic guessed" for a `score`."""
    guessed = s["guess_right_n"] + s["guess_wrong_n"]
    share = f"{s['guess_right_n'] / guessed:.0%} right" if guessed else "none"
    off = f"{s['off_guessed_n']:.0f} of {s['m']:.0f} off-topic"
    return f"{s['guess_right_n']:.0f} right / {s['guess_wrong_n']:.0f} wrong ({share}); {off}"


def dropped_word(in_scope: list[tuple[str, str]], off_topic: list[str]) -> tuple[list[tuple[str, str]], list[str]]:
    """Each question of three words or more once per word, with that word left out (duplicates once)."""

    def variants(text: str) -> list[str]:
        words = text.split()
        return [" ".join(words[:i] + words[i + 1 :]) for i in range(len(words))] if len(words) >= 3 else []

    pairs = list(dict.fromkeys((v, eid) for q, eid in in_scope for v in variants(q)))
    off = list(dict.fromkeys(v for q in off_topic for v in variants(q)))
    return pairs, off
