"""FAQ search: a small BM25 over the knowledge base, reranked by phrasing similarity, with small talk and crisis first.

Text is read through bot/domain/faq/words.py (slang, synonyms, typos fixed with rapidfuzz against
the FAQ's own words). Only the start of a message is searched, so a long message costs no more
than a short one.

Each language the content is written in has an index of its own, over that language's phrasings
and read with that language's word list. A question is searched in the language it is written in
(`LanguageGuess`: which language's words it uses; the reader's language when it cannot tell), and
the result says which (`SearchResult.lang`), so the answer can be given in it.

Past crisis and small talk, a question gets one of three results: an "answer" meets every threshold;
a "guess" missed only the margin, by a little, with the question's wording on the top entry's side
too (the bot shows it and asks "Did I get that right?"); anything else is "not sure", with the
closest entries to pick from.
"""

from __future__ import annotations

import math
import re
from collections import Counter, OrderedDict
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.domain.faq import parts
from bot.domain.faq.content import SOURCE, FaqEntry, KnowledgeBase
from bot.domain.faq.words import Words, default_words, fold
from bot.domain.safety.screen import Level, screen

MAX_QUESTION_CHARS = 500  # longer messages are searched (and logged as gaps) by their start only
# The crisis screen reads more than is searched (crisis words may come late), but never more
# than one Telegram message holds.
MAX_SCREENED_CHARS = 4096
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")

Kind = Literal["answer", "guess", "not_sure", "smalltalk", "crisis"]


@dataclass(frozen=True, slots=True)
class SearchResult:
    kind: Kind
    entry: FaqEntry | None = None  # set only when kind is "answer" or "guess"
    score: float = 0.0  # confidence 0..1 (share of the question's meaning the entry covers)
    alternatives: tuple[FaqEntry, ...] = ()  # the next closest entries, at most three
    margin: float = 0.0  # lead of the best entry over the runner-up (0..1); small = too close to call
    lang: str = SOURCE  # the language the question was read (and searched) in


def is_crisis(text: str) -> bool:
    """Explicit crisis language: the same verdict as `screen.is_crisis` (the learned layer only ever
    raises a message to "possible")."""
    # The guard screened this text (with the model) a moment ago: that reading is reused, and its
    # explicit verdict is the rules' own (the model only ever raises to possible).
    return screen(text, model=True).level is Level.EXPLICIT


# ------------------------------------------------------------------------ index

_K1, _B = 1.6, 0.75  # BM25 defaults-ish; results were flat across 0.5-1.6 and 0.25-0.75
_ANSWER_WEIGHT = 0.35  # the answer text helps ranking but is not how people phrase questions
_CENTRAL_TF = 2.0  # weighted occurrences after which a term is central to an entry
_UNKNOWN_FACTOR = 1.25  # an unknown word outweighs the rarest known one: it is probably off-topic
_MAX_WORDS = 60  # a question is never longer; bounds the cost of a 4096-character message
_RERANK = 6  # candidates reranked by phrasing similarity
_FUZZ_WEIGHT = 0.5  # share of the final score from phrasing similarity
MIN_CONFIDENCE = 0.3  # below this share of the question's meaning covered: "not sure"
MIN_MARGIN = 0.1  # best score must beat the runner-up by this fraction: else "not sure"
# A lone everyday word ("help", "iop", "groups") is too vague to pick one article for.
MIN_SPECIFICITY = 1.0  # least total idf of the matched words
# A guess: confident and specific enough to answer, but the lead is short of MIN_MARGIN. It is still
# a guess when the lead is at least GUESS_MARGIN and the question's wording is at least as close to
# the top entry's phrasings as to the runner-up's. Chosen on the labelled sets only (bench/faq_bench.py):
# there 3 guesses, all right, no off-topic one; on their one-word-dropped variants, 22 right / 8 wrong
# and 4 of 505 off-topic (a lead of 0.05-0.07 was a coin flip there: 14 / 12). A clear lead below
# MIN_CONFIDENCE is no guess: there it is mostly an off-topic question riding on one word ("whats a
# good book to read"; 13 of 95 off-topic labelled questions would have been guessed at 0.2).
GUESS_MARGIN = 0.07
# A long question's clauses (bot.domain.faq.parts) answer for it only when the whole question still
# covers some of its words with the entry they name (LONG_CONFIDENCE) and ranks it clearly first
# (MIN_MARGIN): a story about a dog at the vet ending "what should i bring" covers 0.10.
LONG_CONFIDENCE = 0.15


@dataclass(frozen=True, slots=True)
class Ranking:
    """One question's ranking in one language: entries best first (position, 0..1 score), the best one's
    confidence, the question's specificity, and how much closer its wording is to the best entry's
    phrasings than to the runner-up's (-1..1; negative: the wording favours the runner-up)."""

    ranked: list[tuple[int, float]]
    confidence: float = 0.0
    specificity: float = 0.0
    wording_lead: float = 0.0


