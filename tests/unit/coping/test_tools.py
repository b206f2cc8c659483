"""The coping tools file: the shipped one is valid, and a broken one says what is wrong."""

from __future__ import annotations

import pytest

from bot.domain.coping.tools import PEOPLE_STEP, REASONS_STEP, ToolsError, load, offered, parse, translate
from bot.texts import catalogue


def test_the_shipped_tools_load_with_their_sources() -> None:
    tools = load()
    assert list(tools) == ["urge_surfing", "breathing", "grounding", "tape", "halt", "reasons", "call"]
    assert all(t.source and t.steps for t in tools.values())
    assert PEOPLE_STEP in tools["call"].steps and REASONS_STEP in tools["reasons"].steps
    rounds = " ".join(tools["breathing"].steps)
    assert "Rounds 1 and 2 of 4" in rounds and "Rounds 3 and 4 of 4" in rounds  # box breathing: four rounds


def test_the_shipped_exercises_are_paced_and_the_plan_tools_wait_for_next() -> None:
    tools = load()
    assert {k: t.pace for k, t in tools.items()} == {
        "urge_surfing": 120,
        "breathing": 35,
        "grounding": 45,
        "tape": 45,
        "halt": 40,
        "reasons": None,
        "call": None,
    }
    assert tools["urge_surfing"].minutes == 10  # about ten minutes of paced messages
    assert tools["breathing"].minutes == 2 and tools["call"].minutes == 0


def test_a_new_tool_is_a_new_entry() -> None:
    tools = parse("tools:\n  halt:\n    name: HALT\n    source: a habit\n    steps: ['Hungry?', 'Angry?']\n")
    assert tools["halt"].steps == ("Hungry?", "Angry?")


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("nope: [", "not YAML"),
        ("tools: {}", "at least one tool"),
        ("tools:\n  Bad-Key:\n    name: x\n    source: y\n    steps: [a]\n", "Bad-Key"),
        ("tools:\n  ok:\n    source: y\n    steps: [a]\n", "ok: a name"),
        ("tools:\n  ok:\n    name: x\n    steps: [a]\n", "ok: a source"),
        ("tools:\n  ok:\n    name: x\n    source: y\n    steps: []\n", "ok: at least one step"),
        ("tools:\n  ok:\n    name: x\n    source: y\n    steps: [a, '']\n", "ok: step 2"),
        ("tools:\n  ok:\n    name: x\n    source: y\n    pace: 2\n    steps: [a]\n", "ok: pace must be"),
        ("tools:\n  ok:\n    name: x\n    source: y\n    pace: soon\n    steps: [a]\n", "ok: pace must be"),
        ("tools:\n  ok:\n    name: x\n    source: y\n    pace: 30\n    steps: [a, people]\n", "cannot show"),
    ],
)
def test_a_broken_file_names_the_problem(text: str, says: str) -> None:
    with pytest.raises(ToolsError, match=says):
        parse(text)


def test_the_spanish_tools_line_up_with_the_english_ones() -> None:
    english = load()
    with catalogue.speaking("es"):
        spanish = offered()
    assert list(spanish) == list(english)
    for key, tool in spanish.items():
        assert (tool.source, tool.pace, len(tool.steps)) == (
            english[key].source,
            english[key].pace,
            len(english[key].steps),
        )
        assert tool.name != english[key].name or key == "grounding"  # "5-4-3-2-1" reads the same
    assert spanish["breathing"].steps[1].startswith("Rondas 1 y 2 de 4")
    with catalogue.speaking("en"):
        assert offered() == english


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("tools:\n  nope:\n    name: x\n    steps: [a]\n", "no tool of tools.yaml"),
        ("tools:\n  call:\n    name: x\n    steps: [a, b]\n", "do not line up"),
        ("tools:\n  call:\n    name: x\n    steps: [a, b, c]\n", "do not line up"),  # `people` moved
        ("tools:\n  call:\n    steps: [a, people, c]\n", "a name of 1–40"),
    ],
)
def test_a_translation_that_does_not_line_up_names_the_tool(text: str, says: str) -> None:
    with pytest.raises(ToolsError, match=says):
        translate(load(), text)
