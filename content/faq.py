"""Curated FAQ entries (`content/faq.yaml`): load them, and check them against the seeds.

An entry's answer is a list of verbatim quotes, each naming its document, so the answer text the
bot shows is made of the documents' own words and its sources are exactly those quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from content.clauses import clause_problem
from content.problem import ContentError, Problem
from content.seeds import (
    SEEDS_DIR,
    TYPOGRAPHIC,
    clean_lines,
    load_documents,
    normalize,
    quote_in_document,
)

FAQ_PATH = Path(__file__).resolve().parent / "faq.yaml"
MIN_PHRASINGS = 3

_TOP_KEYS = {"version", "entries"}
_ENTRY_KEYS = {"id", "topic", "phrasings", "answer"}
_QUOTE_KEYS = {"doc", "quote"}
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class Source:
    """A verbatim quote and the document (file stem in seeds/) it comes from."""

    doc: str
    quote: str

    def to_json(self) -> dict[str, str]:
        return {"doc": self.doc, "quote": self.quote}


@dataclass(frozen=True)
class FaqEntry:
    id: str
    phrasings: tuple[str, ...]
    answer: tuple[Source, ...]
    topic: str = ""


def _entry_problems(item: object, index: int, file: str, seeds_dir: Path) -> list[Problem]:
    where = f"entry {index + 1}"
    if not isinstance(item, dict):
        return [Problem(file, where, "an entry is a mapping with id, phrasings and answer")]
    if isinstance(item.get("id"), str):
        where = item["id"]
    problems = [Problem(file, where, f"unknown key `{k}`") for k in sorted(set(item) - _ENTRY_KEYS)]
    if not isinstance(item.get("id"), str) or not _ID.fullmatch(item["id"]):
        problems.append(Problem(file, where, "`id` must be lower-case words joined by hyphens"))
    if "topic" in item and not isinstance(item["topic"], str):
        problems.append(Problem(file, where, "`topic` must be text"))
    phrasings = item.get("phrasings")
    if not isinstance(phrasings, list) or not all(
        isinstance(p, str) and p.strip() for p in phrasings
    ):
        problems.append(Problem(file, where, "`phrasings` must be a list of questions"))
    elif len({p.strip().lower() for p in phrasings}) < MIN_PHRASINGS:
        problems.append(Problem(file, where, f"give at least {MIN_PHRASINGS} different phrasings"))
    answer = item.get("answer")
    if not isinstance(answer, list) or not answer:
        problems.append(Problem(file, where, "`answer` must be a non-empty list of quotes"))
        return problems
    documents = load_documents(seeds_dir)
    for n, quote in enumerate(answer, start=1):
        at = f"{where} answer {n}"
        if not isinstance(quote, dict):
            problems.append(Problem(file, at, "a quote is a mapping with doc and quote"))
            continue
        problems += [
            Problem(file, at, f"unknown key `{k}`") for k in sorted(set(quote) - _QUOTE_KEYS)
        ]
        doc, text = quote.get("doc"), quote.get("quote")
        if not isinstance(doc, str) or doc not in documents:
            problems.append(Problem(file, at, f"unknown document {doc!r}"))
        elif not isinstance(text, str) or not text.strip():
            problems.append(Problem(file, at, "`quote` is empty"))
        elif not quote_in_document(text, doc, seeds_dir):
            problems.append(Problem(file, at, f"quote not found verbatim in {doc}: {text[:60]!r}"))
        elif short := clause_problem(text, doc, seeds_dir):
            problems.append(Problem(file, at, f"quote {text[:60]!r} {short}"))
    return problems


@cache
def _texts(doc: str, seeds_dir: Path) -> tuple[str, str]:
    raw = load_documents(seeds_dir).get(doc, "")
    return " ".join(clean_lines(raw)), raw


_FOLDED = {"'": "['‘’]", '"': '["“”]', "-": "[-–—]"}


def document_wording(quote: str, doc: str, seeds_dir: Path = SEEDS_DIR) -> str:
    """``quote`` exactly as the document spells it (curly quotes, dashes), else unchanged.

    Authors type straight apostrophes; showing the document's own characters keeps the quote a
    literal substring of the cleaned source text.
    """
    plain = normalize(quote)
    # Typographic characters fold one to one, so a position in the folded cleaned text is a
    # position in the cleaned text (already single-spaced): no pattern to compile.
    cleaned = _texts(doc, seeds_dir)[0]
    at = cleaned.translate(TYPOGRAPHIC).find(plain)
    if at >= 0:
        return cleaned[at : at + len(plain)]
    pattern = "".join(r"\s+" if ch == " " else _FOLDED.get(ch, re.escape(ch)) for ch in plain)
    for text in _texts(doc, seeds_dir):
        found = re.search(pattern, text)
        if found:
            return " ".join(found.group(0).split())
    return quote


# The C loader when PyYAML has it: the pure-Python one takes a third of `aftercare ask` start-up.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read(path: Path) -> tuple[object, list[Problem]]:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER), []
    except (OSError, yaml.YAMLError) as exc:
        return None, [Problem(path.name, "", f"cannot read: {exc}")]


def validate_faq(path: Path | None = None, seeds_dir: Path = SEEDS_DIR) -> list[Problem]:
    """Every problem in the FAQ file: schema, unknown keys, ids, phrasings, quotes not verbatim."""
    path = path or FAQ_PATH
    data, problems = _read(path)
    return problems or _data_problems(data, path, seeds_dir)


def _data_problems(data: object, path: Path, seeds_dir: Path) -> list[Problem]:
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        return [Problem(path.name, "", "expected `entries:` with a list of entries")]
    problems = [Problem(path.name, "", f"unknown key `{k}`") for k in sorted(set(data) - _TOP_KEYS)]
    seen: set[str] = set()
    for index, item in enumerate(data["entries"]):
        problems += _entry_problems(item, index, path.name, seeds_dir)
        entry_id = item.get("id") if isinstance(item, dict) else None
        if isinstance(entry_id, str):
            if entry_id in seen:
                problems.append(Problem(path.name, entry_id, "duplicate id"))
            seen.add(entry_id)
    return problems


def load_faq(path: Path | None = None, seeds_dir: Path = SEEDS_DIR) -> list[FaqEntry]:
    """The entries of a valid FAQ file; raises ContentError listing every problem otherwise."""
    path = path or FAQ_PATH
    data, problems = _read(path)
    problems = problems or _data_problems(data, path, seeds_dir)
    if problems:
        raise ContentError(problems)
    assert isinstance(data, dict)  # validated above
    return [
        FaqEntry(
            id=item["id"],
            phrasings=tuple(p.strip() for p in item["phrasings"]),
            answer=tuple(
                Source(q["doc"], document_wording(q["quote"], q["doc"], seeds_dir))
                for q in item["answer"]
            ),
            topic=item.get("topic", ""),
        )
        for item in data["entries"]
    ]