class LanguageIndex:
    """The index of one language: BM25 postings over its phrasings and answers, and its spelling fixes.

    Positions are those of `kb.entries`, so every language's ranking names the same entries.
    """

    def __init__(self, kb: KnowledgeBase, lang: str, words: Words) -> None:
        self.lang, self.words = lang, words
        w = words
        self.members = [i for i, e in enumerate(kb.entries) if e.has(lang)]
        n = len(self.members)
        tfs: dict[int, dict[str, float]] = {}
        surface: set[str] = set(w.synonyms)
        for i in self.members:
            e = kb.entries[i].text(lang)
            phr = Counter[str]()
            for text in (e.question, *e.asked):
                tokens = w.surface_tokens(text)
                surface.update(tokens)
                phr.update(t for t in map(w.term, tokens) if t)
            ans_words = w.surface_tokens(_PLACEHOLDER.sub(" ", e.answer_template or e.answer))
            surface.update(ans_words)
            ans = Counter(t for t in map(w.term, ans_words) if t)
            tf = {t: float(c) for t, c in phr.items()}
            for t, c in ans.items():
                tf[t] = tf.get(t, 0.0) + _ANSWER_WEIGHT * c
            tfs[i] = tf
        self._tf = tfs
        df = Counter(t for tf in tfs.values() for t in tf)
        self._idf = {t: math.log(1 + (n - d + 0.5) / (d + 0.5)) for t, d in df.items()}
        self._unknown_idf = _UNKNOWN_FACTOR * max(self._idf.values(), default=1.0)
        avg_len = sum(sum(tf.values()) for tf in tfs.values()) / max(n, 1)
        # Postings hold the precomputed BM25 term weight per entry, so ask() only adds numbers.
        self._postings: dict[str, list[tuple[int, float]]] = {}
        for i, tf in tfs.items():
            norm = _K1 * (1 - _B + _B * sum(tf.values()) / avg_len)
            for t, f in tf.items():
                self._postings.setdefault(t, []).append((i, self._idf[t] * f * (_K1 + 1) / (f + norm)))
        # Surface phrasings (stop words kept) for the rapidfuzz rerank of the top candidates.
        self._phrasings: dict[int, list[str]] = {}
        for i in self.members:
            mine = kb.entries[i].text(lang)
            self._phrasings[i] = [" ".join(w.surface_tokens(t)) for t in (mine.question, *mine.asked)]
        self.surface_vocab = frozenset(surface)
        self._surface_vocab = sorted(s for s in surface if s not in w.stop and s.isalpha() and len(s) > 2)
        self._fix_cache: OrderedDict[str, str | None] = OrderedDict()

    # -- spelling -------------------------------------------------------------

    def _fix(self, word: str) -> str | None:
        """Closest FAQ word to an unknown word, within a typo's distance; cached (bounded)."""
        if word in self._fix_cache:
            self._fix_cache.move_to_end(word)
            return self._fix_cache[word]
        best: str | None = None
        # Short words are left alone: one edit turns too many of them into other words.
        if word.isalpha() and len(word) >= 5:
            limit = 1 if len(word) <= 8 else 2
            hits = process.extract(word, self._surface_vocab, scorer=OSA.distance, score_cutoff=limit, limit=5)
            # Typos rarely hit the first letter; demanding it keeps "iphone" from becoming "phone".
            hits = [h for h in hits if h[0][0] == word[0]]
            if hits:
                best = min(hits, key=lambda h: (h[1], h[2]))[0]
        self._fix_cache[word] = best
        if len(self._fix_cache) > 4096:
            self._fix_cache.popitem(last=False)
        return best

    def query_terms(self, text: str) -> tuple[list[str], int]:
        """Index terms of a question, and how many of its words matched nothing in the FAQ."""
        return self._terms(self._surface(text))

    def _terms(self, surface: list[str]) -> tuple[list[str], int]:
        terms: list[str] = []
        unknown = 0
        for word in surface[:_MAX_WORDS]:
            term = self.words.term(word)
            if term is None:
                continue
            if term not in self._idf:
                fixed = self._fix(word)
                term = self.words.term(fixed) if fixed else None
                if term is None or term not in self._idf:
                    unknown += 1
                    continue
            if term not in terms:
                terms.append(term)
        return terms, unknown

    def _surface(self, text: str) -> list[str]:
        """Surface words of a question's start: the length cap comes before any pattern runs."""
        return self.words.surface_tokens(text[:MAX_QUESTION_CHARS])

    def rank(self, text: str) -> tuple[list[tuple[int, float]], float, float]:
        """Entries best first with a 0..1 relevance score, the confidence of the best one,
        and how specific the question's known words are (their total idf)."""
        found = self.ranking(text)
        return found.ranked, found.confidence, found.specificity

    def ranking(self, text: str) -> Ranking:
        """`rank`, with how far the question's wording favours the best entry over the runner-up.

        BM25 finds candidates; the top few are then reranked by how closely the question's
        wording (function words included, which BM25 ignores) resembles one of the entry's
        phrasings. That separates sibling entries such as "what is iop" vs "who is iop for".
        """
        words = self._surface(text)
        terms, unknown = self._terms(words)
        scores: dict[int, float] = {}
        for t in terms:
            for i, w in self._postings[t]:
                scores[i] = scores.get(i, 0.0) + w
        if not scores:
            return Ranking([])
        ranked = sorted(scores.items(), key=lambda kv: -kv[1])
        top_bm25 = ranked[0][1]
        surface = " ".join(words[:_MAX_WORDS])
        reranked, sims = [], {}
        for i, bm in ranked[:_RERANK]:
            best_phrasing = process.extractOne(surface, self._phrasings[i], scorer=fuzz.token_sort_ratio)
            sims[i] = (best_phrasing[1] if best_phrasing is not None else 0.0) / 100
            reranked.append((i, (1 - _FUZZ_WEIGHT) * bm / top_bm25 + _FUZZ_WEIGHT * sims[i]))
        reranked.sort(key=lambda kv: -kv[1])
        lead = sims[reranked[0][0]] - (sims[reranked[1][0]] if len(reranked) > 1 else 0.0)
        reranked += [(i, (1 - _FUZZ_WEIGHT) * bm / top_bm25) for i, bm in ranked[_RERANK:]]
        best = reranked[0][0]
        tf = self._tf[best]
        total = sum(self._idf[t] for t in terms) + unknown * self._unknown_idf
        # A term counts fully once the entry is about it (it recurs in its phrasings); a word
        # that appears once, or only in the answer, counts in part. Keeps "is it cold outside"
        # from riding on one stray "outside" in an entry.
        covered = sum(self._idf[t] * min(1.0, tf.get(t, 0.0) / _CENTRAL_TF) for t in terms)
        confidence = covered / total if total else 0.0
        return Ranking(reranked, confidence, sum(self._idf[t] for t in terms), lead)


