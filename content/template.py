"""Message templates: merge fields, Telegram HTML, and quote lines.

A template is plain text with ``{field}`` merge fields (``{{`` for a literal brace). Lines that
start with ``> `` are quotes from the source documents and render as a Telegram blockquote, so
a patient can see which words are sourced and which are the clinic's. Everything else, the
template's own words and every value, is HTML-escaped: a staff edit or a patient's name can
never break the parse mode.

Only plain field names are accepted: ``{first_name.__class__}`` or ``{0}`` is an error, never
an attribute lookup, because staff write templates.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from string import Formatter

MERGE_FIELDS = (
    "first_name",
    "clinic_name",
    "clinic_phone",
    "booking_link",
    "session_number",
    "series_length",
    "next_session_date",
)
# Button callback data is filled per message; Telegram allows 64 bytes.
CALLBACK_FIELDS = ("session_id",)
MAX_TEXT_LENGTH = 4096
MAX_CALLBACK_BYTES = 64

# Longest values a message must still fit with. Telegram caps a first name at 64 characters;
# the clinic limits are what the clinic settings should enforce. A session id is at most a
# 64-bit integer (19 digits); 36 leaves room for a UUID should the store switch to those.
WORST_CASE_VALUES = {
    "first_name": "W" * 64,
    "clinic_name": "W" * 100,
    "clinic_phone": "+" + "9" * 24,
    "booking_link": "https://" + "w" * 248,
    "session_number": "99",
    "series_length": "99",
    "next_session_date": "Wednesday 30 September",
}
WORST_CASE_CALLBACK_VALUES = {"session_id": "f" * 36}

QUOTE_PREFIX = "> "
_QUOTE_MARKS = "“”\"'‘’"
_ELLIPSIS = re.compile(r"^(…|\.\.\.)\s*|\s*(…|\.\.\.)$")
_TAG = re.compile(r"<[^>]+>")


class TemplateError(ValueError):
    """A template that cannot be rendered: bad braces or an unknown field."""


def fields(template: str, allowed: Iterable[str] = MERGE_FIELDS) -> list[str]:
    """The merge fields a template uses, in order; TemplateError names the first bad one."""
    known = tuple(allowed)
    try:
        parts = list(Formatter().parse(template))
    except ValueError as error:
        raise TemplateError(f"braces do not match ({error}); write {{{{ for a literal {{") from None
    used = []
    for _literal, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in known or spec or conversion:
            shown = (
                "{"
                + name
                + (f"!{conversion}" if conversion else "")
                + (f":{spec}" if spec else "")
                + "}"
            )
            raise TemplateError(f"unknown merge field {shown}; known fields: {', '.join(known)}")
        used.append(name)
    return used


def substitute(template: str, values: Mapping[str, str], escape: bool = False) -> str:
    """Fill merge fields; with ``escape`` both the template's text and the values are escaped."""
    fields(template, values.keys())
    out = []
    for literal, name, _spec, _conversion in Formatter().parse(template):
        out.append(_escape(literal) if escape else literal)
        if name is not None:
            out.append(_escape(values[name]) if escape else values[name])
    return "".join(out)


def render(template: str, values: Mapping[str, str]) -> str:
    """Telegram HTML for a template: escaped text, quote lines as blockquotes."""
    fields(template, values.keys())
    out: list[str] = []
    block: list[str] = []
    for line in template.split("\n"):
        if is_quote_line(line):
            block.append(substitute(_quote_body(line), values, escape=True))
            continue
        if block:
            out.append("<blockquote>" + "\n".join(block) + "</blockquote>")
            block = []
        out.append(substitute(line, values, escape=True))
    if block:
        out.append("<blockquote>" + "\n".join(block) + "</blockquote>")
    return "\n".join(out).strip()


def is_quote_line(line: str) -> bool:
    return line.startswith(QUOTE_PREFIX) or line.rstrip() == ">"


def quoted_lines(template: str) -> list[str]:
    """The quoted words of each ``> `` line, without the quote marks or ellipses around them."""
    bodies = (_unquote(_quote_body(line)) for line in template.split("\n") if is_quote_line(line))
    return [body for body in bodies if body]


def visible_length(html_text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units of the text after entity parsing."""
    text = html.unescape(_TAG.sub("", html_text))
    return len(text.encode("utf-16-le")) // 2


def _quote_body(line: str) -> str:
    return line[1:].strip()


def _unquote(body: str) -> str:
    return _ELLIPSIS.sub("", body.strip().strip(_QUOTE_MARKS).strip()).strip()


def _escape(text: str) -> str:
    return html.escape(text, quote=False)
