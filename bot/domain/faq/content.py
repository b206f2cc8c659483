"""The FAQ content file: loading it, and the checks across entries that make a knowledge base of it.

Every problem is reported at once, each saying what is wrong and where (entry number, id and
line), so staff can fix a file in one pass. Nothing is accepted until the whole file is clean.

Each language's block (`es:`) is checked like the English: required fields, length once filled
in, placeholders known and the same as the English. The schema and model are in `entries`.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from typing import Any

import yaml
from pydantic import ValidationError

from bot.domain.faq.entries import (
    _ID_PATTERN,
    _LOADER,
    DEFAULT_PATH,
    ID_RULE,
    LANGUAGE_NAMES,
    MAX_ANSWER_CHARS,
    MAX_ID_CHARS,
    SOURCE,
    TRANSLATIONS,
    Category,
    CategorySchema,
    CategoryTextSchema,
    EntrySchema,
    EntryText,
    EntryTextSchema,
    FaqContentError,
    FaqEntry,
    FileSchema,
    KnowledgeBase,
)
from bot.texts import wording

__all__ = [
    "DEFAULT_PATH",
    "ID_RULE",
    "LANGUAGE_NAMES",
    "MAX_ANSWER_CHARS",
    "MAX_ID_CHARS",
    "SOURCE",
    "TRANSLATIONS",
    "Category",
    "EntryText",
    "FaqContentError",
    "FaqEntry",
    "KnowledgeBase",
    "LocalFacts",
    "load_default",
    "parse_knowledge_base",
    "validate",
]

# ---------------------------------------------------------------------- loading


LocalFacts = Mapping[str, Mapping[str, str]]  # language -> facts, for the parts in that language


def validate(text: str, facts: Mapping[str, str], facts_in: LocalFacts | None = None) -> list[str]:
    """Every problem in the FAQ text, one human-readable line each (empty list = ok)."""
    try:
        parse_knowledge_base(text, facts, facts_in)
    except FaqContentError as exc:
        return exc.problems
    return []


def load_default(facts: Mapping[str, str], facts_in: LocalFacts | None = None) -> KnowledgeBase:
    return parse_knowledge_base(DEFAULT_PATH.read_text(encoding="utf-8"), facts, facts_in)


def parse_knowledge_base(text: str, facts: Mapping[str, str], facts_in: LocalFacts | None = None) -> KnowledgeBase:
    """The knowledge base in `text`, or FaqContentError listing every problem.

    `facts` fill the English placeholders; `facts_in[lang]` those of a language's block (the
    Spanish crisis lines, say), falling back to `facts`.
    """
    try:
        data = yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        reason = getattr(exc, "problem", None) or str(exc)
        raise FaqContentError([f"{where}YAML syntax error: {reason}"]) from None
    if not isinstance(data, dict):
        raise FaqContentError(["the file must be a mapping with 'categories' and 'entries'"])
    return _Checker(text, data, facts, facts_in or {}).run()


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


def _field_problem(name: str, kind: str, value: object, block: str = "") -> str:
    """One plain sentence for the first pydantic error on one field of an entry (or of its `block`)."""
    shown = f"{block}.{name}" if block else name
    if kind == "missing" or value is None:
        return f"missing field {shown!r}"
    if kind == "extra_forbidden":
        return f"unknown field {shown!r}"
    if block:
        if name in ("question", "answer"):
            return f"{shown} is empty" if isinstance(value, str) else f"{shown} must be text, not {_describe(value)}"
        if name == "asked":
            return f"{shown!r} must be a list of one or more non-empty questions"
        return f"{shown}: invalid"
    if name in TRANSLATIONS:
        return (
            f"{name!r} must be a mapping with 'question', 'asked' and 'answer' "
            f"(the entry in {LANGUAGE_NAMES[name]}), not {_describe(value)}"
        )
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

    def __init__(self, text: str, data: dict[Any, Any], facts: Mapping[str, str], facts_in: LocalFacts) -> None:
        self.text, self.data, self.facts, self.facts_in = text, data, facts, facts_in
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
            # A broken translation is reported on its own; the category (and its entries) still stands.
            blocks = {lang: item[lang] for lang in TRANSLATIONS if lang in item} if isinstance(item, dict) else {}
            own = {k: v for k, v in item.items() if k not in blocks} if isinstance(item, dict) else item
            try:
                c = CategorySchema.model_validate(own)
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
            titles = []
            for lang, block in blocks.items():
                try:
                    titles.append((lang, CategoryTextSchema.model_validate(block).title))
                except ValidationError as exc:
                    errors = exc.errors(include_url=False, include_input=False)
                    extra = next((e for e in errors if e["type"] == "extra_forbidden"), None)  # a typo says most
                    where = self.where_category(i)
                    if not isinstance(block, dict):
                        self.problems.append(
                            f"{where}: {lang!r} must be a mapping with 'title' (in {LANGUAGE_NAMES[lang]})"
                        )
                    elif extra is not None:
                        self.problems.append(f"{where}: unknown field '{lang}.{extra['loc'][0]}'")
                    else:
                        self.problems.append(f"{where}: {lang} needs a non-empty 'title'")
            found.append(Category(c.id, c.title, tuple(titles)))
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
                    loc = [str(part) for part in err["loc"]] or ["?"]
                    name, block = loc[0], item.get(loc[0])
                    if name in TRANSLATIONS and len(loc) > 1 and isinstance(block, dict):
                        key, problem = f"{name}.{loc[1]}", _field_problem(loc[1], err["type"], block.get(loc[1]), name)
                    else:
                        key, problem = name, _field_problem(name, err["type"], item.get(name))
                    if key not in reported:
                        reported.add(key)
                        self.problems.append(f"{where}: {problem}")
                self.cross_check_raw(where, item, cat_ids, all_ids)
                continue
            if e.id in seen:
                self.problems.append(f"{where}: duplicate id {e.id!r}")
            seen.add(e.id)
            blocks: list[tuple[str, EntryTextSchema]] = [
                (SOURCE, EntryTextSchema(question=e.question, asked=e.asked, answer=e.answer))
            ]
            blocks += [(lang, block) for lang in TRANSLATIONS if (block := getattr(e, lang)) is not None]
            for lang, block in blocks:
                prefix = "" if lang == SOURCE else f"{lang}."
                for phrasing in (block.question, *block.asked):
                    key = lang + ":" + " ".join(phrasing.casefold().split())
                    owner = phrasing_owner.setdefault(key, e.id)
                    if owner != e.id:
                        self.problems.append(f"{where}: {prefix}question {phrasing!r} is also used by {owner!r}")
            self.cross_check_raw(where, item, cat_ids, all_ids)
            texts = [self.entry_text(where, lang, block, e.answer) for lang, block in blocks]
            english = texts[0]
            built.append(
                FaqEntry(
                    e.id,
                    english.question,
                    english.asked,
                    english.answer,
                    e.category,
                    tuple(e.related),
                    e.answer,
                    tuple(texts[1:]),
                )
            )
        used = {
            item.get("category") for item in raw if isinstance(item, dict) and isinstance(item.get("category"), str)
        }
        for c in cats:
            if c.id not in used:
                self.problems.append(f"category {c.id!r} has no entries")
        return built

    def entry_text(self, where: str, lang: str, block: EntryTextSchema, english_answer: str) -> EntryText:
        """One language's words filled in, with its own facts; its length and placeholders checked."""
        prefix = "" if lang == SOURCE else f"{lang}."
        facts = self.facts if lang == SOURCE else self.facts_in.get(lang, self.facts)
        question = self.fill(block.question, f"{where} {prefix}question", facts)
        answer = self.fill(block.answer, f"{where} {prefix}answer", facts)
        if len(answer) > MAX_ANSWER_CHARS:
            self.problems.append(
                f"{where}: {prefix}answer is {len(answer)} characters once filled in; keep it under {MAX_ANSWER_CHARS}"
            )
        if lang != SOURCE:
            mine, theirs = _placeholders(block.answer), _placeholders(english_answer)
            # (an unknown or broken placeholder is reported already, by `fill`)
            if mine is not None and theirs is not None and mine <= facts.keys() and mine != theirs:
                left_out = ", ".join("{" + n + "}" for n in sorted(theirs - mine))
                added = ", ".join("{" + n + "}" for n in sorted(mine - theirs))
                said = "; ".join(
                    part for part in (left_out and f"leaves out {left_out}", added and f"adds {added}") if part
                )
                self.problems.append(f"{where}: {prefix}answer {said}: use the same placeholders as the English answer")
        return EntryText(lang, question, tuple(block.asked), answer, block.answer)

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

    def fill(self, template: str, where: str, facts: Mapping[str, str] | None = None) -> str:
        """Fill {placeholders}; unknown names and stray braces are reported, not raised."""
        facts = self.facts if facts is None else facts
        try:
            names = [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]
        except ValueError as exc:
            self.problems.append(f"{where}: bad braces ({exc}); write {{{{ or }}}} for a literal brace")
            return template
        unknown = sorted({n for n in names if n not in facts})
        if unknown:
            known = ", ".join("{" + k + "}" for k in facts)
            shown = ", ".join("{" + n + "}" for n in unknown)
            self.problems.append(f"{where}: unknown placeholder {shown} (known: {known})")
            return template
        return wording.fill(template, facts)  # a sentence needing an unset fact is left out


def _placeholders(template: str) -> set[str] | None:
    """The {names} a text uses, or None when its braces are broken (reported elsewhere)."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(template) if name}
    except ValueError:
        return None


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
