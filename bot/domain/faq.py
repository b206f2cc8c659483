"""FAQ knowledge base: load and check bot/domain/content/faq.yaml, and answer questions from it.

Pure domain code (no Telegram), shared by the bot, the CLI and the tests.
Retrieval is a small BM25 over entries, on text normalised for client writing
(slang, abbreviations, synonyms, typos fixed with rapidfuzz against the FAQ's own words).
"""

from __future__ import annotations

import math
import re
import string
import unicodedata
from collections import Counter, OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import yaml
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.domain.crisis_screen import is_crisis

DEFAULT_PATH = Path(__file__).parent / "content" / "faq.yaml"
MAX_ANSWER_CHARS = 700  # about one phone screen
MAX_QUESTION_CHARS = 500  # longer messages are searched (and logged as gaps) by their start only
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ENTRY_KEYS = {"id", "question", "asked", "answer", "category", "related"}
_REQUIRED = ("id", "question", "asked", "answer", "category")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ~10x faster

Kind = Literal["answer", "not_sure", "smalltalk", "crisis"]


# --------------------------------------------------------------------------- model


@dataclass(frozen=True, slots=True)
class Category:
    id: str
    title: str


@dataclass(frozen=True, slots=True)
class FaqEntry:
    id: str
    question: str  # placeholders already filled
    asked: tuple[str, ...]
    answer: str  # placeholders already filled; plain text (escape before sending as HTML)
    category: str
    related: tuple[str, ...] = ()
    # The answer before filling, so search does not depend on how settings are worded.
    answer_template: str = field(default="", repr=False, compare=False)


@dataclass(frozen=True)
class KnowledgeBase:
    entries: tuple[FaqEntry, ...]
    categories: tuple[Category, ...]  # in file order
    by_id: Mapping[str, FaqEntry] = field(repr=False)

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, entry_id: str) -> FaqEntry | None:
        return self.by_id.get(entry_id)

    def in_category(self, category_id: str) -> tuple[FaqEntry, ...]:
        return tuple(e for e in self.entries if e.category == category_id)

    def related_to(self, entry: FaqEntry) -> tuple[FaqEntry, ...]:
        return tuple(self.by_id[r] for r in entry.related if r in self.by_id)


@dataclass(frozen=True, slots=True)
class SearchResult:
    kind: Kind
    entry: FaqEntry | None = None  # set only when kind == "answer"
    score: float = 0.0  # confidence 0..1 (share of the question's meaning the entry covers)
    alternatives: tuple[FaqEntry, ...] = ()  # the next closest entries, at most three
    margin: float = 0.0  # lead of the best entry over the runner-up (0..1); small = too close to call


Answer = SearchResult  # both names are used by callers


