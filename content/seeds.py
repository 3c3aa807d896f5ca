"""The source documents: load them, strip web debris, split into passages with stable ids.

The seeds are marketing articles. Guidance is kept; link lines, newsletter prompts, image
captions and stray fragments are dropped. Passage ids are ``<doc>#<n>`` where ``doc`` is the
file stem and ``n`` counts the kept passages of that document from 1, so an id stays the same
as long as the document does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"

# Debris seen in the seeds, as patterns rather than exact lines so that a clinic adding a
# document from the same sites gets the same cleaning.
_INLINE_DEBRIS = [
    re.compile(r"\s*learn more here\s*[–-]\s*\S+", re.IGNORECASE),
    re.compile(r"\bexplore the content\s+", re.IGNORECASE),
    re.compile(r"https?://\S+"),
]
_LINE_DEBRIS = [
    re.compile(r"^get updated with\b", re.IGNORECASE),
    re.compile(r"^(subscribe|sign up|follow us|share this|read more|click here)\b", re.IGNORECASE),
]
_BULLET = re.compile(r"^[\s•·*\-–]+")
# "1. Microneedling Creates Channels..." : the numbering is layout, not part of the heading.
_HEADING_NUMBER = re.compile(r"^\d{1,2}[.)]\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"‘'])")
_HEADING_MAX_WORDS = 14

TYPOGRAPHIC = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


@dataclass(frozen=True)
class Passage:
    id: str
    doc: str
    position: int
    heading: str
    text: str

    def sentences(self) -> list[str]:
        return split_sentences(self.text)


def normalize(text: str) -> str:
    """Fold typographic quotes and dashes and collapse whitespace, for quote matching."""
    return " ".join(text.translate(TYPOGRAPHIC).split())


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def _is_heading(line: str) -> bool:
    words = line.split()
    if line.rstrip().endswith((".", "!", ";", ",")):
        return False
    return len(words) <= _HEADING_MAX_WORDS or _is_title_case(words)


def _is_title_case(words: list[str]) -> bool:
    """A long line in Title Case is an article title ("How Does Microneedling Work, and ...?")."""
    capitalised = sum(1 for w in words if w[:1].isupper())
    return capitalised >= 0.75 * len(words)


def _is_lead_in(line: str) -> bool:
    """One sentence ending in a colon only announces a list ("Now, let's unravel ...:")."""
    return line.endswith(":") and len(split_sentences(line)) == 1


def clean_lines(raw: str) -> list[str]:
    """Lines of guidance: debris removed, bullets stripped, blank lines dropped."""
    lines = []
    for line in raw.splitlines():
        for pattern in _INLINE_DEBRIS:
            line = pattern.sub(" " if pattern.pattern.startswith(r"\b") else "", line)
        line = _BULLET.sub("", line).strip()
        if not line or any(p.search(line) for p in _LINE_DEBRIS):
            continue
        lines.append(" ".join(line.split()))
    return lines


def split_passages(doc: str, raw: str) -> list[Passage]:
    """Body paragraphs with the heading above them.

    A short unpunctuated line (or a Title Case one) followed by body text is a heading; two short
    lines in a row mean the first is a caption (e.g. under an image) and it is dropped. A lone
    lead-in sentence ending in a colon is dropped too: as an answer it would say nothing.
    """
    lines = clean_lines(raw)
    passages: list[Passage] = []
    heading = ""
    for i, line in enumerate(lines):
        if _is_heading(line):
            following = lines[i + 1] if i + 1 < len(lines) else ""
            if following and not _is_heading(following):
                heading = _HEADING_NUMBER.sub("", line)
                heading = heading.rstrip(":?").strip() if not heading.endswith("?") else heading
            continue
        if _is_lead_in(line):
            continue
        passages.append(
            Passage(
                id=f"{doc}#{len(passages) + 1}",
                doc=doc,
                position=len(passages) + 1,
                heading=heading,
                text=line,
            )
        )
    return passages


def document_paths(seeds_dir: Path = SEEDS_DIR) -> list[Path]:
    return sorted(p for p in seeds_dir.glob("*.txt") if p.is_file())


@cache
def load_documents(seeds_dir: Path = SEEDS_DIR) -> dict[str, str]:
    """Raw text of every document, keyed by file stem."""
    return {p.stem: p.read_text(encoding="utf-8") for p in document_paths(seeds_dir)}


@cache
def load_passages(seeds_dir: Path = SEEDS_DIR) -> tuple[Passage, ...]:
    return tuple(
        passage
        for doc, raw in load_documents(seeds_dir).items()
        for passage in split_passages(doc, raw)
    )


@cache
def _searchable(doc: str, seeds_dir: Path) -> tuple[str, str]:
    raw = load_documents(seeds_dir)[doc]
    return normalize(raw), normalize(" ".join(clean_lines(raw)))


def quote_in_document(quote: str, doc: str, seeds_dir: Path = SEEDS_DIR) -> bool:
    """True when ``quote`` appears verbatim in ``doc`` (whitespace and typography folded).

    The cleaned text counts too: removing debris only deletes words, so a sentence that had a
    stray fragment in the middle ("enhance explore the content absorption") is still quoted
    faithfully without it.
    """
    if doc not in load_documents(seeds_dir):
        return False
    needle = normalize(quote)
    return bool(needle) and any(needle in text for text in _searchable(doc, seeds_dir))


_CLAUSE_END = re.compile(r"""^(?:$|[.!?;:,)"'-]|[A-Z])""")


def quote_ends_clause(quote: str, doc: str, seeds_dir: Path = SEEDS_DIR) -> bool:
    """True when ``quote`` stops where a clause of ``doc`` stops: its own last character is
    punctuation, or the document goes on with punctuation, a new sentence or nothing."""
    needle = normalize(quote)
    if not needle or needle[-1] in ".!?;:,":
        return bool(needle)
    for text in _searchable(doc, seeds_dir) if doc in load_documents(seeds_dir) else ():
        start = text.find(needle)
        while start != -1:
            if _CLAUSE_END.match(text[start + len(needle) :].lstrip()):
                return True
            start = text.find(needle, start + 1)
    return False
