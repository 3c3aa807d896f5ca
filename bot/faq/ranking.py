"""Retrieval and ranking: which curated entry, quoted sentence or clinic entry best covers a
question, and how well (a score from 0 up; the engine compares it with its threshold).

SQLite FTS5 (bm25, `bot.store.faq_index`) finds candidates; they are re-ranked by how much of
the question's meaningful words they cover, weighted by how rare each word is in the guide. A
word the guide never uses ("makeup", "sauna") counts fully against a match; an adverb, which
names no topic, never does.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from bot.faq.analyzer import Analyzer
from bot.faq.clinic_entry import ClinicEntry
from bot.faq.spelling import Speller
from bot.store.clinics import Clinic
from bot.store.faq_index import IndexedText, SearchIndex
from content.faq import FaqEntry, Source
from content.lexicon import Synonyms
from content.seeds import Passage

# A curated entry beats a quoted passage that covers the question about as well.
ENTRY_BONUS = 0.1
PASSAGE_FACTOR = 0.85
# How much the kind of question ("how many", "when") counts when comparing phrasings.
INTENT_WEIGHT = 0.8
CANDIDATES = 12
# A match must rest on at least one word rarer than "microneedling" or "treatment", unless the
# question is one of an entry's phrasings outright ("what is microneedling?").
MIN_EVIDENCE = 0.3
# A quoted sentence has no phrasings to vouch for it: it must share two topic words with the
# question, so a lone common word ("offers", "close") never pulls a passage in.
PASSAGE_MIN_TERMS = 2
# Safety questions ("can it cause scarring?", "is it risky?") are answered by curated entries
# only: a sentence lifted from a marketing article reads differently out of its context.
CURATED_ONLY_TERMS = frozenset({"risk", "safe", "sideeffect", "caus"})
EXACT_FIT = 0.95

# "no fever, just a bit red" asks about redness: a negated mention is not part of the question.
_NEGATED_SPAN = re.compile(
    r"\b(?:no|not|without|never|dont have|don't have|do not have|haven't got|havent got|"
    r"none of)\b[^,.;!?]*?(?=[,.;!?]|\bbut\b|\bjust\b|\bthough\b|\bonly\b|$)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Unit:
    """One thing the guide can answer with: a curated entry or a passage of a document."""

    ref: str
    terms: frozenset[str]
    phrasings: tuple[frozenset[str], ...] = ()
    entry: FaqEntry | None = None
    passage: Passage | None = None
    sentences: tuple[tuple[str, frozenset[str]], ...] = ()  # a passage's sentences, folded


@dataclass(frozen=True)
class Query:
    terms: list[str]  # content terms, rarest words count most
    intents: frozenset[str]  # what kind of question: "?count", "?when", ...
    # Terms that count for a match that shares them and never against one that does not:
    # adverbs ("eventually", "gradually") say how or when, not what is asked about.
    optional: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Match:
    score: float
    unit: Unit
    sources: tuple[Source, ...]


class Ranker:
    """The guide's curated entries and passages, indexed once; every method is read-only."""

    def __init__(
        self,
        entries: list[FaqEntry],
        passages: tuple[Passage, ...] | list[Passage],
        analyzer: Analyzer,
        synonyms: Synonyms,
    ):
        self.analyzer = analyzer
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
                )
            )
            texts.append(IndexedText([t for p in phrasing_terms for t in p], body))
        for passage in passages:
            body = terms(f"{passage.heading} {passage.text}")
            sentences = tuple((s, frozenset(terms(s))) for s in passage.sentences())
            units.append(
                Unit(ref=passage.id, terms=frozenset(body), passage=passage, sentences=sentences)
            )
            texts.append(IndexedText([], body))
        self._speller = Speller(
            targets=[p for e in entries for p in e.phrasings]
            + [s.quote for e in entries for s in e.answer]
            + [v for group in synonyms.groups.values() for v in group],
            known=[f"{p.heading} {p.text}" for p in passages]
            + list(synonyms.filler)
            + list(synonyms.respell),
        )
        self._units = units
        self._entry_indexes = [i for i, u in enumerate(units) if u.entry is not None]
        self._index = SearchIndex(texts)
        df = Counter(t for u in units for t in u.terms)
        n = len(units)
        self._idf = {t: math.log(1 + (n - d + 0.5) / (d + 0.5)) for t, d in df.items()}
        # A word no document uses weighs as much as the rarest word that one does.
        self._unknown_weight = max(self._idf.values(), default=1.0)
        self._phrasing_weights: dict[frozenset[str], float] = {}
        self._phrasing_weights = {p: self._phrasing_weight(p) for u in units for p in u.phrasings}

    def query(self, text: str) -> Query | None:
        """The question's terms, leaving out what the patient says they don't have; None when
        nothing but adverbs is asked ("seriously?")."""
        text = self._speller.correct(text)
        stripped = _NEGATED_SPAN.sub(" ", text)
        terms = self.analyzer.unique_content_terms(stripped)
        terms = terms or self.analyzer.unique_content_terms(text)
        optional = self.analyzer.adverb_stems(text).intersection(terms)
        if len(optional) == len(terms):
            return None
        return Query(terms, self.analyzer.intents(text), optional)

    def knows_a_word(self, text: str) -> bool:
        """True when some word of `text` (typos fixed) is one the guide, the FAQ or the word
        lists use, everyday words included; "asdfghjkl" and "123" have none."""
        corrected = self._speller.correct(text)
        return any(w in self._speller.known for w in self.analyzer.words(corrected) if w.isalpha())

    def names_a_topic(self, text: str) -> bool:
        """True when `text` has a word that carries a topic the guide writes about."""
        query = self.query(text)
        return query is not None and any(t in self._idf for t in query.terms)

    def weight(self, term: str) -> float:
        """How much a term says about a question: its rarity in the guide (idf)."""
        if term.startswith("?"):
            return INTENT_WEIGHT
        return self._idf.get(term, self._unknown_weight)

    def best_guide_match(self, query: Query) -> Match | None:
        """The curated entry or quoted sentences that best answer `query`, scored."""
        best: tuple[float, float, Match] | None = None
        ranked = dict(self._index.search(query.terms, CANDIDATES))
        # Curated entries are few: all of them are scored, so a question made only of common
        # words ("who does the treatment?") still reaches the entry whose phrasing it matches.
        for index in self._entry_indexes:
            ranked.setdefault(index, 0.0)
        for index, rank in ranked.items():
            unit = self._units[index]
            if unit.entry is not None:
                score = self._entry_score(query, unit.terms, unit.phrasings) + ENTRY_BONUS
                match = Match(score, unit, unit.entry.answer)
            elif CURATED_ONLY_TERMS.intersection(query.terms):
                continue
            else:
                match = self._passage_match(query, unit)
            key = (match.score, -rank)
            if best is None or key > best[:2]:
                best = (*key, match)
        return best[2] if best else None

    def best_clinic_entry(
        self, query: Query, clinic: Clinic, entries: tuple[ClinicEntry, ...]
    ) -> tuple[float, ClinicEntry] | None:
        """The clinic's own entry that best answers `query`, with its score; other clinics'
        entries are skipped."""
        best: tuple[float, ClinicEntry] | None = None
        for entry in entries:
            if entry.clinic_id != clinic.id:
                continue
            asked = frozenset(self.analyzer.content_terms(entry.question))
            terms = asked | frozenset(self.analyzer.content_terms(entry.answer))
            phrasing = asked | self.analyzer.intents(entry.question)
            score = self._entry_score(query, terms, (phrasing,)) + ENTRY_BONUS
            if best is None or score > best[0]:
                best = (score, entry)
        return best

    def _cover(self, query: Query, terms: frozenset[str]) -> float:
        """Share of the question's topic words (weighted by rarity) that ``terms`` contain."""
        total = sum(self.weight(t) for t in query.terms if t in terms or t not in query.optional)
        found = sum(self.weight(t) for t in query.terms if t in terms)
        return found / total if total else 0.0

    def _fit(self, query: Query, phrasings: tuple[frozenset[str], ...]) -> tuple[float, float]:
        """How closely the question matches its nearest phrasing (weighted overlap of the two
        sets), and the weight the two share."""
        asked = set(query.terms) | query.intents
        asked_weight = sum(self.weight(t) for t in asked - query.optional)
        best = (0.0, 0.0)
        for phrasing in phrasings:
            shared = sum(self.weight(t) for t in asked & phrasing)
            if not shared:
                continue
            extra = sum(self.weight(t) for t in query.optional & phrasing)
            union = asked_weight + extra + self._phrasing_weight(phrasing) - shared
            if shared / union > best[0]:
                best = (shared / union, shared)
        return best

    def _phrasing_weight(self, phrasing: frozenset[str]) -> float:
        weight = self._phrasing_weights.get(phrasing)  # precomputed for the guide's entries
        return sum(self.weight(t) for t in phrasing) if weight is None else weight

    def _evidence(self, query: Query, terms: frozenset[str]) -> float:
        return sum(self.weight(t) for t in query.terms if t in terms)

    def _entry_score(self, query: Query, terms: frozenset[str], phrasings) -> float:
        fit, shared = self._fit(query, phrasings)
        exact = fit >= EXACT_FIT and shared >= MIN_EVIDENCE
        if self._evidence(query, terms) < MIN_EVIDENCE and not exact:
            return 0.0
        return self._cover(query, terms) * (0.7 + 0.3 * fit)

    def _passage_match(self, query: Query, unit: Unit) -> Match:
        """The one or two sentences of a passage that best cover the question, quoted."""
        assert unit.passage is not None
        sentences = [s for s, _ in unit.sentences]
        bags = [bag for _, bag in unit.sentences]
        order = sorted(range(len(sentences)), key=lambda i: -self._cover(query, bags[i]))
        chosen = order[:1]
        if len(order) > 1:
            pair = bags[order[0]] | bags[order[1]]
            if self._cover(query, pair) > self._cover(query, bags[order[0]]):
                chosen = sorted(order[:2])
        covered = frozenset().union(*(bags[i] for i in chosen)) if chosen else frozenset()
        sources = tuple(Source(unit.passage.doc, sentences[i]) for i in chosen)
        shared = sum(1 for t in query.terms if t in covered)
        if shared < PASSAGE_MIN_TERMS or self._evidence(query, covered) < MIN_EVIDENCE:
            return Match(0.0, unit, sources)
        return Match(self._cover(query, covered) * PASSAGE_FACTOR, unit, sources)
