"""Checking a FHIR Bundle by the shapes of its entries: what fhir.resources' R4B models say, at a fraction of the cost.

Why: `Bundle.model_validate` rebuilds every resource as a tree of pydantic models through
Python-level validators, about 200 ms for a client's year (some thousand resources): 220 of the 240 s
of exporting 1,000 clients. Yet nearly every resource of an export has one of a few shapes: a
check-in Observation differs from the next only in its leaf values.

What decides validity under the R4B models: (a) an entry's structure (which keys, their nesting, list
lengths, which type of a choice [x], required elements present, the JSON type of each leaf), and (b)
each primitive leaf's value as the FHIR primitive type the model gives that element (dateTime,
instant, decimal, code, uri, string, integer...). The models' checks beyond their fields' (required
elements, a single type of a choice, no null in a list of elements, a primitive extension not empty)
look at (a) only (STRUCTURAL; a model with any other validator is not followed, its entries are
validated in full). Two values belong to the shape rather than to the leaves: `resourceType` (it
chooses the model) and `status` (the caller checks its required binding).

So the first entry of each shape is validated in full (`BundleEntry.model_validate`, what `Bundle`
does for each entry) and by the caller's `accept`; from that entry and the models' fields a matcher
is generated as Python source (straight-line code: about 1 µs a check-in Observation, where walking
the tree generically took 7). It checks that a later entry has exactly that structure (keys,
lengths, JSON types, kept values equal) and validates each leaf with the pydantic validator of its
element's type, taken from the model's field (so by the same code as full validation). A validator
remembers the values it has passed (dates, code systems, references mostly repeat), and a subtree
the Bundle shares between entries (the survey category, the subject) is checked once per place per
Bundle, known by its identity (nothing changes while a Bundle is checked). The envelope (the Bundle
without its entries) goes through the model each time.

`Shapes.valid` answers "valid" or "not sure": an entry of a new shape the models refuse, a leaf
refused, anything unexpected, and the caller runs the full `Bundle.model_validate` and reports its
verdict and first error. So a Bundle is refused in the same words as by full validation, and the
shapes only save time. Shapes outlive a Bundle (what one client teaches holds for the next): they
keep structure, kept values and primitive values found valid, no part of a Bundle.
"""

from __future__ import annotations

import functools
import itertools
import types
import typing
from collections.abc import Callable
from typing import Any

from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle, BundleEntry
from fhir_core.fhirabstractmodel import FHIRAbstractModel
from fhir_core.types import FhirBase, FhirElementOrResourceBase
from pydantic import TypeAdapter
from pydantic.fields import FieldInfo

Json = dict[str, Any]
Match = Callable[[Any, dict[int, int]], bool]
KEPT = frozenset({"resourceType", "status"})  # string values that are part of the shape, at any depth
KNOWN = 20_000  # valid values a validator remembers (per JSON type): more after a Bundle, it starts afresh
SHAPES = 1_000  # shapes learnt at most; entries of further shapes are validated in full, one by one
_RESOURCE = object()  # the type of a place holding any resource (Bundle.entry.resource): its resourceType says
_places = itertools.count()  # every subtree's place in every matcher, for the shared subtrees of a Bundle


class _Unsupported(Exception):
    """A place the matchers do not follow (a union of types, a list in a list): validated in full each time."""


# The models' own validators, all of them about structure (fhir_core 1.1: nulls in lists of elements;
# required elements and one type of a choice; a primitive's extension not empty). A model with any
# other validator (one that might look at values) is not followed: its entries are validated in full.
STRUCTURAL = frozenset(
    {"reject_null_complex_elements", "validate_after_model_construction", "validate_extension_or_fhir_comment_required"}
)


@functools.cache
def _fields(model: type[FHIRAbstractModel]) -> dict[str, FieldInfo]:
    """A model's fields by JSON key: their aliases, and their names (the models populate by name too)."""
    found = model.__pydantic_decorators__
    if found.field_validators or found.validators or found.root_validators or set(found.model_validators) - STRUCTURAL:
        raise _Unsupported(model)
    out = {}
    for name, field in model.model_fields.items():
        out[name] = field
        if field.alias:
            out[field.alias] = field
    return out


