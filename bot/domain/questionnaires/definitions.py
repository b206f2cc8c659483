"""Questionnaires as data: each instrument is a YAML file beside this module, loaded and checked here.

A definition names its items (published text), the answer options with their stored value and score,
whether a total is scored (the BAM has none), its subscales, its severity bands, the item whose
answers act at once (PHQ-9 item 9), its licence and citation. `load` refuses a definition that is
inconsistent, with a message naming the file and what to fix.
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
class Item:
    id: str
    text: str
    options: tuple[Option, ...]
    scored: bool = True
    crisis_above: int | None = None  # an answer with a value above this acts at once
    code: str | None = None

    def option(self, value: int) -> Option | None:
        return next((o for o in self.options if o.value == value), None)

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

    def item(self, item_id: str) -> Item | None:
        return next((i for i in self.items if i.id == item_id), None)

    def band(self, total: int) -> Band | None:
        return next((b for b in self.bands if b.low <= total <= b.high), None)

    def total_range(self) -> tuple[int, int]:
        scored = [i for i in self.items if i.scored]
        return sum(min(o.score for o in i.options) for i in scored), sum(
            max(o.score for o in i.options) for i in scored
        )


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


def parse(raw: Any, where: str = "questionnaire") -> Questionnaire:
    """A checked Questionnaire from the mapping of one YAML file, or InvalidDefinition saying what is wrong."""
    if not isinstance(raw, dict):
        raise InvalidDefinition(f"{where}: not a mapping")
    key = _need(raw, "key", where)
    if not KEY.match(key):
        raise InvalidDefinition(f"{where}: key {key!r} must be 2-12 lower-case letters and digits")
    sets = {name: _options(o, f"{where} option set {name!r}") for name, o in (raw.get("option_sets") or {}).items()}
    items = []
    for n, i in enumerate(raw.get("items") or [], 1):
        here = f"{where} item {n}"
        if not isinstance(i, dict):
            raise InvalidDefinition(f"{here}: not a mapping")
        item_id = str(_need(i, "id", here))
        if i.get("options") not in sets:
            raise InvalidDefinition(f"{here}: options {i.get('options')!r} is not one of {sorted(sets)}")
        crisis = i.get("crisis_above")
        if crisis is not None and not isinstance(crisis, int):
            raise InvalidDefinition(f"{here}: crisis_above must be a number")
        scored = i.get("scored", True)
        items.append(Item(item_id, _need(i, "text", here), sets[i["options"]], bool(scored), crisis, i.get("code")))
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
    """Every shipped questionnaire by key, in the order /weekly offers them (BAM first)."""
    found = {q.key: q for q in (load(p) for p in sorted(HERE.glob("*.yaml")))}
    order = ("bam7", "phq9", "gad7")
    return {k: found[k] for k in (*[k for k in order if k in found], *sorted(set(found) - set(order)))}


def get(key: str) -> Questionnaire | None:
    return all_questionnaires().get(key)
