"""The FAQ content file: its schema (pydantic), the checks across entries, and the loaded knowledge base.

Every problem is reported at once, each saying what is wrong and where (entry number, id and
line), so staff can fix a file in one pass. Nothing is accepted until the whole file is clean.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from bot.texts import wording

DEFAULT_PATH = Path(__file__).parent / "faq.yaml"
MAX_ANSWER_CHARS = 700  # about one phone screen
# Ids travel inside button data, which Telegram caps at 64 bytes together with the button's
# prefix and page number; 24 plain ASCII characters leave room for any prefix we use.
MAX_ID_CHARS = 24
_ID_PATTERN = rf"^[a-z0-9][a-z0-9_-]{{0,{MAX_ID_CHARS - 1}}}$"
ID_RULE = (
    f"use at most {MAX_ID_CHARS} characters of a-z, 0-9, '-' and '_' "
    "(ids go into button data, which Telegram limits to 64 bytes)"
)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: ~10x faster

# --------------------------------------------------------------------------- schema

_Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
_Id = Annotated[str, StringConstraints(pattern=_ID_PATTERN)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class CategorySchema(_Strict):
    """One item of `categories`."""

    id: _Id
    title: _Text


class EntrySchema(_Strict):
    """One item of `entries`, before placeholders are filled."""

    id: _Id
    question: _Text
    asked: Annotated[list[_Text], Field(min_length=1)]
    answer: _Text
    category: _Id
    related: list[_Id] = []


class FileSchema(_Strict):
    """The top level; its items are checked one by one so each problem can name its entry."""

    categories: Annotated[list[Any], Field(min_length=1)]
    entries: Annotated[list[Any], Field(min_length=1)]


# ---------------------------------------------------------------------------- model


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


class FaqContentError(ValueError):
    """The FAQ file has problems; `problems` lists them all, one line each."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__("FAQ content is invalid:\n" + "\n".join(self.problems))


# ---------------------------------------------------------------------- loading


def validate(text: str, facts: Mapping[str, str]) -> list[str]:
    """Every problem in the FAQ text, one human-readable line each (empty list = ok)."""
    try:
        parse_knowledge_base(text, facts)
    except FaqContentError as exc:
        return exc.problems
    return []


def load_default(facts: Mapping[str, str]) -> KnowledgeBase:
    return parse_knowledge_base(DEFAULT_PATH.read_text(encoding="utf-8"), facts)


def parse_knowledge_base(text: str, facts: Mapping[str, str]) -> KnowledgeBase:
    """The knowledge base in `text`, or FaqContentError listing every problem."""
    try:
        data = yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        reason = getattr(exc, "problem", None) or str(exc)
        raise FaqContentError([f"{where}YAML syntax error: {reason}"]) from None
    if not isinstance(data, dict):
        raise FaqContentError(["the file must be a mapping with 'categories' and 'entries'"])
    return _Checker(text, data, facts).run()


def _describe(value: object) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return f"the number {value}"
    return repr(value)[:40]


def _field_problem(name: str, kind: str, value: object) -> str:
    """One plain sentence for the first pydantic error on one field of an entry."""
    if kind == "missing" or value is None:
        return f"missing field {name!r}"
    if kind == "extra_forbidden":
        return f"unknown field {name!r}"
    if name in ("id", "category"):
        what = "id must be text like 'what-is-iop'" if name == "id" else "category must be a category's id"
        if not isinstance(value, str):
            return f"{what}, not {_describe(value)}"
        return f"{name} {value[:40]!r} is not a valid id: {ID_RULE}"
    if name in ("question", "answer"):
        return f"{name} is empty" if isinstance(value, str) else f"{name} must be text, not {_describe(value)}"
    if name == "asked":
        return "'asked' must be a list of one or more non-empty questions"
    if name == "related":
        return f"'related' must be a list of entry ids ({ID_RULE})"
    return f"{name}: invalid"


