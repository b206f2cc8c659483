"""Formatted text: Telegram's HTML, MarkdownV2 and legacy Markdown parse modes → visible text + entities.

The HTML parser follows TDLib's rules (the code behind the Bot API), so the errors a bot
gets here are the ones it would get from Telegram, word for word where we know them.
Entity offsets and lengths are in UTF-16 code units, as in the Bot API.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

Entity = dict[str, Any]


class EntityParseError(ValueError):
    """The text is not valid for its parse mode; str(error) is Telegram's reason."""


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def parse(text: str, parse_mode: str | None) -> tuple[str, list[Entity]]:
    """Visible text and entities, trimmed like Telegram trims message text."""
    mode = (parse_mode or "").lower()
    if not mode:
        return _strip(text, [])
    if mode == "html":
        visible, entities = parse_html(text)
    elif mode == "markdownv2":
        visible, entities = parse_markdown_v2(text)
    elif mode == "markdown":
        visible, entities = parse_markdown(text)
    else:
        raise ValueError("unsupported parse_mode")
    return _strip(visible, entities)


class _Out:
    """The visible text being built, with its length in UTF-16 units for entity offsets."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.u16 = 0

    def add(self, piece: str) -> None:
        self.parts.append(piece)
        self.u16 += utf16_len(piece)

    def text(self) -> str:
        return "".join(self.parts)


def _byte_offset(text: str, pos: int) -> int:
    # Telegram reports positions in UTF-8 bytes of the original text.
    return len(text[:pos].encode())


def _sorted(entities: list[Entity]) -> list[Entity]:
    return sorted(entities, key=lambda e: (e["offset"], -e["length"]))


def _strip(text: str, entities: list[Entity]) -> tuple[str, list[Entity]]:
    stripped = text.strip()
    if len(stripped) == len(text):
        return text, entities
    shift = utf16_len(text[: len(text) - len(text.lstrip())])
    limit = utf16_len(stripped)
    kept = []
    for entity in entities:
        start = max(entity["offset"] - shift, 0)
        end = min(entity["offset"] + entity["length"] - shift, limit)
        if end > start:
            kept.append({**entity, "offset": start, "length": end - start})
    return stripped, kept


# --- HTML -------------------------------------------------------------------------------

_HTML_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "a": "text_link",
    "tg-emoji": "custom_emoji",
}
_HTML_ENTITY = re.compile(r"&(?:#[xX]([0-9a-fA-F]{1,8})|#([0-9]{1,10})|(lt|gt|amp|quot));")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}


def _decode_entity(text: str, pos: int) -> tuple[str, int] | None:
    """Telegram knows only &lt; &gt; &amp; &quot; and numeric entities; anything else stays literal."""
    match = _HTML_ENTITY.match(text, pos)
    if not match:
        return None
    if match.group(3):
        return _NAMED[match.group(3)], match.end()
    code = int(match.group(1), 16) if match.group(1) else int(match.group(2))
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return None
    return chr(code), match.end()


@dataclass
class _OpenTag:
    name: str
    argument: str
    start: int  # UTF-16 offset in the visible text


def _tag_argument(tag: str, attribute: str, value: str, current: str) -> str:
    if tag == "a" and attribute == "href":
        return value
    if tag == "code" and attribute == "class" and value.startswith("language-"):
        return value[len("language-") :]
    if tag == "span" and attribute == "class" and value.startswith("tg-"):
        return value[len("tg-") :]
    if tag == "tg-emoji" and attribute == "emoji-id":
        return value
    if tag == "blockquote" and attribute == "expandable":
        return "expandable"
    return current  # other attributes are ignored, as Telegram does


def parse_html(text: str) -> tuple[str, list[Entity]]:
    out = _Out()
    entities: list[Entity] = []
    stack: list[_OpenTag] = []
    n = len(text)
    i = 0
    while i < n:
        char = text[i]
        if char == "&":
            decoded = _decode_entity(text, i)
            out.add(decoded[0] if decoded else "&")
            i = decoded[1] if decoded else i + 1
            continue
        if char != "<":
            out.add(char)
            i += 1
            continue
        begin = i
        at = _byte_offset(text, begin)
        i += 1
        if i < n and text[i] == "/":
            if not stack:
                raise EntityParseError(f"Unexpected end tag at byte offset {at}")
            j = i + 1
            while j < n and not text[j].isspace() and text[j] != ">":
                j += 1
            name = text[i + 1 : j].lower()
            while j < n and text[j].isspace():
                j += 1
            if j >= n or text[j] != ">":
                raise EntityParseError(f"Unclosed end tag at byte offset {at}")
            tag = stack.pop()
            if name and name != tag.name:
                raise EntityParseError(
                    f'Unmatched end tag at byte offset {at}, expected "</{tag.name}>", found "</{name}>"'
                )
            _close_html(tag, out.u16, stack, entities)
            i = j + 1
            continue
        j = i
        while j < n and not text[j].isspace() and text[j] != ">":
            j += 1
        if j >= n:
            raise EntityParseError(f"Unclosed start tag at byte offset {at}")
        name = text[i:j].lower()
        if name not in _HTML_TYPES:
            raise EntityParseError(f'Unsupported start tag "{name}" at byte offset {at}')
        i, argument = _parse_attributes(text, j, name, at)
        if name == "span" and argument != "spoiler":
            raise EntityParseError(f'Tag "span" must have class "tg-spoiler" at byte offset {at}')
        stack.append(_OpenTag(name, argument, out.u16))
    if stack:
        raise EntityParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1].name}"')
    return out.text(), _sorted(entities)


def _parse_attributes(text: str, i: int, tag: str, at: int) -> tuple[int, str]:
    """Reads attributes up to and including '>'; returns the position after it and the tag's argument."""
    n = len(text)
    argument = ""
    while True:
        while i < n and text[i].isspace():
            i += 1
        if i >= n:
            raise EntityParseError(f"Unclosed start tag at byte offset {at}")
        if text[i] == ">":
            return i + 1, argument
        name_start = i
        while i < n and not text[i].isspace() and text[i] not in "=>":
            i += 1
        attribute = text[name_start:i].lower()
        if not attribute:
            raise EntityParseError(f'Empty attribute name in the tag "{tag}" at byte offset {at}')
        while i < n and text[i].isspace():
            i += 1
        value = ""
        if i < n and text[i] == "=":
            i += 1
            while i < n and text[i].isspace():
                i += 1
            if i >= n:
                raise EntityParseError(f"Unclosed start tag at byte offset {at}")
            if text[i] in "'\"":
                quote, i = text[i], i + 1
                chars: list[str] = []
                while i < n and text[i] != quote:
                    decoded = _decode_entity(text, i) if text[i] == "&" else None
                    chars.append(decoded[0] if decoded else text[i])
                    i = decoded[1] if decoded else i + 1
                if i >= n:
                    raise EntityParseError(f"Unclosed start tag at byte offset {at}")
                i += 1
                value = "".join(chars)
            else:
                token_start = i
                while i < n and (text[i].isalnum() or text[i] in ".-"):
                    i += 1
                value = text[token_start:i].lower()
                if i < n and not text[i].isspace() and text[i] != ">":
                    raise EntityParseError(
                        f"Unexpected end of name token at byte offset {_byte_offset(text, token_start)}"
                    )
        argument = _tag_argument(tag, attribute, value, argument)