def _one(annotation: Any) -> Any:
    """X of `X | None`; a real union of types is not followed."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        left = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(left) != 1:
            raise _Unsupported(annotation)
        return left[0]
    return annotation


def _element(model: type[FHIRAbstractModel], key: str) -> tuple[bool, Any]:
    """(a list?, the type of the value or of each item) of `key` in `model`: a model, _RESOURCE or a primitive."""
    field = _fields(model).get(key)
    if field is None or field.metadata:
        raise _Unsupported(key)
    annotation = _one(field.annotation)
    many = typing.get_origin(annotation) is list
    if many:  # a list of primitives may hold nulls (placeholders for their extensions)
        (annotation,) = typing.get_args(annotation)
        annotation = _one(annotation)
    if isinstance(annotation, type) and issubclass(annotation, FhirBase):
        klass = annotation.get_model_klass()
        if issubclass(annotation, FhirElementOrResourceBase):  # Resource or Element: the value says which
            if klass.__name__ != "Resource":
                raise _Unsupported(key)
            return many, _RESOURCE
        return many, klass
    return many, annotation


def _is_model(kind: object) -> bool:
    return kind is _RESOURCE or (isinstance(kind, type) and issubclass(kind, FHIRAbstractModel))


_validators: dict[object, Callable[[Any], Any]] = {}
_known: dict[object, set[Any]] = {}
MEMO = (str, int, float, bool)  # JSON leaves, where equal values are equally valid; others always validated


def _leaf_check(kind: Any, owner: type[FHIRAbstractModel], json_type: type) -> tuple[Callable[[Any], Any], set[Any]]:
    """The pydantic validator of a FHIR primitive type as `owner`'s fields validate it (its config, lax as
    they are), and the values of `json_type` it has passed (True and 1 kept apart)."""
    config = owner.model_config
    try:
        key: object = (kind, tuple(sorted(config.items())))
        check = _validators.get(key)
    except TypeError:  # something unhashable: not shared
        key, check = None, None
    if check is None:
        check = TypeAdapter(kind, config=config).validator.validate_python
        if key is not None:
            _validators[key] = check
    known = _known.setdefault((key, json_type), set()) if key is not None else set()
    return check, known


class _Source:
    """The Python source of one matcher, and the objects it refers to by name."""

    def __init__(self) -> None:
        self.lines = ["def match(v0, seen):", "    try:"]
        self.names: dict[str, object] = {}
        self.variables = 0

    def line(self, depth: int, text: str) -> None:
        self.lines.append("    " * (depth + 2) + text)

    def const(self, value: object) -> str:
        name = f"c{len(self.names)}"
        self.names[name] = value
        return name

    def variable(self) -> str:
        self.variables += 1
        return f"v{self.variables}"

    def function(self) -> Match:
        self.lines += ["    except KeyError:", "        return False", "    return True"]
        code = compile("\n".join(self.lines), "<fhir shape>", "exec")
        exec(code, self.names)
        return typing.cast(Match, self.names["match"])


def _dict(src: _Source, var: str, node: Json, model: type[FHIRAbstractModel], depth: int) -> None:
    """Lines checking that `var` is a dict with the keys of `node` and, under them, what `node` has."""
    _fields(model)  # _Unsupported if the model has validators of its own
    src.line(depth, f"if type({var}) is not dict or len({var}) != {len(node)}: return False")
    for key, value in node.items():
        if type(key) is not str:
            raise _Unsupported(key)
        child = src.variable()
        src.line(depth, f"{child} = {var}[{key!r}]")  # a missing key: KeyError, no match
        if key in KEPT and type(value) is str:
            src.line(depth, f"if type({child}) is not {src.const(type(value))} or {child} != {src.const(value)}:")
            src.line(depth + 1, "return False")
            continue
        many, kind = _element(model, key)
        if not many:
            _value(src, child, value, kind, model, depth)
            continue
        if type(value) is not list:
            raise _Unsupported(key)
        src.line(depth, f"if type({child}) is not list or len({child}) != {len(value)}: return False")
        for n, item in enumerate(value):
            item_var = src.variable()
            src.line(depth, f"{item_var} = {child}[{n}]")
            _value(src, item_var, item, kind, model, depth)


def _value(src: _Source, var: str, value: Any, kind: Any, owner: type[FHIRAbstractModel], depth: int) -> None:
    """Lines checking `var` against the template's `value` at a place of type `kind` in the model `owner`."""
    if value is None:  # validity of a null depends on its place only
        src.line(depth, f"if {var} is not None: return False")
    elif type(value) is dict:
        if kind is _RESOURCE:
            try:
                model = get_fhir_model_class(value["resourceType"])
            except (KeyError, TypeError, ValueError) as exc:
                raise _Unsupported(kind) from exc
            _dict(src, var, value, model, depth)  # a resource is seldom shared: no memo
            return
        if not _is_model(kind):
            raise _Unsupported(kind)
        place = next(_places)
        src.line(depth, f"if seen.get(id({var})) != {place}:")  # checked already at this place in this Bundle
        _dict(src, var, value, kind, depth + 1)
        src.line(depth + 1, f"seen[id({var})] = {place}")
    elif type(value) is list or _is_model(kind):
        raise _Unsupported(kind)
    else:
        check, known = _leaf_check(kind, owner, type(value))
        src.line(depth, f"if type({var}) is not {src.const(type(value))}: return False")
        if type(value) not in MEMO:
            src.line(depth, f"{src.const(check)}({var})")
            return
        name = src.const(known)  # a value not known yet is validated (ValidationError if refused), then known
        src.line(depth, f"if {var} not in {name}:")
        src.line(depth + 1, f"{src.const(check)}({var})")
        src.line(depth + 1, f"{name}.add({var})")