class _Checker:
    """Walks the parsed file once, collecting problems; builds the knowledge base if there are none."""

    def __init__(self, text: str, data: dict[Any, Any], facts: Mapping[str, str]) -> None:
        self.text, self.data, self.facts = text, data, facts
        self.problems: list[str] = []
        self._lines: tuple[list[int], list[int]] | None = None

    def line(self, section: str, i: int) -> str:
        """ ", line N" for item i of a section; composed only when there is a problem to point at."""
        if self._lines is None:
            self._lines = _item_lines(self.text)
        lines = self._lines[0 if section == "categories" else 1]
        return f", line {lines[i]}" if i < len(lines) else ""

    def where_category(self, i: int) -> str:
        line = self.line("categories", i)
        return f"category {i + 1}" + (f" ({line[2:]})" if line else "")

    def run(self) -> KnowledgeBase:
        try:
            FileSchema.model_validate(self.data)
        except ValidationError as exc:
            for err in exc.errors(include_url=False, include_input=False):
                key = err["loc"][0] if err["loc"] else "?"
                if err["type"] == "extra_forbidden":
                    self.problems.append(f"unknown top-level key {key!r} (expected 'categories' and 'entries')")
                elif len(err["loc"]) == 1:
                    self.problems.append(f"{key!r} must be a non-empty list")
        raw_cats = self.data.get("categories")
        raw_entries = self.data.get("entries")
        cats = self.categories(raw_cats if isinstance(raw_cats, list) else [])
        entries = self.entries(raw_entries if isinstance(raw_entries, list) else [], cats)
        if self.problems:
            raise FaqContentError(self.problems)
        return KnowledgeBase(tuple(entries), tuple(cats), {e.id: e for e in entries})

    def categories(self, raw: list[Any]) -> list[Category]:
        found: list[Category] = []
        for i, item in enumerate(raw):
            try:
                c = CategorySchema.model_validate(item)
            except ValidationError as exc:
                where = self.where_category(i)
                first = exc.errors(include_url=False, include_input=False)[0]
                if not isinstance(item, dict):
                    self.problems.append(f"{where}: must be a mapping with 'id' and 'title'")
                elif first["loc"] and first["loc"][0] == "title":
                    self.problems.append(f"{where}: needs a non-empty 'title'")
                elif first["type"] == "extra_forbidden":
                    self.problems.append(f"{where}: unknown field {first['loc'][0]!r}")
                else:
                    self.problems.append(f"{where}: needs an 'id' like 'about-iop', {ID_RULE}")
                continue
            if any(c.id == other.id for other in found):
                self.problems.append(f"{self.where_category(i)}: duplicate category id {c.id!r}")
                continue
            found.append(Category(c.id, c.title))
        return found

    def entries(self, raw: list[Any], cats: list[Category]) -> list[FaqEntry]:
        cat_ids = {c.id for c in cats}
        all_ids = {e.get("id") for e in raw if isinstance(e, dict) and isinstance(e.get("id"), str)}
        seen: set[str] = set()
        phrasing_owner: dict[str, str] = {}
        built: list[FaqEntry] = []
        for i, item in enumerate(raw):
            if not isinstance(item, dict):
                self.problems.append(f"entry {i + 1}{self.line('entries', i)}: must be a mapping of fields")
                continue
            eid = item.get("id")
            shown = eid[:40] if isinstance(eid, str) and eid else "no id"
            where = f"entry {i + 1} ({shown}{self.line('entries', i)})"
            try:
                e = EntrySchema.model_validate(item)
            except ValidationError as exc:
                reported: set[str] = set()
                for err in exc.errors(include_url=False, include_input=False):
                    name = str(err["loc"][0]) if err["loc"] else "?"
                    if name not in reported:
                        reported.add(name)
                        self.problems.append(f"{where}: {_field_problem(name, err['type'], item.get(name))}")
                self.cross_check_raw(where, item, cat_ids, all_ids)
                continue
            if e.id in seen:
                self.problems.append(f"{where}: duplicate id {e.id!r}")
            seen.add(e.id)
            for phrasing in (e.question, *e.asked):
                key = " ".join(phrasing.casefold().split())
                owner = phrasing_owner.setdefault(key, e.id)
                if owner != e.id:
                    self.problems.append(f"{where}: question {phrasing!r} is also used by {owner!r}")
            self.cross_check_raw(where, item, cat_ids, all_ids)
            question = self.fill(e.question, f"{where} question")
            answer = self.fill(e.answer, f"{where} answer")
            if len(answer) > MAX_ANSWER_CHARS:
                self.problems.append(
                    f"{where}: answer is {len(answer)} characters once filled in; keep it under {MAX_ANSWER_CHARS}"
                )
            built.append(FaqEntry(e.id, question, tuple(e.asked), answer, e.category, tuple(e.related), e.answer))
        used = {
            item.get("category") for item in raw if isinstance(item, dict) and isinstance(item.get("category"), str)
        }
        for c in cats:
            if c.id not in used:
                self.problems.append(f"category {c.id!r} has no entries")
        return built

    def cross_check_raw(self, where: str, item: dict[Any, Any], cat_ids: set[str], all_ids: set[Any]) -> None:
        """Links to categories and entries, checked on whatever of them has the right type."""
        eid, category, related = item.get("id"), item.get("category"), item.get("related")
        if isinstance(category, str) and re.match(_ID_PATTERN, category) and category not in cat_ids:
            known = ", ".join(sorted(cat_ids))
            self.problems.append(f"{where}: unknown category {category!r} (known: {known})")
        if isinstance(related, list):
            for r in related:
                if not isinstance(r, str):
                    continue
                if r == eid:
                    self.problems.append(f"{where}: related lists the entry itself")
                elif r not in all_ids:
                    self.problems.append(f"{where}: related id {r[:40]!r} does not exist")

    def fill(self, template: str, where: str) -> str:
        """Fill {placeholders}; unknown names and stray braces are reported, not raised."""
        try:
            names = [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]
        except ValueError as exc:
            self.problems.append(f"{where}: bad braces ({exc}); write {{{{ or }}}} for a literal brace")
            return template
        unknown = sorted({n for n in names if n not in self.facts})
        if unknown:
            known = ", ".join("{" + k + "}" for k in self.facts)
            shown = ", ".join("{" + n + "}" for n in unknown)
            self.problems.append(f"{where}: unknown placeholder {shown} (known: {known})")
            return template
        return wording.fill(template, self.facts)  # a sentence needing an unset fact is left out


def _item_lines(text: str) -> tuple[list[int], list[int]]:
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
