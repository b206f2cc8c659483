"""Questionnaires as data: each instrument is a YAML file beside this module, loaded and checked here.

A definition names its items (published text), the answer options with their stored value and score,
whether a total is scored (the BAM has none), its subscales, its severity bands, the item whose
answers act at once (PHQ-9 item 9), its licence and citation. An item is either a choice among
options (at most MAX_OPTIONS: one keyboard) or a typed count (the 30-day BAM's days, 0-30), scored
by the band its number falls in. `load` refuses a definition that is inconsistent, with a message
naming the file and what to fix.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).parent
KEY = re.compile(r"^[a-z][a-z0-9]{1,11}$")
MAX_OPTIONS = 8  # one Telegram keyboard, two rows


class InvalidDefinition(ValueError):
    """A questionnaire file that cannot be used as it is."""


@dataclass(frozen=True)
class Option:
    value: int  # what is stored
    label: str
    score: int  # what it counts for
    code: str | None = None


@dataclass(frozen=True)
class CountBand:
    low: int
    high: int
    score: int


@dataclass(frozen=True)
class Count:
    """A number the client types, 0 to `max` (more than a keyboard holds), scored by the band it falls in."""

    max: int
    bands: tuple[CountBand, ...]
    quick: tuple[int, ...] = (0,)  # the numbers offered as buttons; any other is typed

    def score(self, value: int) -> int | None:
        return next((b.score for b in self.bands if b.low <= value <= b.high), None)


@dataclass(frozen=True)
class Item:
    id: str
    text: str
    options: tuple[Option, ...]  # empty for a count
    scored: bool = True
    crisis_above: int | None = None  # an answer with a value above this acts at once
    code: str | None = None
    count: Count | None = None

    def option(self, value: int) -> Option | None:
        return next((o for o in self.options if o.value == value), None)

    def score_of(self, value: int) -> int | None:
        """What an answer counts for: its option's score, or its count's band; None when it is no answer here."""
        if self.count is not None:
            return self.count.score(value)
        option = self.option(value)
        return None if option is None else option.score

    def score_range(self) -> tuple[int, int]:
        scores = [b.score for b in self.count.bands] if self.count is not None else [o.score for o in self.options]
        return min(scores), max(scores)

    def is_crisis(self, value: int) -> bool:
        return self.crisis_above is not None and value > self.crisis_above


@dataclass(frozen=True)
class Subscale:
    key: str
    label: str
    items: tuple[str, ...]
    higher_is_worse: bool
    flag_at_or_above: int | None = None
    flag_at_or_below: int | None = None


@dataclass(frozen=True)
class Band:
    low: int
    high: int
    key: str
    label: str


@dataclass(frozen=True)
class Questionnaire:
    key: str
    title: str
    name: str
    version: str
    licence: str
    citation: str
    preamble: str
    items: tuple[Item, ...]
    has_total: bool
    max_missing: int
    subscales: tuple[Subscale, ...]
    bands: tuple[Band, ...]
    codes: dict[str, str]
    recall_days: int | None = None  # the period the questions ask about (the BAM: 7 or 30)

    def item(self, item_id: str) -> Item | None:
        return next((i for i in self.items if i.id == item_id), None)

    def band(self, total: int) -> Band | None:
        return next((b for b in self.bands if b.low <= total <= b.high), None)

    def total_range(self) -> tuple[int, int]:
        ranges = [i.score_range() for i in self.items if i.scored]
        return sum(low for low, _ in ranges), sum(high for _, high in ranges)


def _need(raw: dict[str, Any], name: str, where: str, kind: type = str) -> Any:
    value = raw.get(name)
    if not isinstance(value, kind) or (isinstance(value, str) and not value.strip()):
        raise InvalidDefinition(f"{where}: '{name}' must be a non-empty {kind.__name__}")
    return value


def _options(raw: Any, where: str) -> tuple[Option, ...]:
    if not isinstance(raw, list) or not 2 <= len(raw) <= MAX_OPTIONS:
        raise InvalidDefinition(f"{where}: an option set needs 2 to {MAX_OPTIONS} options")
    options = []
    for n, o in enumerate(raw, 1):
        if not isinstance(o, dict):
            raise InvalidDefinition(f"{where}: option {n} is not a mapping")
        value = _need(o, "value", f"{where} option {n}", int)
        score = o.get("score", value)
        if not isinstance(score, int) or not 0 <= value <= 99 or not 0 <= score <= 99:
            raise InvalidDefinition(f"{where} option {n}: value and score must be whole numbers 0-99")
        options.append(Option(value, _need(o, "label", f"{where} option {n}"), score, o.get("code")))
    if len({o.value for o in options}) != len(options) or len({o.label.lower() for o in options}) != len(options):
        raise InvalidDefinition(f"{where}: option values and labels must be unique")
    return tuple(options)


def _whole(raw: Any, name: str, where: str, low: int, high: int) -> int:
    value = raw.get(name) if isinstance(raw, dict) else None
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise InvalidDefinition(f"{where}: '{name}' must be a whole number {low}-{high}")
    return value


def _count(raw: Any, where: str) -> Count:
    """A typed count: `max`, `bands` covering 0..max (each with its score) and the `quick` buttons."""
    if not isinstance(raw, dict):
        raise InvalidDefinition(f"{where}: not a mapping (max, bands, quick)")
    top = _whole(raw, "max", where, 1, 99)
    if not isinstance(raw.get("bands"), list) or not raw["bands"]:
        raise InvalidDefinition(f"{where}: 'bands' must list the bands of 0-{top}, each with min, max and score")
    bands = []
    for n, b in enumerate(raw["bands"], 1):
        here = f"{where} band {n}"
        bands.append(
            CountBand(_whole(b, "min", here, 0, 99), _whole(b, "max", here, 0, 99), _whole(b, "score", here, 0, 99))
        )
    expected = 0
    for b in sorted(bands, key=lambda b: b.low):
        if b.low != expected or b.high < b.low:
            raise InvalidDefinition(
                f"{where}: the band {b.low}-{b.high} should start at {expected} "
                f"(the bands cover 0-{top}, no gaps or overlaps)"
            )
        expected = b.high + 1
    if expected - 1 != top:
        raise InvalidDefinition(f"{where}: the bands end at {expected - 1}, the count goes to {top}")
    quick = raw.get("quick", [0])
    if (
        not isinstance(quick, list)
        or not 1 <= len(quick) <= MAX_OPTIONS
        or any(not isinstance(v, int) or isinstance(v, bool) or not 0 <= v <= top for v in quick)
        or len(set(quick)) != len(quick)
    ):
        raise InvalidDefinition(f"{where}: 'quick' must list 1 to {MAX_OPTIONS} different numbers from 0 to {top}")
    return Count(top, tuple(sorted(bands, key=lambda b: b.low)), tuple(quick))


def _answers(
    i: dict[str, Any], sets: dict[str, tuple[Option, ...]], counts: dict[str, Count], here: str
) -> tuple[Option, ...] | Count:
    """The item's options, or its count: it names one of the definition's option sets or counts, not both."""
    if ("options" in i) == ("count" in i):
        raise InvalidDefinition(
            f"{here}: give either 'options' (one of {sorted(sets)}) or 'count' (one of {sorted(counts)})"
        )
    if "count" in i:
        if i["count"] not in counts:
            raise InvalidDefinition(f"{here}: count {i['count']!r} is not one of {sorted(counts)}")
        return counts[i["count"]]
    if i["options"] not in sets:
        raise InvalidDefinition(f"{here}: options {i['options']!r} is not one of {sorted(sets)}")
    return sets[i["options"]]


def parse(raw: Any, where: str = "questionnaire") -> Questionnaire:
    """A checked Questionnaire from the mapping of one YAML file, or InvalidDefinition saying what is wrong."""
    if not isinstance(raw, dict):
        raise InvalidDefinition(f"{where}: not a mapping")
    key = _need(raw, "key", where)
    if not KEY.match(key):
        raise InvalidDefinition(f"{where}: key {key!r} must be 2-12 lower-case letters and digits")
    sets = {name: _options(o, f"{where} option set {name!r}") for name, o in (raw.get("option_sets") or {}).items()}
    counts = {name: _count(c, f"{where} count {name!r}") for name, c in (raw.get("counts") or {}).items()}
    items = []
    for n, i in enumerate(raw.get("items") or [], 1):
        here = f"{where} item {n}"
        if not isinstance(i, dict):
            raise InvalidDefinition(f"{here}: not a mapping")
        item_id = str(_need(i, "id", here))
        answers = _answers(i, sets, counts, here)
        crisis = i.get("crisis_above")
        if crisis is not None and not isinstance(crisis, int):
            raise InvalidDefinition(f"{here}: crisis_above must be a number")
        scored, text, code = bool(i.get("scored", True)), _need(i, "text", here), i.get("code")
        if isinstance(answers, Count):
            items.append(Item(item_id, text, (), scored, crisis, code, answers))
        else:
            items.append(Item(item_id, text, answers, scored, crisis, code))
    if not items:
        raise InvalidDefinition(f"{where}: no items")
    ids = [i.id for i in items]
    if len(set(ids)) != len(ids):
        raise InvalidDefinition(f"{where}: item ids must be unique")
    scoring = raw.get("scoring") or {}
    subscales = tuple(_subscale(s, ids, items, where) for s in raw.get("subscales") or [])
    bands = tuple(
        Band(_need(b, "min", where, int), _need(b, "max", where, int), _need(b, "key", where), _need(b, "label", where))
        for b in raw.get("bands") or []
    )
    q = Questionnaire(
        key=key,
        title=_need(raw, "title", where),
        name=_need(raw, "name", where),
        version=str(_need(raw, "version", where)),
        licence=_need(raw, "licence", where),
        citation=_need(raw, "citation", where),
        preamble=_need(raw, "preamble", where),
        items=tuple(items),
        has_total=scoring.get("total") is True,
        max_missing=int(scoring.get("max_missing", 0)),
        subscales=subscales,
        bands=bands,
        codes={str(k): str(v) for k, v in (raw.get("codes") or {}).items()},
        recall_days=None if raw.get("recall_days") is None else _whole(raw, "recall_days", where, 1, 366),
    )
    _check_bands(q, where)
    if not q.has_total and not q.subscales:
        raise InvalidDefinition(f"{where}: nothing is scored (no total, no subscales)")
    return q


def _subscale(raw: Any, ids: list[str], items: list[Item], where: str) -> Subscale:
    if not isinstance(raw, dict):
        raise InvalidDefinition(f"{where}: a subscale is not a mapping")
    key = _need(raw, "key", f"{where} subscale")
    members = tuple(str(i) for i in raw.get("items") or [])
    unknown = [i for i in members if i not in ids or not next(x for x in items if x.id == i).scored]
    if not members or unknown:
        raise InvalidDefinition(f"{where} subscale {key!r}: items {unknown or '[]'} are not scored items")
    higher = raw.get("higher")
    if higher not in ("worse", "better"):
        raise InvalidDefinition(f"{where} subscale {key!r}: 'higher' must be 'worse' or 'better'")
    label = _need(raw, "label", f"{where} subscale {key!r}")
    return Subscale(key, label, members, higher == "worse", raw.get("flag_at_or_above"), raw.get("flag_at_or_below"))


def _check_bands(q: Questionnaire, where: str) -> None:
    """Bands, when given, need a total and must cover its whole range without gaps or overlaps."""
    if not q.bands:
        return
    if not q.has_total:
        raise InvalidDefinition(f"{where}: bands without a total score")
    low, high = q.total_range()
    expected = low
    for b in sorted(q.bands, key=lambda b: b.low):
        if b.low != expected or b.high < b.low:
            raise InvalidDefinition(f"{where}: band {b.key!r} should start at {expected} (no gaps, no overlaps)")
        expected = b.high + 1
    if expected - 1 != high:
        raise InvalidDefinition(f"{where}: the bands end at {expected - 1}, the total reaches {high}")


def load(path: Path) -> Questionnaire:
    with path.open(encoding="utf-8") as f:
        return parse(yaml.safe_load(f), path.name)


@functools.cache
def all_questionnaires() -> dict[str, Questionnaire]:
    """Every shipped questionnaire by key, in the order /weekly offers them (the BAM's forms first)."""
    found = {q.key: q for q in (load(p) for p in sorted(HERE.glob("*.yaml")))}
    order = ("bam7", "bam30", "phq9", "gad7")
    return {k: found[k] for k in (*[k for k in order if k in found], *sorted(set(found) - set(order)))}


def get(key: str) -> Questionnaire | None:
    return all_questionnaires().get(key)
