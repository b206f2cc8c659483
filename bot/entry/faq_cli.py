"""The FAQ's command-line tools: try a question, and check a content file before it goes live.

Both return (text to print, exit code) so the CLI stays a thin wrapper and tests need no I/O.
Exit codes: 0 ok/answered, 1 not sure (ask) or problems found (check), 2 content unusable (ask).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from bot.domain.faq import (
    DEFAULT_PATH,
    MIN_CONFIDENCE,
    FaqContentError,
    FaqIndex,
    parse_knowledge_base,
    validate,
)


def ask_command(question: str, facts: Mapping[str, str], path: Path | str | None = None) -> tuple[str, int]:
    """What the bot would reply to `question`, with the entry id and score, and an exit code."""
    source = Path(path) if path is not None else DEFAULT_PATH
    try:
        kb = parse_knowledge_base(source.read_text(encoding="utf-8"), facts)
    except OSError as exc:
        return f"cannot read {source}: {exc.strerror or exc}", 2
    except FaqContentError as exc:
        return "the FAQ content has problems; run the check first:\n" + "\n".join(exc.problems), 2
    result = FaqIndex(kb).ask(question)
    if result.kind == "crisis":
        return "crisis: crisis language detected; the bot shows crisis help, never an FAQ answer", 0
    if result.kind == "smalltalk":
        return "smalltalk: the bot replies in kind and offers help; no FAQ answer", 0
    if result.kind == "answer" and result.entry is not None:
        answer = result.entry.text(result.lang).answer  # in the question's language when the entry has it
        return f"{answer}\n\n[entry: {result.entry.id} | score: {result.score:.2f} | language: {result.lang}]", 0
    if result.kind == "guess" and result.entry is not None:
        answer = result.entry.text(result.lang).answer
        about = f"entry: {result.entry.id} | score: {result.score:.2f} | lead: {result.margin:.2f}"
        about += f" | language: {result.lang}"
        return f'guess, shown with "Did I get that right?":\n{answer}\n\n[{about}]', 0
    closest = ", ".join(e.id for e in result.alternatives) or "none"
    why = "too close to call" if result.score >= MIN_CONFIDENCE else "low confidence"
    return f"not sure ({why}; score: {result.score:.2f}, lead: {result.margin:.2f}); closest: {closest}", 1


def check_command(path: Path | str | None, facts: Mapping[str, str]) -> tuple[str, int]:
    """List every problem in the FAQ file at `path` (None: the shipped one), or confirm it is ready."""
    source = Path(path) if path is not None else DEFAULT_PATH
    try:
        text = source.read_text(encoding="utf-8")
    except OSError as exc:
        return f"cannot read {source}: {exc.strerror or exc}", 1
    except UnicodeDecodeError:
        return f"{source} is not UTF-8 text", 1
    problems = validate(text, facts)
    if problems:
        noun = "problem" if len(problems) == 1 else "problems"
        return f"{len(problems)} {noun} in {source}:\n" + "\n".join(f"- {p}" for p in problems), 1
    kb = parse_knowledge_base(text, facts)
    return f"ok: {len(kb.entries)} entries in {len(kb.categories)} categories", 0