class FaqContentError(ValueError):
    """The FAQ file has problems; `problems` lists them all, one line each."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__("FAQ content is invalid:\n" + "\n".join(self.problems))


# ---------------------------------------------------------------------- loading


def validate(text: str, facts: Mapping[str, str]) -> list[str]:
    """Every problem in the FAQ text, one human-readable line each (empty list = ok)."""
    return _check(text, facts)[0]


def parse_knowledge_base(text: str, facts: Mapping[str, str]) -> KnowledgeBase:
    problems, kb = _check(text, facts)
    if problems or kb is None:
        raise FaqContentError(problems or ["no content"])
    return kb


def load_default(facts: Mapping[str, str]) -> KnowledgeBase:
    return parse_knowledge_base(DEFAULT_PATH.read_text(encoding="utf-8"), facts)


def _fill(template: str, facts: Mapping[str, str], where: str, problems: list[str]) -> str:
    """Fill {placeholders}; unknown names and stray braces are reported, not raised."""
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]
    except ValueError as exc:
        problems.append(f"{where}: bad braces ({exc}); write {{{{ or }}}} for a literal brace")
        return template
    unknown = sorted({n for n in names if n not in facts})
    if unknown:
        known = ", ".join("{" + k + "}" for k in facts)
        shown = ", ".join("{" + n + "}" for n in unknown)
        problems.append(f"{where}: unknown placeholder {shown} (known: {known})")
        return template
    return template.format_map(facts)


def _entry_lines(text: str) -> tuple[list[int], list[int]]:
    """Line numbers of each category and entry item, so problems can point into the file."""
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError:
        return [], []
    found: dict[str, list[int]] = {"categories": [], "entries": []}
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if key.value in found and isinstance(value, yaml.SequenceNode):
                found[key.value] = [item.start_mark.line + 1 for item in value.value]
    return found["categories"], found["entries"]


def _check(text: str, facts: Mapping[str, str]) -> tuple[list[str], KnowledgeBase | None]:
    try:
        data = yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        reason = getattr(exc, "problem", None) or str(exc)
        return [f"{where}YAML syntax error: {reason}"], None
    if not isinstance(data, dict):
        return ["the file must be a mapping with 'categories' and 'entries'"], None
    problems: list[str] = []
    for key in sorted(set(data) - {"categories", "entries"}, key=str):
        problems.append(f"unknown top-level key {key!r} (expected 'categories' and 'entries')")
    cat_lines, entry_lines = _entry_lines(text)

    categories: list[Category] = []
    raw_cats = data.get("categories")
    if not isinstance(raw_cats, list) or not raw_cats:
        problems.append("'categories' must be a non-empty list")
        raw_cats = []
    for i, item in enumerate(raw_cats):
        where = f"category {i + 1}" + (f" (line {cat_lines[i]})" if i < len(cat_lines) else "")
        if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not _SLUG.match(item["id"]):
            problems.append(f"{where}: needs an 'id' slug like 'about-iop'")
            continue
        if not isinstance(item.get("title"), str) or not item["title"].strip():
            problems.append(f"{where}: needs a non-empty 'title'")
            continue
        if any(c.id == item["id"] for c in categories):
            problems.append(f"{where}: duplicate category id {item['id']!r}")
            continue
        categories.append(Category(item["id"], item["title"].strip()))
    cat_ids = {c.id for c in categories}

    raw_entries = data.get("entries")
    if not isinstance(raw_entries, list) or not raw_entries:
        problems.append("'entries' must be a non-empty list")
        raw_entries = []
    entries: list[FaqEntry] = []
    seen_ids: set[str] = set()
    all_ids = {e.get("id") for e in raw_entries if isinstance(e, dict)}
    phrasing_owner: dict[str, str] = {}
    for i, item in enumerate(raw_entries):
        line = f", line {entry_lines[i]}" if i < len(entry_lines) else ""
        if not isinstance(item, dict):
            problems.append(f"entry {i + 1}{line}: must be a mapping of fields")
            continue
        eid = item.get("id")
        where = f"entry {i + 1} ({eid if isinstance(eid, str) else 'no id'}{line})"
        before = len(problems)
        for key in sorted(set(item) - _ENTRY_KEYS, key=str):
            problems.append(f"{where}: unknown field {key!r}")
        for key in _REQUIRED:
            if key not in item or item[key] is None:
                problems.append(f"{where}: missing field {key!r}")
        if len(problems) > before:
            continue
        if not isinstance(eid, str) or not _SLUG.match(eid):
            problems.append(f"{where}: id must be a slug of lower-case words joined by '-'")
        elif eid in seen_ids:
            problems.append(f"{where}: duplicate id {eid!r}")
        seen_ids.add(eid if isinstance(eid, str) else "")
        question, answer, category = item["question"], item["answer"], item["category"]
        if not isinstance(question, str) or not question.strip():
            problems.append(f"{where}: question is empty")
            question = ""
        if not isinstance(answer, str) or not answer.strip():
            problems.append(f"{where}: answer is empty")
            answer = ""
        asked = item["asked"]
        if not isinstance(asked, list) or not asked or not all(isinstance(a, str) and a.strip() for a in asked):
            problems.append(f"{where}: 'asked' must be a list of one or more non-empty questions")
            asked = []
        for phrasing in [question, *asked]:
            key = " ".join(phrasing.casefold().split())
            owner = phrasing_owner.setdefault(key, str(eid))
            if key and owner != eid:
                problems.append(f"{where}: question {phrasing!r} is also used by {owner!r}")
        if category not in cat_ids:
            problems.append(f"{where}: unknown category {category!r} (known: {', '.join(sorted(cat_ids))})")
        related = item.get("related") or []
        if not isinstance(related, list) or not all(isinstance(r, str) for r in related):
            problems.append(f"{where}: 'related' must be a list of entry ids")
            related = []
        for r in related:
            if r == eid:
                problems.append(f"{where}: related lists the entry itself")
            elif r not in all_ids:
                problems.append(f"{where}: related id {r!r} does not exist")
        question = _fill(question.strip(), facts, f"{where} question", problems)
        filled = _fill(answer.strip(), facts, f"{where} answer", problems)
        if len(filled) > MAX_ANSWER_CHARS:
            problems.append(
                f"{where}: answer is {len(filled)} characters once filled in; keep it under {MAX_ANSWER_CHARS}"
            )
        entries.append(
            FaqEntry(
                str(eid),
                question,
                tuple(a.strip() for a in asked),
                filled,
                str(category),
                tuple(related),
                answer.strip(),
            )
        )
    used = {item.get("category") for item in raw_entries if isinstance(item, dict)}  # no cascades
    for c in categories:
        if c.id not in used:
            problems.append(f"category {c.id!r} has no entries")
    if problems:
        return problems, None
    return [], KnowledgeBase(tuple(entries), tuple(categories), {e.id: e for e in entries})


# ------------------------------------------------------------------ normalising

# Chat shorthand -> words, applied per token before anything else.
_SLANG = {
    "u": "you",
    "ya": "you",
    "r": "are",
    "ur": "your",
    "y": "why",
    "wat": "what",
    "wut": "what",
    "wht": "what",
    "whats": "what",
    "hw": "how",
    "wen": "when",
    "wheres": "where",
    "wher": "where",
    "thx": "thanks",
    "ty": "thanks",
    "tnx": "thanks",
    "pls": "please",
    "plz": "please",
    "meds": "medication",
    "med": "medication",
    "aa": "alcoholics anonymous",
    "na": "narcotics anonymous",
    "hrs": "hours",
    "hr": "hour",
    "wk": "week",
    "wks": "weeks",
    "mo": "month",
    "mos": "months",
    "mins": "minutes",
    "min": "minutes",
    "tmrw": "tomorrow",
    "tmr": "tomorrow",
    "2day": "today",
    "tonite": "tonight",
    "2nite": "tonight",
    "nite": "night",
    "ppl": "people",
    "sesh": "session",
    "grp": "group",
    "grps": "groups",
    "fam": "family",
    "gf": "girlfriend",
    "bf": "boyfriend",
    "doc": "doctor",
    "dr": "doctor",
    "appt": "appointment",
    "rx": "prescription",
    "tx": "treatment",
    "dx": "diagnosis",
    "cuz": "because",
    "bc": "because",
    "abt": "about",
    "bout": "about",
    "info": "information",
    "eval": "evaluation",
    "psych": "psychiatric",
    "gonna": "going to",
    "wanna": "want to",
    "gotta": "have to",
    "prolly": "probably",
    "iops": "iop",
    "12step": "twelvestep",
    "ok": "okay",
    "k": "okay",
    "pm": "evening",
}

# Multi-word expressions -> one token, applied to the whole (slang-expanded) text.
_PHRASES = tuple(
    (re.compile(p), " " + r + " ")
    for p, r in (
        (r"\b(?:1|one)\s*(?:on|to|-)?\s*(?:1|one)\b", "individual"),
        (r"\b(?:12|twelve)\s*steps?\b", "twelvestep"),
        (r"\bco\s*occurr?ing\b|\bdual\s+diagnos[ie]s\b", "cooccurring"),
        (r"\bpsycho\s*ed(?:ucation(?:al)?)?\b|\bpsychoeducational\b", "psychoeducation"),
        (r"\bmedications?\s+assisted(?:\s+treatment)?\b", "mat"),
        (r"\bafter\s*care\b", "after"),
        (r"\bsay(?:ing)?\s+no\b|\bturn(?:ing)?\s+(?:it\s+|them\s+)?down\b", "refuse"),
        (r"\b(?:per|a|each|every|an?)\s+weeks?\b|\bweekly\b", "perweek"),
        (r"\bevery\s*day\b|\bdaily\b|\beach\s+day\b", "everyday"),
        (r"\blast\s+(?:night|weekend|week|time)\b|\byesterday\b", "recently"),
        (r"\b(?:your|clinic|clinics|opening|business|office)\s+hours?\b", "open"),
        (r"\bday\s+one\b|\bfirst\s+(?:day|time|visit|session)\b", "first"),
        (r"\bopen\s+up\b", "talk"),
        (r"\bmess(?:ed)?\s+up\b|\bslip(?:ped)?\s+up\b|\bfell\s+off\b", "slip"),
        (r"\bmental\s+(?:health|illness|illnesses|disorders?)\b", "mentalhealth"),
        (r"\bself\s+control\b", "control"),
        (r"\bhigh\s+risk\b", "risk"),
        (r"\bright\s+now\b", "now"),
        # "what do we do in ...", "what happens in ..." ask about activities
        (
            r"\bwhat\s+(?:\w+\s+){0,3}?(?:do|will|would|does)\s+(?:we|you|i|they|people|one)\s+"
            r"(?:actually\s+|even\s+)?do\s+(?:in|at|during)\b"
            r"|\bwhat\s+(?:happens|goes\s+on)\s+(?:in|at|during)\b",
            "activities",
        ),
        # "does it work?", "will this program help?" ask whether treatment is effective
        # "how does group work?" asks how it runs: drop "work", which would mean a job
        (r"\bhow\s+(?:does|do|will|would)\s+((?:\w+\s+){1,3}?)works?\b", r"how \1"),
        # ("does group work?" without "how" asks whether it works)
        (
            r"(?<!how )\b(?:does|do|will|would|did|can)\s+(?:(?:the|this|that|outpatient|intensive|group|iop)\s+){0,2}"
            r"(?:it|this|that|iop|outpatient|treatment|program|programs|stuff|therapy|groups?|rehab)\s+"
            r"(?:even\s+|really\s+|actually\s+)?(?:work|help)s?\b",
            "effective",
        ),
        # questions about the bot itself
        (
            r"\bwhat\s+(?:can|do)\s+you\s+(?:do|help)\b(?!\s+(?:about|for|with|if|when|in|at|during|to)\b)|\bwho\s+(?:am\s+i\s+talking|is\s+this|are\s+you)\b"
            r"|\bare\s+you\s+(?:an?\s+)?(?=real|human|person|therapist|bot|robot|ai|machine|computer)",
            "bot ",
        ),
        # "what is X?" asks for a definition; the cue favours the entry that defines X
        (r"\bwhat\s+(?:is|are|s)\s+(?:an?\s+|this\s+|that\s+)?(?=\w)", "whatis "),
        (r"\bhours\s+of\s+operation\b|\boperating\s+hours\b", "open"),
        (r"\bget(?:ting)?\s+better\b", "effective"),
        (r"\bsocial\s+anxiety\b", "nervous"),
        # reaching out for someone to talk to is a call for help, not a question about groups
        (r"\bneed\s+(?:someone|somebody|some\s+one|anyone|a\s+person)\s+to\s+talk\s+to\b", "crisis"),
        (r"\b(?:i\s*am|im|feel|feeling)\s+not\s+(?:okay|alright)\b|\bnot\s+doing\s+(?:okay|well)\b", "crisis"),
        (r"\blook(?:ing)?\s+after\b|\btak(?:e|ing)\s+care\s+of\b|\bcare\s+for\b", "care"),
    )
)

# Words that carry no meaning for matching. Dropping them keeps the confidence measure honest.
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "i",
        "me",
        "my",
        "mine",
        "myself",
        "you",
        "your",
        "yours",
        "we",
        "us",
        "our",
        "he",
        "she",
        "him",
        "her",
        "they",
        "them",
        "their",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "is",
        "am",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "do",
        "does",
        "did",
        "doing",
        "have",
        "has",
        "had",
        "having",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "about",
        "as",
        "by",
        "from",
        "into",
        "onto",
        "and",
        "or",
        "but",
        "if",
        "so",
        "than",
        "then",
        "there",
        "here",
        "what",
        "which",
        "whom",
        "how",
        "just",
        "also",
        "too",
        "very",
        "such",
        "really",
        "even",
        "ever",
        "still",
        "any",
        "anything",
        "some",
        "something",
        "thing",
        "things",
        "stuff",
        "get",
        "got",
        "getting",
        "go",
        "goes",
        "want",
        "wanted",
        "need",
        "know",
        "like",
        "please",
        "tell",
        "let",
        "lets",
        "im",
        "ive",
        "id",
        "ill",
        "youre",
        "theyre",
        "isnt",
        "arent",
        "dont",
        "doesnt",
        "didnt",
        "wont",
        "yes",
        "no",
        "not",
        "okay",
        "hey",
        "hi",
        "hello",
        "thanks",
        "guys",
        "kind",
        "sort",
        "lot",
        "lots",
        "much",
        "many",
        "exactly",
        "actually",
        "basically",
        "literally",
        "pretty",
        "again",
        "sure",
        "mean",
        "means",
        "meant",
        "whatever",
        "someone",
        "somebody",
        "anyone",
        "anybody",
        "one",
        "ones",
        "thanks",
        "thank",
        "btw",
        "tho",
        "though",
        "ok",
        "yeah",
        "yep",
        "um",
        "uh",
        "hmm",
        "oh",
        "well",
        "able",
        "available",
        "gonna",
        "wanna",
        "gotta",
        "probably",
        "maybe",
        "all",
        "meaning",
        "every",
        "everything",
        "other",
        "another",
        "same",
        "such",
        "own",
        "way",
        "ways",
        "make",
        "makes",
        "made",
        "give",
        "given",
        "going",
        "till",
        "until",
        "til",
        "called",
        "named",
    ]
)

# Surface word -> shared concept, so different wordings meet on one term.
_SYNONYMS: dict[str, str] = {}
for _canon, _words in {
    "work": "job jobs working works career employer boss shift shifts workplace",
    "school": "college uni university studies studying study student homework",
    "family": "kids kid children child wife husband partner spouse parents parent mom mum dad "
    "mother father families loved relatives son daughter boyfriend girlfriend sister brother",
    "medication": "medications medicine medicines pill pills prescription prescriptions "
    "antidepressant antidepressants tablets prescribed",
    "mat": "suboxone methadone buprenorphine naltrexone vivitrol sublocade",
    "alcohol": "drink drinks drinking drank drunk booze beer wine liquor",
    "drug": "drugs substance substances weed cocaine heroin meth",
    "use": "using used uses",
    "slip": "slipped slips lapse lapsed relapsed slipup",
    "therapist": "therapists counselor counsellor counselors counsellors shrink clinician",
    "therapy": "therapies counseling counselling counsel",
    "spiritual": "spirituality faith religious religion god church prayer pray christian muslim beliefs belief believe",
    "evening": "evenings night nights nighttime",
    "morning": "mornings daytime",
    "hour": "hours",
    "long": "length lasts last duration",
    "open": "opening opens close closes closing closed",
    "contact": "call calling reach ring email contacting",
    "phone": "telephone cell",
    "miss": "missed missing skip skipped cancel cancelled canceled late absent",
    "sick": "ill unwell",
    "today": "tonight tomorrow",
    "crisis": "emergency urgent danger",
    "bot": "robot ai chatbot automated",
    "stop": "quit quitting stopping stopped",
    "nervous": "scared afraid shy worried anxious",
    "talk": "speak speaking share sharing talking",
    "assess": "assessment assessments evaluation evaluations evaluated evaluate exam checkup screening",
    "finish": "finished finishing graduate graduation complete completed done over end ends ending",
    "attend": "come coming attending attendance show",
    "weekend": "weekends saturday saturdays sunday sundays",
    "skill": "skills",
    "cope": "coping",
    "trigger": "triggers triggered triggering",
    "week": "weeks",
    "month": "months",
    "mentalhealth": "anxiety depression depressed ptsd trauma bipolar adhd ocd panic",
    "disease": "illness illnesses disorder disorders",
    "address": "street map directions location located postcode zip",
    "individual": "private personal alone privately solo",
    "overall": "total altogether entire whole",
    "billing": "bill bills money cost costs price pay paying insurance fee fees",
    "doctor": "doctors psychiatrist physician prescriber nurse",
    "opioid": "opioids opiate opiates fentanyl oxy oxycodone painkillers",
    "addiction": "addict addicts addicted",
    "craving": "cravings crave craves craved urge urges tempted temptation",
    "refuse": "refusal refusing decline pressure pressured",
    "sober": "sobriety clean",
    "session": "sessions appointment appointments",
    "interfere": "interferes mess clash clashes conflict conflicts affect affects",
    "fit": "suit suits suitable appropriate right candidate eligible qualify",
    "severity": "severe serious mild milder bad enough",
    "everyone": "everybody",
    "effective": "effectiveness success successful evidence proven results",
    "core": "central heart main big important focus",
    "benefit": "benefits point purpose useful helpful",
    "manage": "managing handle handling deal dealing management",
    "help": "support supports supporting supported",
    "strong": "bad intense worse terrible awful",
    "include": "includes included including involve involves involved consist consists contain "
    "contains cover covers covered part parts components",
}.items():
    for _w in _words.split():
        _SYNONYMS[_w] = _canon

_NO_STEM = frozenset({"evening", "morning", "during", "bring", "nothing", "psychoeducation"})
_SPLIT = re.compile(r"[^a-z0-9]+")
_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
_CONTRACTION = re.compile(r"\b(i|you|we|they|he|she)'d\b")


def _stem(w: str) -> str:
    """Tiny suffix stripper: enough to join plurals and -ing/-ed forms; both sides use it."""
    if len(w) <= 3 or not w.isalpha():
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if w in _NO_STEM:
        return w
    for suffix in ("ing", "ed"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            break
    if len(w) > 4 and w.endswith("e"):
        w = w[:-1]
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "ls":
        w = w[:-1]
    return w


def _surface_tokens(text: str) -> list[str]:
    """Lower-case words after slang and multi-word expressions, before stop words and stems."""
    text = unicodedata.normalize("NFKC", text).lower().replace("\u2019", "'").replace("\u2018", "'")
    text = _CONTRACTION.sub(r"\1 would", text).replace("'", "")
    words = [_SLANG.get(t, t) for t in _SPLIT.split(text) if t]
    joined = " " + " ".join(words) + " "
    for pattern, replacement in _PHRASES:
        joined = pattern.sub(replacement, joined)
    return joined.split()


def _term(surface: str) -> str | None:
    """One surface word -> index term, or None for a stop word."""
    if surface in _STOP:
        return None
    surface = _SYNONYMS.get(surface, surface)
    stemmed = _stem(surface)
    return _SYNONYMS.get(stemmed, stemmed)


def _terms(text: str) -> list[str]:
    return [t for t in map(_term, _surface_tokens(text)) if t]


# ------------------------------------------------------------------- small talk

# A message made only of these words is small talk, provided one of them is a "core" word.
_SMALLTALK_CORE = frozenset(
    [
        "hi",
        "hii",
        "hiii",
        "hello",
        "helo",
        "hey",
        "heya",
        "hiya",
        "yo",
        "sup",
        "hola",
        "howdy",
        "greetings",
        "thanks",
        "thank",
        "thanx",
        "thnx",
        "ty",
        "thx",
        "cheers",
        "okay",
        "ok",
        "k",
        "kk",
        "cool",
        "nice",
        "great",
        "awesome",
        "lol",
        "lmao",
        "haha",
        "hahaha",
        "hehe",
        "rofl",
        "bye",
        "goodbye",
        "cya",
        "later",
        "goodnight",
        "morning",
        "afternoon",
        "good",
        "how",
        "alright",
        "sure",
        "fine",
        "yep",
        "yeah",
        "yes",
        "no",
        "nope",
        "np",
        "welcome",
        "sorry",
        "oops",
        "hmm",
        "hm",
        "oh",
        "ah",
        "wow",
    ]
)
_SMALLTALK_FILLER = frozenset(
    [
        "you",
        "u",
        "ya",
        "are",
        "r",
        "is",
        "it",
        "its",
        "going",
        "doing",
        "there",
        "again",
        "so",
        "much",
        "very",
        "lot",
        "a",
        "all",
        "for",
        "that",
        "the",
        "bot",
        "buddy",
        "friend",
        "man",
        "dude",
        "bro",
        "see",
        "ya",
        "again",
        "have",
        "day",
        "night",
        "evening",
        "nice",
        "too",
        "well",
        "im",
        "i",
        "am",
        "good",
        "great",
        "fine",
        "what",
        "whats",
        "up",
        "how",
        "today",
        "been",
        "doing",
        "just",
        "checking",
        "in",
        "ok",
        "okay",
    ]
)


def _smalltalk_word(word: str, allowed: frozenset[str]) -> bool:
    """Match stretched words too ("heyyy", "goood", "thankss") without "god" becoming "good"."""
    return (
        word in allowed or re.sub(r"(.)\1+", r"\1", word) in allowed or re.sub(r"(.)\1{2,}", r"\1\1", word) in allowed
    )


_SMALLTALK_ALL = _SMALLTALK_CORE | _SMALLTALK_FILLER


def _is_smalltalk(text: str) -> bool:
    words = [w for w in _SPLIT.split(text.lower().replace("'", "")) if w]
    if not words:
        return True  # only emoji or punctuation
    if len(words) > 8:
        return False
    return all(_smalltalk_word(w, _SMALLTALK_ALL) for w in words) and any(
        _smalltalk_word(w, _SMALLTALK_CORE) for w in words
    )


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


class FaqIndex:
    """Built once per KnowledgeBase; `ask` is then cheap (dict look-ups plus a cached spell fix)."""

    def __init__(
        self, kb: KnowledgeBase, *, min_confidence: float = MIN_CONFIDENCE, min_margin: float = MIN_MARGIN
    ) -> None:
        self.kb = kb
        self.min_confidence = min_confidence
        self.min_margin = min_margin
        n = len(kb.entries)
        tfs: list[Counter[str]] = []
        surface: set[str] = set(_SYNONYMS)
        for e in kb.entries:
            phr = Counter[str]()
            for text in (e.question, *e.asked):
                words = _surface_tokens(text)
                surface.update(words)
                phr.update(t for t in map(_term, words) if t)
            ans_words = _surface_tokens(_PLACEHOLDER.sub(" ", e.answer_template or e.answer))
            surface.update(ans_words)
            ans = Counter(t for t in map(_term, ans_words) if t)
            tf = Counter({t: float(c) for t, c in phr.items()})
            for t, c in ans.items():
                tf[t] += _ANSWER_WEIGHT * c
            tfs.append(tf)
        self._tf = tfs
        df = Counter(t for tf in tfs for t in tf)
        self._idf = {t: math.log(1 + (n - d + 0.5) / (d + 0.5)) for t, d in df.items()}
        self._unknown_idf = _UNKNOWN_FACTOR * max(self._idf.values(), default=1.0)
        avg_len = sum(sum(tf.values()) for tf in tfs) / max(n, 1)
        # Postings hold the precomputed BM25 term weight per entry, so ask() only adds numbers.
        self._postings: dict[str, list[tuple[int, float]]] = {}
        for i, tf in enumerate(tfs):
            norm = _K1 * (1 - _B + _B * sum(tf.values()) / avg_len)
            for t, f in tf.items():
                self._postings.setdefault(t, []).append((i, self._idf[t] * f * (_K1 + 1) / (f + norm)))
        # Surface phrasings (stop words kept) for the rapidfuzz rerank of the top candidates.
        self._phrasings = [[" ".join(_surface_tokens(t)) for t in (e.question, *e.asked)] for e in kb.entries]
        self._surface_vocab = sorted(w for w in surface if w not in _STOP and w.isalpha() and len(w) > 2)
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
        terms: list[str] = []
        unknown = 0
        for word in _surface_tokens(text)[:_MAX_WORDS]:
            term = _term(word)
            if term is None:
                continue
            if term not in self._idf:
                fixed = self._fix(word)
                term = _term(fixed) if fixed else None
                if term is None or term not in self._idf:
                    unknown += 1
                    continue
            if term not in terms:
                terms.append(term)
        return terms, unknown

    # -- asking ---------------------------------------------------------------

    def rank(self, text: str) -> tuple[list[tuple[int, float]], float, float]:
        """Entries best first with a 0..1 relevance score, the confidence of the best one,
        and how specific the question's known words are (their total idf).

        BM25 finds candidates; the top few are then reranked by how closely the question's
        wording (function words included, which BM25 ignores) resembles one of the entry's
        phrasings. That separates sibling entries such as "what is iop" vs "who is iop for".
        """
        terms, unknown = self.query_terms(text)
        scores: dict[int, float] = {}
        for t in terms:
            for i, w in self._postings[t]:
                scores[i] = scores.get(i, 0.0) + w
        if not scores:
            return [], 0.0, 0.0
        ranked = sorted(scores.items(), key=lambda kv: -kv[1])
        top_bm25 = ranked[0][1]
        surface = " ".join(_surface_tokens(text)[:_MAX_WORDS])
        reranked = []
        for i, bm in ranked[:_RERANK]:
            sim = max(fuzz.token_sort_ratio(surface, p) for p in self._phrasings[i]) / 100
            reranked.append((i, (1 - _FUZZ_WEIGHT) * bm / top_bm25 + _FUZZ_WEIGHT * sim))
        reranked.sort(key=lambda kv: -kv[1])
        reranked += [(i, (1 - _FUZZ_WEIGHT) * bm / top_bm25) for i, bm in ranked[_RERANK:]]
        best = reranked[0][0]
        tf = self._tf[best]
        total = sum(self._idf[t] for t in terms) + unknown * self._unknown_idf
        # A term counts fully once the entry is about it (it recurs in its phrasings); a word
        # that appears once, or only in the answer, counts in part. Keeps "is it cold outside"
        # from riding on one stray "outside" in an entry.
        covered = sum(self._idf[t] * min(1.0, tf.get(t, 0.0) / _CENTRAL_TF) for t in terms)
        return reranked, covered / total if total else 0.0, sum(self._idf[t] for t in terms)

    def ask(self, text: str) -> SearchResult:
        """Crisis first, then small talk, then the best entry or "not sure" with alternatives."""
        if is_crisis(text):  # the whole text: crisis words may come after the part that is searched
            return SearchResult("crisis")  # checked first: never answer crisis language with an article
        text = text[:MAX_QUESTION_CHARS]
        if _is_smalltalk(text):
            return SearchResult("smalltalk")
        ranked, confidence, specificity = self.rank(text)
        entries = self.kb.entries
        if not ranked:
            return SearchResult("not_sure")
        top = ranked[0][1]
        second = ranked[1][1] if len(ranked) > 1 else 0.0
        margin = round((top - second) / top if top else 0.0, 3)
        confidence = round(confidence, 3)
        if confidence >= self.min_confidence and margin >= self.min_margin and specificity >= MIN_SPECIFICITY:
            others = tuple(entries[i] for i, _ in ranked[1:4])
            return SearchResult("answer", entries[ranked[0][0]], confidence, others, margin)
        return SearchResult("not_sure", None, confidence, tuple(entries[i] for i, _ in ranked[:3]), margin)