def matcher(entry: Json) -> Match:
    """The matcher of entries shaped like `entry` (a Bundle entry the models accept); _Unsupported if none."""
    src = _Source()
    _dict(src, "v0", entry, BundleEntry, 0)
    return src.function()


def _never(entry: Any, seen: dict[int, int]) -> bool:
    return False


class Shapes:
    """The shapes learnt so far and their matchers. `accept` is the caller's own check of a resource (a
    required binding), asked of the first resource of each shape only: it must look at nothing but the
    kept values (KEPT), which the later ones share."""

    def __init__(self, accept: Callable[[Json], bool]) -> None:
        self._accept = accept
        self._matchers: dict[tuple[object, ...], list[Match]] = {}
        self.in_full = 0  # entries validated by the models: the first of a shape, or of one not kept

    def valid(self, bundle: Json) -> bool:
        """True if the R4B models accept `bundle` and `accept` every resource; False if not sure."""
        if type(bundle) is not dict or type(entries := bundle.get("entry", [])) is not list:
            return False
        try:
            Bundle.model_validate({k: v for k, v in bundle.items() if k != "entry"})
            seen: dict[int, int] = {}  # id of a shared subtree -> the place it was found good at
            last: Match = _never
            for entry in entries:
                if not last(entry, seen):  # shapes come in runs: a year of check-ins, a response and its scores
                    found = self._entry(entry, seen)
                    if found is None:
                        return False
                    last = found
        except Exception:  # a leaf refused (ValidationError), or a surprise: full validation will say
            return False
        finally:
            for known in list(_known.values()):
                if len(known) > KNOWN:
                    known.clear()
        return True

    def _entry(self, entry: Any, seen: dict[int, int]) -> Match | None:
        """The matcher of `entry` (_never if its shape has none), or None if not sure it is valid."""
        resource = entry.get("resource") if type(entry) is dict else None
        if type(resource) is not dict:
            return None
        key = (*entry, *resource)
        for match in self._matchers.get(key, ()):
            if match(entry, seen):
                return match
        return self._learn(key, entry, resource)

    def _learn(self, key: tuple[object, ...], entry: Json, resource: Json) -> Match | None:
        """Validate an entry of a new shape in full; if valid, learn its shape (None if not valid)."""
        self.in_full += 1
        try:  # whatever goes wrong here, full validation will say it
            BundleEntry.model_validate(entry)
            if not self._accept(resource):
                return None
        except Exception:
            return None
        if sum(len(m) for m in self._matchers.values()) >= SHAPES:
            return _never
        try:
            match = matcher(entry)
            if not match(entry, {}):  # what it was made from: else stricter than the models, not kept
                return _never
        except Exception:  # _Unsupported, or nesting too deep to compile...: entries of this shape in full
            return _never
        self._matchers.setdefault(key, []).append(match)
        return match