def _close_html(tag: _OpenTag, end: int, stack: list[_OpenTag], entities: list[Entity]) -> None:
    # <pre><code class="language-x"> is one pre entity with a language, not two entities.
    if tag.name == "code" and stack and stack[-1].name == "pre" and tag.argument:
        stack[-1].argument = tag.argument
        return
    length = end - tag.start
    if length <= 0:
        return
    entity: Entity = {"type": _HTML_TYPES[tag.name], "offset": tag.start, "length": length}
    if tag.name == "a":
        if not tag.argument:
            return
        entity["url"] = tag.argument
    elif tag.name == "pre" and tag.argument:
        entity["language"] = tag.argument
    elif tag.name == "blockquote" and tag.argument == "expandable":
        entity["type"] = "expandable_blockquote"
    elif tag.name == "tg-emoji":
        if not tag.argument:
            return
        entity["custom_emoji_id"] = tag.argument
    entities.append(entity)


# --- MarkdownV2 -------------------------------------------------------------------------

_MDV2_RESERVED = frozenset("_*[]()~`>#+-=|{}.!")
_MDV2_NAMES = {
    "italic": "Italic",
    "bold": "Bold",
    "underline": "Underline",
    "strikethrough": "Strikethrough",
    "spoiler": "Spoiler",
    "text_link": "TextUrl",
    "code": "Code",
    "pre": "Pre",
    "custom_emoji": "CustomEmoji",
}
# Opening/closing marker of each toggling entity.
_MDV2_MARKERS = [("__", "underline"), ("_", "italic"), ("*", "bold"), ("~", "strikethrough"), ("||", "spoiler")]


@dataclass
class _OpenMd:
    type: str
    start: int  # UTF-16 offset in the visible text
    at: int  # byte offset in the source, for errors
    language: str = ""


def parse_markdown_v2(text: str) -> tuple[str, list[Entity]]:
    """MarkdownV2 with Telegram's strictness about unescaped reserved characters (the usual bot bug).

    Simplified: '>' blockquotes are accepted at line start but produce no entity.
    """
    out = _Out()
    entities: list[Entity] = []
    stack: list[_OpenMd] = []
    n = len(text)
    i = 0
    while i < n:
        char = text[i]
        top = stack[-1] if stack else None
        if char == "\\" and i + 1 < n and 0 < ord(text[i + 1]) <= 126:
            out.add(text[i + 1])
            i += 2
            continue
        if top is not None and top.type in ("code", "pre"):
            marker = "`" if top.type == "code" else "```"
            if text.startswith(marker, i):
                _close_md(stack.pop(), out.u16, entities)
                i += len(marker)
            else:
                out.add(char)
                i += 1
            continue
        if char not in _MDV2_RESERVED:
            out.add(char)
            i += 1
            continue
        if top is not None:
            marker = _closing_marker(text, i, top)
            if marker:
                _close_md(stack.pop(), out.u16, entities)
                i += len(marker)
                continue
            if top.type in ("text_link", "custom_emoji") and char == "]":
                i = _close_link(text, i, stack.pop(), out.u16, entities)
                continue
        i = _open_md(text, i, out, stack)
    if stack:
        raise EntityParseError(f"Can't find end of {_MDV2_NAMES[stack[-1].type]} entity at byte offset {stack[-1].at}")
    return out.text(), _sorted(entities)


