"""Typed button data: packs within Telegram's limit, parses back, refuses anything forged."""

from __future__ import annotations

import enum

import pytest

from bot.core.callbacks import CallbackData, InvalidCallback, callback, parse_any


class Colour(enum.StrEnum):
    RED = "r"
    BLUE = "b"


@callback("t.demo")
class Demo(CallbackData):
    item: int
    colour: Colour
    on: bool
    name: str


def test_round_trip_keeps_types() -> None:
    data = Demo(item=42, colour=Colour.BLUE, on=True, name="x1").pack()
    assert data == "1|t.demo|42|b|1|x1"
    back = Demo.parse(data)
    assert back == Demo(42, Colour.BLUE, True, "x1")
    assert parse_any(data) == back


@pytest.mark.parametrize(
    "forged",
    [
        "1|t.demo|abc|b|1|x",  # id not a number
        "1|t.demo|42|g|1|x",  # colour that does not exist
        "1|t.demo|42|b|2|x",  # flag not 0/1
        "1|t.demo|42|b|1|",  # empty text
        "1|t.demo|42|b|1",  # a field missing
        "1|t.demo|42|b|1|x|y",  # a field too many
        "0|t.demo|42|b|1|x",  # another version
        "faq:cat:x:²",  # an old-style string
        "1|t.demo|²|b|1|x",  # a digit that is not ASCII
        "",
    ],
)
def test_forged_data_is_refused(forged: str) -> None:
    with pytest.raises(InvalidCallback):
        Demo.parse(forged)
    assert not Demo.matches(forged)
    assert Demo.try_parse(forged) is None


def test_data_over_64_bytes_cannot_be_built() -> None:
    with pytest.raises(InvalidCallback):
        Demo(1, Colour.RED, False, "é" * 40).pack()


def test_a_prefix_is_used_once() -> None:
    with pytest.raises(ValueError, match="used by"):

        @callback("t.demo")
        class Again(CallbackData):
            x: int
