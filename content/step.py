"""One timeline step as data: when it is due, what it says, and the quotes it rests on.

``parse_step`` turns one YAML mapping into a ``Step`` and reports schema problems (missing or
unknown keys, wrong types, bad durations) without touching the source documents; the content
rules (quotes, merge fields, lengths) live in ``content.message``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import timedelta

from content.offset import Offset, parse_duration, parse_offset
from content.problem import Problem

WINDOWS = ("clinic", "immediate")
_NAME = re.compile(r"[a-z][a-z0-9_]{0,31}")
_REQUIRED = ("id", "offset", "window", "expires", "group", "text", "sources")
_OPTIONAL = ("title", "buttons", "needs_next_session")
MAX_TITLE = 40


@dataclass(frozen=True)
class Source:
    """A sentence a step rests on: `quote`, word for word, from the seed document `doc`."""

    doc: str
    quote: str


@dataclass(frozen=True)
class Button:
    """An inline button: a link (``url``) or an answer the bot handles (``callback``)."""

    text: str
    url: str = ""
    callback: str = ""


@dataclass(frozen=True)
class Step:
    """A timeline step: sent `offset` after the session (in the clinic's hours unless
    `immediate`), `text` a template with merge fields and `> ` quotes of its `sources`."""

    id: str
    offset: Offset
    immediate: bool
    expires: timedelta  # how long after its send time the message is still worth sending
    group: str  # steps cleared together, e.g. every "rebook" reminder once a patient books
    text: str
    sources: tuple[Source, ...]
    buttons: tuple[Button, ...] = ()
    needs_next_session: bool = False  # skipped after the last session of a series
    title: str = ""  # what staff call the step in /queue and /content ("Day 2: settling")

    @property
    def label(self) -> str:
        """The step's title, or its id when it has none."""
        return self.title or self.id

    @property
    def version(self) -> str:
        """Names these exact words, for the audit trail of what a patient was sent."""
        words = repr((self.text, self.buttons, self.sources)).encode()
        return f"default:{hashlib.sha256(words).hexdigest()[:10]}"


def parse_step(raw: object, file: str, index: int) -> tuple[Step | None, list[Problem]]:
    """A Step from one YAML mapping, or None and the problems that prevent it."""
    where = f"steps[{index}]"
    if not isinstance(raw, dict):
        return None, [Problem(file, where, "each step must be a mapping of keys to values")]
    if isinstance(raw.get("id"), str) and raw["id"]:
        where = raw["id"]
    problems: list[Problem] = []

    def bad(message: str) -> None:
        problems.append(Problem(file, where, message))

    for key in sorted(map(str, raw.keys() - {*_REQUIRED, *_OPTIONAL})):
        bad(f"unknown key {key!r}; allowed: {', '.join((*_REQUIRED, *_OPTIONAL))}")
    for key in _REQUIRED:
        if raw.get(key) in (None, "", []):
            bad(f"missing required key {key!r}")
    if problems:
        return None, problems

    for key in ("id", "group"):
        if not isinstance(raw[key], str) or not _NAME.fullmatch(raw[key]):
            bad(f"{key}: {raw[key]!r} must be lower_case letters, digits and _ (up to 32)")
    if raw["window"] not in WINDOWS:
        bad(f"window: {raw['window']!r} must be one of {', '.join(WINDOWS)}")
    if not isinstance(raw["text"], str):
        bad("text: must be a string")
    title = raw.get("title", "")
    if not isinstance(title, str) or len(title) > MAX_TITLE or "\n" in title:
        bad(f"title: must be one line of text, at most {MAX_TITLE} characters")
    if not isinstance(raw.get("needs_next_session", False), bool):
        bad("needs_next_session: must be true or false")
    offset = _parsed(parse_offset, raw["offset"], "offset", bad)
    expires = _parsed(parse_duration, raw["expires"], "expires", bad)
    if expires is not None and expires <= timedelta(0):
        bad("expires: must be longer than 0")
    sources = _sources(raw["sources"], bad)
    buttons = _buttons(raw.get("buttons", []), bad)
    if problems or offset is None or expires is None:
        return None, problems
    return Step(
        id=raw["id"],
        offset=offset,
        immediate=raw["window"] == "immediate",
        expires=expires,
        group=raw["group"],
        text=raw["text"].strip(),
        sources=sources,
        buttons=buttons,
        needs_next_session=raw.get("needs_next_session", False),
        title=title.strip(),
    ), []


def _parsed(parse, value, key, bad):
    try:
        return parse(value)
    except ValueError as error:
        bad(f"{key}: {error}")
        return None


def _sources(raw: object, bad) -> tuple[Source, ...]:
    def read(item: object) -> Source | str:
        if not isinstance(item, dict) or set(item) != {"doc", "quote"}:
            return "must have exactly the keys doc and quote"
        if not all(isinstance(item[k], str) and item[k].strip() for k in ("doc", "quote")):
            return "doc and quote must be non-empty strings"
        return Source(item["doc"].strip(), " ".join(item["quote"].split()))

    return _each("sources", raw, "{doc, quote}", read, bad)


def _buttons(raw: object, bad) -> tuple[Button, ...]:
    def read(item: object) -> Button | str:
        keys = set(item) if isinstance(item, dict) else set()
        if keys not in ({"text", "url"}, {"text", "callback"}):
            return "must have the keys text and either url or callback"
        if not all(isinstance(v, str) and v.strip() for v in item.values()):
            return "values must be non-empty strings"
        return Button(item["text"], item.get("url", ""), item.get("callback", ""))

    return _each("buttons", raw, "{text, url} or {text, callback}", read, bad)


def _each(key: str, raw: object, shape: str, read, bad) -> tuple:
    """`read` applied to each item of the list `raw` under `key`; an item it answers with a
    string is reported as `key[i]: <string>` and left out."""
    if not isinstance(raw, list):
        bad(f"{key}: must be a list of {shape}")
        return ()
    items = []
    for i, item in enumerate(raw):
        result = read(item)
        if isinstance(result, str):
            bad(f"{key}[{i}]: {result}")
        else:
            items.append(result)
    return tuple(items)