def _closing_marker(text: str, i: int, top: _OpenMd) -> str:
    """The marker at text[i:] that closes the innermost entity, or ''."""
    for marker, kind in _MDV2_MARKERS:
        if top.type == kind and text.startswith(marker, i):
            return marker
    return ""


def _close_link(text: str, i: int, tag: _OpenMd, end: int, entities: list[Entity]) -> int:
    """At the ']' of [text](url) or ![emoji](tg://emoji?id=...): records the entity, returns the next position."""
    if not text.startswith("(", i + 1):
        return i + 1  # "[text]" without a URL is plain text
    j = i + 2
    url: list[str] = []
    while j < len(text) and text[j] != ")":
        if text[j] == "\\" and j + 1 < len(text):
            j += 1
        url.append(text[j])
        j += 1
    if j >= len(text):
        raise EntityParseError(f"Can't find end of a URL at byte offset {_byte_offset(text, i + 1)}")
    _close_md(tag, end, entities, "".join(url))
    return j + 1


def _open_md(text: str, i: int, out: _Out, stack: list[_OpenMd]) -> int:
    at = _byte_offset(text, i)
    for marker, kind in _MDV2_MARKERS:
        if text.startswith(marker, i):
            stack.append(_OpenMd(kind, out.u16, at))
            return i + len(marker)
    char = text[i]
    if char == "[":
        stack.append(_OpenMd("text_link", out.u16, at))
        return i + 1
    if text.startswith("![", i):
        stack.append(_OpenMd("custom_emoji", out.u16, at))
        return i + 2
    if text.startswith("```", i):
        newline = text.find("\n", i + 3)
        language = text[i + 3 : newline] if newline != -1 else ""
        if language and not any(c.isspace() for c in language):
            stack.append(_OpenMd("pre", out.u16, at, language))
            return newline + 1
        stack.append(_OpenMd("pre", out.u16, at))
        return i + 3
    if char == "`":
        stack.append(_OpenMd("code", out.u16, at))
        return i + 1
    if char == ">" and (i == 0 or text[i - 1] == "\n"):
        return i + 1
    raise EntityParseError(f"Character '{char}' is reserved and must be escaped with the preceding '\\'")


def _close_md(tag: _OpenMd, end: int, entities: list[Entity], url: str = "") -> None:
    length = end - tag.start
    if length <= 0:
        return
    entity: Entity = {"type": tag.type, "offset": tag.start, "length": length}
    if tag.type == "text_link":
        entity["url"] = url
    elif tag.type == "custom_emoji":
        entity["custom_emoji_id"] = url.rpartition("id=")[2]
    elif tag.type == "pre" and tag.language:
        entity["language"] = tag.language
    entities.append(entity)


# --- legacy Markdown --------------------------------------------------------------------

_LEGACY = {"*": "bold", "_": "italic", "`": "code"}


def parse_markdown(text: str) -> tuple[str, list[Entity]]:
    """Legacy Markdown: *bold* _italic_ `code` ```pre``` [text](url); no nesting."""
    out = _Out()
    entities: list[Entity] = []
    n = len(text)
    i = 0
    while i < n:
        char = text[i]
        if char == "\\" and i + 1 < n and text[i + 1] in "_*`[":
            out.add(text[i + 1])
            i += 2
            continue
        if char not in "_*`[":
            out.add(char)
            i += 1
            continue
        at = _byte_offset(text, i)
        marker, kind, close = (
            ("```", "pre", "```")
            if text.startswith("```", i)
            else ("[", "text_link", "]")
            if char == "["
            else (char, _LEGACY[char], char)
        )
        end = text.find(close, i + len(marker))
        if end == -1:
            raise EntityParseError(f"Can't find end of the entity starting at byte offset {at}")
        inner = text[i + len(marker) : end]
        entity: Entity = {"type": kind, "offset": out.u16, "length": utf16_len(inner)}
        i = end + len(close)
        if kind == "text_link":
            if not text.startswith("(", i) or text.find(")", i) == -1:
                raise EntityParseError(f"Can't find end of the entity starting at byte offset {at}")
            url_end = text.find(")", i)
            entity["url"] = text[i + 1 : url_end]
            i = url_end + 1
        out.add(inner)
        if entity["length"]:
            entities.append(entity)
    return out.text(), _sorted(entities)