_MARKS = frozenset("áéíóúüñ¿¡")  # written only in Spanish among the languages the FAQ reads


class LanguageGuess:
    """Which of the indexed languages a question is written in, from the words it uses.

    A word counts for a language when that language's word list or FAQ text has it and no other
    language's does ("cuanto", "q", "horario" for Spanish; "what", "hours" for English); words
    both share ("no", "iop", "me") count for neither. An accent, "ñ", "¿" or "¡" counts for
    Spanish. The language with more counts wins; a tie (say "iop?") goes to the reader's.
    Costs one pass of set look-ups, far less than a statistical detector.
    """

    def __init__(self, indexes: dict[str, LanguageIndex]) -> None:
        vocab = {lang: ix.words.known | ix.surface_vocab for lang, ix in indexes.items()}
        self._only = {
            lang: frozenset(words - frozenset().union(*(v for other, v in vocab.items() if other != lang)))
            for lang, words in vocab.items()
        }
        self._langs = tuple(indexes)

    def scores(self, text: str) -> dict[str, int]:
        text = text[:MAX_QUESTION_CHARS]
        words = [t for t in _WORD_SPLIT.split(fold(text)) if t][:_MAX_WORDS]
        found = {lang: sum(1 for t in words if t in only) for lang, only in self._only.items()}
        if "es" in found and not _MARKS.isdisjoint(text.lower()):
            found["es"] += 1
        return found

    def __call__(self, text: str, prefer: str = SOURCE) -> str:
        if len(self._langs) == 1:
            return self._langs[0]
        found = self.scores(text)
        best = max(found.values())
        leaders = [lang for lang, n in found.items() if n == best]
        if len(leaders) == 1:
            return leaders[0]
        return prefer if prefer in leaders else (SOURCE if SOURCE in leaders else leaders[0])


_WORD_SPLIT = re.compile(r"[^a-z0-9]+")


