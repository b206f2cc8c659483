"""The house rules a reader relies on: no import circles, and no module too long to read."""

from __future__ import annotations

from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[2]
MAX_LINES = 400


def test_no_import_cycles() -> None:
    """No module imports, directly or through others, a module that imports it back (type-only imports aside)."""
    graph = grimp.build_graph("bot", "conversations", "standin", exclude_type_checking_imports=True)
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
