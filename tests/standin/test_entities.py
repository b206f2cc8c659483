"""The parse modes: visible text, entity offsets in UTF-16 units, and Telegram's parse errors."""

from __future__ import annotations

import pytest

from standin.entities import EntityParseError, parse


def test_html_visible_text_and_entities() -> None:
    text, entities = parse('<b>Bold</b> &amp; <a href="https://x.org/?a=1&amp;b=2">link</a> &#128512;', "HTML")
    assert text == "Bold & link 😀"
    assert entities == [
        {"type": "bold", "offset": 0, "length": 4},
        {"type": "text_link", "offset": 7, "length": 4, "url": "https://x.org/?a=1&b=2"},
    ]


def test_html_offsets_count_utf16_units() -> None:
    text, entities = parse("😀 <i>x</i>", "html")
    assert text == "😀 x"
    assert entities == [{"type": "italic", "offset": 3, "length": 1}]  # the emoji is two UTF-16 units


def test_html_pre_with_language_spoiler_and_expandable_quote() -> None:
    source = (
        '<pre><code class="language-python">print(1)</code></pre><span class="tg-spoiler">s</span>'
        "<blockquote expandable>q</blockquote>"
    )
    _, entities = parse(source, "HTML")
    assert entities == [
        {"type": "pre", "offset": 0, "length": 8, "language": "python"},
        {"type": "spoiler", "offset": 8, "length": 1},
        {"type": "expandable_blockquote", "offset": 9, "length": 1},
    ]


def test_html_text_is_trimmed_like_telegram() -> None:
    assert parse("  \n<b> hi </b>\n ", "HTML") == ("hi", [{"type": "bold", "offset": 0, "length": 2}])


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("<p>x</p>", 'Unsupported start tag "p" at byte offset 0'),
        ("<b>x", 'Can\'t find end tag corresponding to start tag "b"'),
        ("é <b>x</i>", 'Unmatched end tag at byte offset 7, expected "</b>", found "</i>"'),
        ("1 < 2", 'Unsupported start tag "" at byte offset 2'),
        ("x</b>", "Unexpected end tag at byte offset 1"),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler" at byte offset 0'),
        ("<b", "Unclosed start tag at byte offset 0"),
    ],
)
def test_html_errors_match_telegram(source: str, reason: str) -> None:
    with pytest.raises(EntityParseError) as error:
        parse(source, "HTML")
    assert str(error.value) == reason


def test_html_unknown_named_entity_stays_literal() -> None:
    assert parse("a &nbsp; b & c", "HTML")[0] == "a &nbsp; b & c"


def test_markdown_v2_entities_and_escapes() -> None:
    text, entities = parse(r"*bold* _it_ __under__ ~s~ ||sp|| `c\`` [l](https://a.b/\)) 1\.5\!", "MarkdownV2")
    assert text == "bold it under s sp c` l 1.5!"
    assert [e["type"] for e in entities] == [
        "bold",
        "italic",
        "underline",
        "strikethrough",
        "spoiler",
        "code",
        "text_link",
    ]
    assert entities[-1]["url"] == "https://a.b/)"


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("Done.", "Character '.' is reserved and must be escaped with the preceding '\\'"),
        ("*open", "Can't find end of Bold entity at byte offset 0"),
        ("a_b", "Can't find end of Italic entity at byte offset 1"),
    ],
)
def test_markdown_v2_errors(source: str, reason: str) -> None:
    with pytest.raises(EntityParseError) as error:
        parse(source, "MarkdownV2")
    assert str(error.value) == reason


def test_legacy_markdown_and_plain_text() -> None:
    assert parse("*b* [t](http://u)", "Markdown") == (
        "b t",
        [
            {"type": "bold", "offset": 0, "length": 1},
            {"type": "text_link", "offset": 2, "length": 1, "url": "http://u"},
        ],
    )
    assert parse("<b>not html</b>", None) == ("<b>not html</b>", [])
