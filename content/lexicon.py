"""The FAQ's word lists: lay synonyms, filler words, and topics the guide does not cover.

Both files are data a clinic or editor can extend without touching code; they are loaded once
and checked here, so a typo in a pattern is reported as a content problem, not a crash.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from content.problem import ContentError, Problem

CONTENT_DIR = Path(__file__).resolve().parent
SYNONYMS_PATH = CONTENT_DIR / "synonyms.yaml"
SCOPE_PATH = CONTENT_DIR / "scope.yaml"


@dataclass(frozen=True)
class Synonyms:
    groups: dict[str, tuple[str, ...]]  # concept -> words and phrases that mean it
    filler: frozenset[str]
    respell: dict[str, str] = field(default_factory=dict)  # "hw" -> "how", "shud" -> "should"


@dataclass(frozen=True)
class ScopeTopic:
    topic: str
    patterns: tuple[re.Pattern[str], ...]
    unless: tuple[re.Pattern[str], ...] = ()

    def touches(self, question: str) -> bool:
        text = question.lower()
        return any(p.search(text) for p in self.patterns) and not any(
            u.search(text) for u in self.unless
        )


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read(path: Path) -> object:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise ContentError([Problem(path.name, "", f"cannot read: {exc}")]) from exc


def _words(value: object, path: Path, where: str, problems: list[Problem]) -> tuple[str, ...]:
    if not isinstance(value, list):
        problems.append(Problem(path.name, where, "expected a list of words"))
        return ()
    bad = [w for w in value if not (isinstance(w, str) and w.strip())]
    if bad:
        # YAML reads bare yes/no/on/off/true/false as booleans: such words must be quoted.
        problems.append(Problem(path.name, where, f"not words: {bad!r} (quote yes/no/on/off)"))
        return ()
    return tuple(w.strip().lower() for w in value)


@cache
def load_synonyms(path: Path = SYNONYMS_PATH) -> Synonyms:
    data = _read(path)
    problems: list[Problem] = []
    if not isinstance(data, dict) or set(data) - {"groups", "filler", "respell"}:
        raise ContentError(
            [Problem(path.name, "", "expected the keys `groups`, `filler` and `respell`")]
        )
    raw_groups = data.get("groups") or {}
    groups = {}
    if not isinstance(raw_groups, dict):
        problems.append(Problem(path.name, "groups", "expected a mapping of concept to words"))
        raw_groups = {}
    for concept, words in raw_groups.items():
        if not re.fullmatch(r"[a-z0-9]+", str(concept)):
            problems.append(Problem(path.name, str(concept), "a concept is one lower-case word"))
        groups[str(concept)] = _words(words, path, str(concept), problems)
    filler = frozenset(_words(data.get("filler") or [], path, "filler", problems))
    respell = _respellings(data.get("respell") or {}, path, problems)
    if problems:
        raise ContentError(problems)
    return Synonyms(groups, filler, respell)


def _respellings(value: object, path: Path, problems: list[Problem]) -> dict[str, str]:
    """Chat spellings to plain words: one lower-case word each way, so a question reads the
    same to the intent markers and the search ("hw long" is "how long")."""
    if not isinstance(value, dict):
        problems.append(Problem(path.name, "respell", "expected a mapping of word to word"))
        return {}
    out = {}
    for short, plain in value.items():
        if not (isinstance(short, str) and isinstance(plain, str)) or not (
            re.fullmatch(r"[a-z0-9]+", short) and re.fullmatch(r"[a-z]+(?: [a-z]+)*", plain)
        ):
            message = f"{short!r}: {plain!r} is not lower-case words (quote yes/no/on/off)"
            problems.append(Problem(path.name, "respell", message))
            continue
        out[short] = plain
    return out


def _patterns(value: object, path: Path, where: str, problems: list[Problem]) -> tuple:
    compiled = []
    for source in _words(value, path, where, problems):
        try:
            compiled.append(re.compile(source))
        except re.error as exc:
            problems.append(Problem(path.name, where, f"bad pattern {source!r}: {exc}"))
    return tuple(compiled)


@cache
def load_scope(path: Path = SCOPE_PATH) -> tuple[ScopeTopic, ...]:
    data = _read(path)
    problems: list[Problem] = []
    if not isinstance(data, dict) or not isinstance(data.get("topics"), list):
        raise ContentError([Problem(path.name, "", "expected `topics:` with a list")])
    topics = []
    for i, item in enumerate(data["topics"]):
        where = str(item.get("topic", f"#{i + 1}")) if isinstance(item, dict) else f"#{i + 1}"
        if not isinstance(item, dict) or set(item) - {"topic", "patterns", "unless"}:
            problems.append(Problem(path.name, where, "keys are topic, patterns, unless"))
            continue
        patterns = _patterns(item.get("patterns"), path, where, problems)
        unless = _patterns(item.get("unless") or [], path, where, problems)
        topics.append(ScopeTopic(where, patterns, unless))
    if problems:
        raise ContentError(problems)
    return tuple(topics)


def out_of_scope(question: str, topics: tuple[ScopeTopic, ...] | None = None) -> str | None:
    """The first topic the guide does not cover that ``question`` touches, or None."""
    for topic in load_scope() if topics is None else topics:
        if topic.touches(question):
            return topic.topic
    return None


def validate_lexicon(
    synonyms_path: Path = SYNONYMS_PATH, scope_path: Path = SCOPE_PATH
) -> list[Problem]:
    """Every problem in the synonym and scope files (for `aftercare content check`)."""
    problems: list[Problem] = []
    for load, path in ((load_synonyms, synonyms_path), (load_scope, scope_path)):
        try:
            load.__wrapped__(path)  # uncached: a check must read the file as it is now
        except ContentError as exc:
            problems += exc.problems
    return problems
