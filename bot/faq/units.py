"""What the guide can answer with, indexed: curated entries and passages of the documents.

A curated entry is searched by its phrasings and quotes; a passage by its heading and text, and
it answers with one or two of its sentences. Each unit knows which passages it quotes, so a
passage a clinic switched off takes the entries quoting it out of that clinic's answers.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from bot.faq.analyzer import Analyzer
from bot.store.faq_index import IndexedText
from content import quotes
from content.faq import FaqEntry, Source
from content.marketing import Marketing
from content.seeds import Passage, normalize

# A sentence that opens by pointing back at the one before ("This increased production ...",
# "These tiny punctures ...") says little on its own.
POINTS_BACK = quotes.POINTS_BACK


@dataclass(frozen=True)
class Unit:
    """One thing the guide can answer with: a curated entry or a passage of a document."""

    ref: str
    terms: frozenset[str]
    phrasings: tuple[frozenset[str], ...] = ()
    entry: FaqEntry | None = None
    passage: Passage | None = None
    # A passage's sentences, folded, each with whether it may be quoted (not marketing).
    sentences: tuple[tuple[str, frozenset[str], bool], ...] = ()
    passage_ids: frozenset[str] = frozenset()  # the passages it quotes (itself, for a passage)


def build_units(
    entries: list[FaqEntry],
    passages: tuple[Passage, ...] | list[Passage],
    analyzer: Analyzer,
    marketing: Marketing,
) -> tuple[list[Unit], list[IndexedText]]:
    """The units, entries first, and the folded text the search index holds for each."""
    terms = analyzer.content_terms
    units: list[Unit] = []
    texts: list[IndexedText] = []
    for entry in entries:
        phrasing_terms = [terms(p) for p in entry.phrasings]
        body = [t for s in entry.answer for t in terms(s.quote)]
        units.append(
            Unit(
                ref=entry.id,
                terms=frozenset(t for p in phrasing_terms for t in p) | frozenset(body),
                phrasings=tuple(
                    frozenset(p) | analyzer.intents(text)
                    for p, text in zip(phrasing_terms, entry.phrasings, strict=True)
                ),
                entry=entry,
                passage_ids=quoted_passages(entry.answer, passages),
            )
        )
        texts.append(IndexedText([t for p in phrasing_terms for t in p], body))
    for passage in passages:
        body = terms(f"{passage.heading} {passage.text}")
        sentences = tuple(
            (s, frozenset(terms(s)), not marketing.tags(passage.doc, s))
            for s in passage.sentences()
        )
        units.append(
            Unit(
                ref=passage.id,
                terms=frozenset(body),
                passage=passage,
                sentences=sentences,
                passage_ids=frozenset({passage.id}),
            )
        )
        texts.append(IndexedText([], body))
    return units, texts


def quoted_passages(
    sources: tuple[Source, ...], passages: tuple[Passage, ...] | list[Passage]
) -> frozenset[str]:
    """Ids of the passages that hold the quotes (a quote lies inside one paragraph)."""
    found = set()
    for source in sources:
        needle = normalize(source.quote)
        found.update(p.id for p in passages if p.doc == source.doc and needle in _folded(p.text))
    return frozenset(found)


@lru_cache(maxsize=1024)
def _folded(text: str) -> str:
    return normalize(text)
