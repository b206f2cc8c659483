"""Which part of a message the FAQ search reads alone, when the whole message is hard to place.

Clients tell a story around their question. `bot.domain.faq.search` ranks the whole message first;
these functions give it the pieces to try on their own, and it keeps a piece only when that piece alone
is a sure answer (and, for a long question's clauses, names the entry the whole message ranked first).
"""

from __future__ import annotations

import re

# A long question that tells its story first ("i work 7 to 3 at the warehouse so mornings are out, do u
# have groups after work"), or asks first and tells after ("so what is an iop exactly, my counselor
# keeps saying it"), covers little of its words with any entry, so it is "not sure" even when the
# right entry ranks first. Its last clause or last two, then its first or first two, are read on their
# own. Only from LONG_QUESTION words on: from 10, read off-topic questions were answered.
LONG_QUESTION = 15
_CLAUSE_END = re.compile(r"[,.?!;:]+|\s(?:but|so|and|pero|y|entonces)\s", re.IGNORECASE)
# A message that tells first and asks last, in a sentence of its own ("I share one car with my husband.
# How many days a week would I come?"), is read by that last question when the whole is "not sure",
# whichever entry it names (read sets: +9 right, no more wrong; on the next author's set, run once: +5
# right, +2 wrong).
_SENTENCE = re.compile(r"[^.!?]+[.!?]*")
# A long message still "not sure" because its story dilutes how much of it any entry covers, while one
# entry leads clearly, is offered as a guess ("Did I get that right?"), never answered. Read sets, at 12
# words, confidence 0.2 and a lead of 0.2: 15 guesses right, none wrong, 5 of 695 off-topic guessed
# (at confidence 0.15 and a lead of 0.3: 14 right, 1 wrong, 4 off-topic; 0.1 and 0.2: 25, 8, 16).
GUESS_WORDS, GUESS_CONFIDENCE, GUESS_LEAD = 12, 0.2, 0.2
# A last question that points back ("what happens in that one?", "is it like a class?") is not read alone.
_POINTS_BACK = re.compile(
    r"\b(?:it|its|they|them|that\s+one|this\s+one|that\s+group|that\s+class|eso|esa|ese|ahi)\b", re.IGNORECASE
)


def asked_part(text: str) -> str | None:
    """The question before a remark that follows its last question mark ("what happens in group? never
    done it" -> "what happens in group?"), or None when nothing follows it."""
    question, mark, remark = text.rpartition("?")
    if not (remark.strip() and len(question.split()) >= 2):
        return None
    return question + mark


def last_question(text: str) -> str | None:
    """The last sentence when it is a question of its own after at least one other sentence, and does not
    point back at the sentence before; None otherwise."""
    sentences = [p.strip() for p in _SENTENCE.findall(text) if p.strip()]
    if len(sentences) < 2 or not sentences[-1].endswith("?") or len(sentences[-1].split()) < 3:
        return None
    return None if _POINTS_BACK.search(sentences[-1]) else sentences[-1]


def long_question_parts(text: str) -> list[str]:
    """A long question's last clause, last two, first and first two, in that order; none for a short one."""
    if len(text.split()) < LONG_QUESTION:
        return []
    clauses = [p.strip() for p in _CLAUSE_END.split(text) if p and p.strip()]
    if len(clauses) < 2:
        return []
    return [" ".join(part) for part in (clauses[-1:], clauses[-2:], clauses[:1], clauses[:2])]


def long_lead(text: str, confidence: float, margin: float) -> bool:
    """True when a long message's best entry covers some of it and leads the runner-up clearly (a guess)."""
    return len(text.split()) >= GUESS_WORDS and confidence >= GUESS_CONFIDENCE and margin >= GUESS_LEAD
