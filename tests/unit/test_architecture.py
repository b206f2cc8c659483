"""The house rules a reader relies on: no import circles, and no module too long to read."""

from __future__ import annotations

from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[2]
MAX_LINES = 400


def test_no_import_cycles() -> None:
    """No module imports, directly or through others, a module that imports it back (type-only imports aside)."""
    graph = grimp.build_graph("bot", "conversations", "standin", exclude_type_checking_imports=True, cache_dir=None)
    cycles = {
        tuple(sorted((module, imported)))
        for module in graph.modules
        for imported in graph.find_modules_directly_imported_by(module)
        if graph.chain_exists(importer=imported, imported=module)
    }
    assert cycles == set()


def test_modules_stay_small() -> None:
    """Every module of the bot and its handlers fits in a reader's head (migrations aside)."""
    long = {
        str(path.relative_to(ROOT)): n
        for folder in ("bot", "conversations")
        for path in (ROOT / folder).rglob("*.py")
        if "migrations" not in path.parts and (n := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}


MIN_LINES = 15
# Kept short on purpose: `python -m bot` itself, and the one seam time-machine moves.
SHORT_ON_PURPOSE = {"bot/__main__.py", "bot/core/clock.py"}


def test_no_module_is_a_fragment() -> None:
    """A module shorter than a screenful's start is folded into its neighbour (packages' __init__ aside)."""
    short = {
        rel: n
        for folder in ("bot", "conversations")
        for path in (ROOT / folder).rglob("*.py")
        if "migrations" not in path.parts
        and path.name != "__init__.py"
        and (rel := str(path.relative_to(ROOT))) not in SHORT_ON_PURPOSE
        and (n := len(path.read_text().splitlines())) < MIN_LINES
    }
    assert short == {}


def _feature_imports(layer: str) -> set[tuple[str, str]]:
    """(importer, imported) pairs between the feature packages and modules directly inside `layer`."""
    graph = grimp.build_graph("bot", "conversations", exclude_type_checking_imports=True, cache_dir=None)
    depth = layer.count(".") + 1
    pairs = set()
    for module in graph.modules:
        if not module.startswith(layer + "."):
            continue
        for imported in graph.find_modules_directly_imported_by(module):
            if imported.startswith(layer + "."):
                a, b = module.split(".")[depth], imported.split(".")[depth]
                if a != b:
                    pairs.add((a, b))
    return pairs


def _documented_imports(heading: str) -> set[tuple[str, str]]:
    """The feature-to-feature imports listed under `heading` in docs/architecture.md ("- a → b, c")."""
    text = (ROOT / "docs" / "architecture.md").read_text()
    section = text.split(heading, 1)[1].split("\n#", 1)[0]
    pairs = set()
    for line in section.splitlines():
        if line.startswith("- ") and "→" in line:
            importer, imported = line[2:].split("→")
            for name in imported.split(" (")[0].split(","):  # a note in brackets may say why
                pairs.add((importer.strip(" `"), name.strip(" `")))
    return pairs


def test_domain_feature_imports_are_the_documented_few() -> None:
    """Every import between domain feature packages is named in docs/architecture.md, and nothing more."""
    assert _feature_imports("bot.domain") == _documented_imports("### Between domain features")


def test_conversation_feature_imports_are_the_documented_few() -> None:
    """Every import between conversation packages and modules is named in docs/architecture.md."""
    assert _feature_imports("conversations") == _documented_imports("### Between conversation features")


def test_every_feature_package_says_what_it_owns() -> None:
    """Each feature package opens with a docstring naming its modules, so a reader knows where to look."""
    for layer in ("bot/domain", "conversations"):
        for init in (ROOT / layer).glob("*/__init__.py"):
            doc = init.read_text().strip()
            assert doc.startswith('"""'), init
            modules = {p.stem for p in init.parent.glob("*.py") if p.stem != "__init__"}
            named = {m for m in modules if f"`{m}`" in doc}
            assert named == modules, f"{init}: not named {sorted(modules - named)}"