class FaqIndex:
    """Built once per KnowledgeBase; `ask` is then cheap (dict look-ups plus a cached spell fix).

    One `LanguageIndex` per language the content is written in; `words` is the English reading.
    """

    def __init__(
        self,
        kb: KnowledgeBase,
        *,
        min_confidence: float = MIN_CONFIDENCE,
        min_margin: float = MIN_MARGIN,
        guess_margin: float = GUESS_MARGIN,
        words: Words | None = None,
        words_in: dict[str, Words] | None = None,
    ) -> None:
        self.kb = kb
        self.words = words or default_words()
        self.min_confidence = min_confidence
        self.min_margin = min_margin
        self.guess_margin = guess_margin
        self.indexes: dict[str, LanguageIndex] = {SOURCE: LanguageIndex(kb, SOURCE, self.words)}
        for lang in kb.languages:
            if lang != SOURCE:
                self.indexes[lang] = LanguageIndex(kb, lang, (words_in or {}).get(lang) or default_words(lang))
        self.language = LanguageGuess(self.indexes)

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.indexes)

    def _index(self, text: str, lang: str | None) -> LanguageIndex:
        return self.indexes.get(lang or self.language(text)) or self.indexes[SOURCE]

    def query_terms(self, text: str, lang: str | None = None) -> tuple[list[str], int]:
        """Index terms of a question (in `lang`, by default the one it is written in), and its unknown words."""
        return self._index(text, lang).query_terms(text)

    def rank(self, text: str, lang: str | None = None) -> tuple[list[tuple[int, float]], float, float]:
        """`LanguageIndex.rank` in `lang`, by default the language the question is written in."""
        return self._index(text, lang).rank(text)

    # -- asking ---------------------------------------------------------------

    def ask(self, text: str, prefer: str = SOURCE) -> SearchResult:
        """Crisis first, then small talk, then the best entry (an answer or a guess) or "not sure" with alternatives.

        The question is read in the language it is written in; `prefer` (the reader's language)
        decides when its words could be either.
        """
        # Checked first, on more than is searched: crisis words may come late in a message,
        # and crisis language is never answered with an article.
        if is_crisis(text[:MAX_SCREENED_CHARS]):
            return SearchResult("crisis", lang=self.language(text, prefer))
        text = text[:MAX_QUESTION_CHARS]
        index = self.indexes.get(self.language(text, prefer)) or self.indexes[SOURCE]
        lang = index.lang
        if index.words.is_smalltalk(text) or (lang != SOURCE and self.words.is_smalltalk(text)):
            return SearchResult("smalltalk", lang=lang)
        found = self._answering(index, parts.asked_part(text)) or index.ranking(text)
        ranked, entries = found.ranked, self.kb.entries
        if not ranked:
            return SearchResult("not_sure", lang=lang)
        kind, confidence, margin = self._decide(found)
        if kind is None and confidence >= LONG_CONFIDENCE and margin >= self.min_margin:
            tail = self._question_part(index, text, ranked[0][0])
            if tail is not None:
                kind, (confidence, margin) = "answer", tail
        if kind is None and (last := self._answering(index, parts.last_question(text))) is not None:
            ranked = last.ranked
            kind, confidence, margin = self._decide(last)
        if kind is None and parts.long_lead(text, confidence, margin) and found.specificity >= MIN_SPECIFICITY:
            kind = "guess"  # its story dilutes the question: the clear leader is offered, to be confirmed
        if kind is None:
            return SearchResult("not_sure", None, confidence, tuple(entries[i] for i, _ in ranked[:3]), margin, lang)
        others = tuple(entries[i] for i, _ in ranked[1:4])
        return SearchResult(kind, entries[ranked[0][0]], confidence, others, margin, lang)

    def _decide(self, found: Ranking) -> tuple[Kind | None, float, float]:
        """An answer, a guess or None (not sure) for a ranking, with its confidence and margin."""
        ranked = found.ranked
        top = ranked[0][1]
        second = ranked[1][1] if len(ranked) > 1 else 0.0
        margin = round((top - second) / top if top else 0.0, 3)
        confidence = round(found.confidence, 3)
        sure = confidence >= self.min_confidence and found.specificity >= MIN_SPECIFICITY
        if sure and margin >= self.min_margin:
            return "answer", confidence, margin
        if sure and margin >= self.guess_margin and found.wording_lead >= 0:
            return "guess", confidence, margin
        return None, confidence, margin

    def _answering(self, index: LanguageIndex, part: str | None) -> Ranking | None:
        """The ranking of a part of a message (bot.domain.faq.parts) when it alone is a sure answer; None
        otherwise, or when the message has no such part."""
        if part is None:
            return None
        found = index.ranking(part)
        return found if found.ranked and self._decide(found)[0] == "answer" else None

    def _question_part(self, index: LanguageIndex, text: str, top: int) -> tuple[float, float] | None:
        """The confidence and margin of a long question's clause (bot.domain.faq.parts), the first that alone
        is a sure answer naming `top`; None otherwise."""
        for part in parts.long_question_parts(text):
            found = self._answering(index, part)
            if found is not None and found.ranked[0][0] == top:
                return self._decide(found)[1:]
        return None
