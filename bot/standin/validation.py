"""Telegram's rules for what a bot may send, with Telegram's own error wording.

The stand-in rejects what the real Bot API would reject, so that a bug that would only show
in production (an unescaped `<`, a 70-byte callback_data, an empty reply) fails a test here.
"""

from __future__ import annotations

import json
import re
from html import unescape
from typing import Any

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64

# One tag name -> the entity type Telegram makes of it.
_HTML_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "a": "text_link",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)((?:\s+[^<>]*?)?)\s*>")
_ATTR = re.compile(r"""([A-Za-z-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
_ENTITY = re.compile(r"&(lt|gt|amp|quot|#\d+|#x[0-9A-Fa-f]+);")
_BUTTON_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)


class ApiError(Exception):
    """A Bot API error answer: HTTP status, Telegram's description, optional parameters."""

    def __init__(self, code: int, description: str, parameters: dict[str, Any] | None = None):
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.code,
            "description": self.description,
        }
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(detail: str) -> ApiError:
    return ApiError(400, f"Bad Request: {detail}")


def utf16_len(text: str) -> int:
    """Telegram measures entity offsets in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def parse_html(text: str) -> tuple[str, list[dict[str, Any]]]:
    """The plain text and entities Telegram makes of `text` with parse_mode HTML."""
    plain: list[str] = []
    entities: list[dict[str, Any]] = []
    stack: list[tuple[str, dict[str, str], int]] = []
    offset = 0  # UTF-16 position in the plain text

    def add_text(raw: str, at: int) -> None:
        nonlocal offset
        if "<" in raw:
            byte = len(text[: at + raw.index("<")].encode())
            raise _cant_parse(f"Unsupported start tag at byte offset {byte}")
        piece = _unescape(raw)
        plain.append(piece)
        offset += utf16_len(piece)

    pos = 0
    for match in _TAG.finditer(text):
        add_text(text[pos : match.start()], pos)
        pos = match.end()
        closing, name, attrs = match.group(1), match.group(2).lower(), match.group(3)
        byte = len(text[: match.start()].encode())
        if name not in _HTML_TAGS:
            kind = "end" if closing else "start"
            raise _cant_parse(f'Unsupported {kind} tag "{name}" at byte offset {byte}')
        if not closing:
            stack.append((name, _attributes(attrs), offset))
            continue
        if not stack:
            raise _cant_parse(f"Unexpected end tag at byte offset {byte}")
        open_name, open_attrs, start = stack.pop()
        if open_name != name:
            raise _cant_parse(
                f'Unmatched end tag at byte offset {byte}, expected "</{open_name}>", '
                f'found "</{name}>"'
            )
        entity = _entity(open_name, open_attrs, start, offset - start)
        if entity is not None:
            entities.append(entity)
    add_text(text[pos:], pos)
    if stack:
        raise _cant_parse(f'Can\'t find end tag corresponding to start tag "{stack[-1][0]}"')
    return "".join(plain), _merge_pre_code(entities)


def _merge_pre_code(entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    # <pre><code class="language-x"> is one pre entity with a language, as Telegram makes it.
    spans = {(e["offset"], e["length"]) for e in entities if e["type"] == "pre"}
    merged = []
    for entity in entities:
        language = entity.pop("language", None) if entity["type"] == "code" else None
        if entity["type"] == "code" and (entity["offset"], entity["length"]) in spans:
            for pre in entities:
                same_span = (pre["offset"], pre["length"]) == (entity["offset"], entity["length"])
                if pre["type"] == "pre" and same_span and language:
                    pre["language"] = language
            continue
        merged.append(entity)
    return sorted(merged, key=lambda e: (e["offset"], -e["length"]))


def check_text(
    text: Any, parse_mode: Any, *, caption: bool = False
) -> tuple[str, list[dict[str, Any]]]:
    """Validate a message text or caption; return what the user sees and its entities."""
    text = "" if text is None else str(text)
    if parse_mode in (None, ""):
        plain, entities = text, []
    elif str(parse_mode).lower() == "html":
        plain, entities = parse_html(text)
    elif str(parse_mode).lower() in ("markdown", "markdownv2"):
        # Not parsed: the project sends HTML. Length and emptiness are still checked.
        plain, entities = text, []
    else:
        raise bad_request("unsupported parse_mode")
    if not caption and not plain.strip():
        raise bad_request("message text is empty")
    if len(plain) > (MAX_CAPTION if caption else MAX_TEXT):
        raise bad_request("message caption is too long" if caption else "message is too long")
    return plain, entities


def parse_reply_markup(raw: Any) -> dict[str, Any] | None:
    """Decode and validate reply_markup the way Telegram does; None when absent."""
    if raw in (None, ""):
        return None
    markup = raw
    if isinstance(raw, str):
        try:
            markup = json.loads(raw)
        except ValueError:
            markup = None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        _check_inline_keyboard(markup["inline_keyboard"])
    return markup


def _check_inline_keyboard(rows: Any) -> None:
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request(
            'field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays'
        )
    for row in rows:
        for button in row:
            if not isinstance(button, dict) or not isinstance(button.get("text"), str):
                raise bad_request("can't parse inline keyboard button: Text must be a String")
            actions = [key for key in _BUTTON_ACTIONS if key in button]
            if not actions:
                raise bad_request(
                    "can't parse inline keyboard button: "
                    "Text buttons are unallowed in the inline keyboard"
                )
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode()) <= MAX_CALLBACK_DATA:
                raise bad_request("BUTTON_DATA_INVALID")
            url = button.get("url")
            if url is not None and not re.match(r"(https?|tg)://\S+$", str(url)):
                raise bad_request("BUTTON_URL_INVALID")


def _cant_parse(detail: str) -> ApiError:
    return bad_request(f"can't parse entities: {detail}")


def _unescape(raw: str) -> str:
    # Telegram knows only four named entities; others stay as typed.
    return _ENTITY.sub(lambda m: unescape(m.group(0)), raw)


def _attributes(raw: str) -> dict[str, str]:
    return {
        m.group(1).lower(): _unescape(next((g for g in m.groups()[1:] if g is not None), ""))
        for m in _ATTR.finditer(raw)
    }


def _entity(name: str, attrs: dict[str, str], offset: int, length: int) -> dict[str, Any] | None:
    if length == 0:
        return None
    kind = _HTML_TAGS[name]
    if name == "span" and attrs.get("class") != "tg-spoiler":
        return None
    entity: dict[str, Any] = {"type": kind, "offset": offset, "length": length}
    if name == "a":
        entity["url"] = attrs.get("href", "")
    if name == "blockquote" and "expandable" in attrs:
        entity["type"] = "expandable_blockquote"
    if name == "code" and attrs.get("class", "").startswith("language-"):
        entity["language"] = attrs["class"].removeprefix("language-")
    if name == "tg-emoji":
        entity["custom_emoji_id"] = attrs.get("emoji-id", "")
    return entity
