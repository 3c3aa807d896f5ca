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
from collections.abc import Callable
from dataclasses import dataclass

from bot.faq.analyzer import Analyzer
from bot.faq.clinic_entry import ClinicEntry
from bot.faq.quoting import duration
from bot.faq.spelling import Speller
from bot.faq.units import POINTS_BACK, Unit, build_units
from bot.store.clinics import Clinic
from bot.store.faq_index import SearchIndex
from content.faq import FaqEntry, Source
from content.lexicon import Synonyms
from content.marketing import Marketing
from content.seeds import Passage

# A curated entry beats a quoted passage that covers the question about as well.
ENTRY_BONUS = 0.1
PASSAGE_FACTOR = 0.85
# How much the kind of question ("how many", "when") counts when comparing phrasings.
INTENT_WEIGHT = 0.8
CANDIDATES = 12
# How much sharing the message's other words (its story) can lift a match, at most.
CONTEXT_WEIGHT = 0.1
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
        marketing: Marketing | None = None,
    ):
        self.analyzer = analyzer
        units, texts = build_units(entries, passages, analyzer, marketing or Marketing({}))
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

    def query(self, text: str, context: str = "") -> Query | None:
        """The question's terms, leaving out what the patient says they don't have; None when
        nothing but adverbs is asked ("seriously?"). ``context`` (the statements around the
        question: the story, the chat) adds terms that count for a match that shares them and
        never against one that does not."""
        text = self._speller.correct(text)
        terms = self._terms(text)
        optional = self.analyzer.adverb_stems(text).intersection(terms)
        if len(optional) == len(terms):
            return None
        around = [t for t in self._terms(self._speller.correct(context)) if t not in terms]
        return Query(terms + around, self.analyzer.intents(text), optional | frozenset(around))

    def _terms(self, text: str) -> list[str]:
        stripped = _NEGATED_SPAN.sub(" ", text)
        return self.analyzer.unique_content_terms(stripped) or self.analyzer.unique_content_terms(
            text
        )

    def relevance(self, query: Query) -> Callable[[str], float]:
        """How much of ``query`` a piece of text answers (weight of the terms it shares, and
        a duration for a "how long" question): for choosing quotes and the clause to bold."""
        asked = set(query.terms)
        timed = bool(query.intents & {"?duration", "?when", "?often"})

        def score(text: str) -> float:
            found = asked.intersection(self.analyzer.content_terms(text))
            bonus = INTENT_WEIGHT if timed and duration(text) is not None else 0.0
            return sum(self.weight(t) for t in found) + bonus

        return score

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

    def best_guide_match(self, query: Query, off: frozenset[str] = frozenset()) -> Match | None:
        """The curated entry or quoted sentences that best answer `query`, scored. Passages in
        ``off`` (switched off by the clinic) are never quoted, nor entries that quote them."""
        best: tuple[float, float, Match] | None = None
        ranked = dict(self._index.search(query.terms, CANDIDATES))
        # Curated entries are few: all of them are scored, so a question made only of common
        # words ("who does the treatment?") still reaches the entry whose phrasing it matches.
        for index in self._entry_indexes:
            ranked.setdefault(index, 0.0)
        for index, rank in ranked.items():
            unit = self._units[index]
            if unit.passage_ids & off:
                continue
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
        return self._cover(query, terms) * (0.7 + 0.3 * fit) + self._context(query, terms)

    def _context(self, query: Query, terms: frozenset[str]) -> float:
        """A small lift for sharing the words around the question (the story, an adverb):
        among matches that answer the question alike, the one that fits the story wins."""
        total = sum(self.weight(t) for t in query.optional)
        found = sum(self.weight(t) for t in query.optional if t in terms)
        return CONTEXT_WEIGHT * found / total if total else 0.0

    def _passage_match(self, query: Query, unit: Unit) -> Match:
        """The one or two sentences of a passage that best cover the question, quoted. A
        sentence that points back ("This increased production ...") comes with the sentence
        before it, or not at all; marketing sentences never come."""
        assert unit.passage is not None
        sentences = [s for s, _, _ in unit.sentences]
        bags = [bag for _, bag, _ in unit.sentences]
        usable = [
            i
            for i, (text, _, ok) in enumerate(unit.sentences)
            if ok and not (POINTS_BACK.match(text) and (i == 0 or not unit.sentences[i - 1][2]))
        ]
        order = sorted(usable, key=lambda i: -self._cover(query, bags[i]))
        chosen = order[:1]
        if len(order) > 1:
            pair = bags[order[0]] | bags[order[1]]
            if self._cover(query, pair) > self._cover(query, bags[order[0]]):
                chosen = sorted(order[:2])
        if chosen and POINTS_BACK.match(sentences[chosen[-1]]) and chosen[-1] - 1 not in chosen:
            chosen = [chosen[-1] - 1, chosen[-1]]
        elif chosen and POINTS_BACK.match(sentences[chosen[0]]) and chosen[0] - 1 not in chosen:
            chosen = [chosen[0] - 1, chosen[0]]
        covered = frozenset().union(*(bags[i] for i in chosen)) if chosen else frozenset()
        sources = tuple(Source(unit.passage.doc, sentences[i]) for i in chosen)
        shared = [t for t in query.terms if t in covered]
        required = [t for t in shared if t not in query.optional]
        if (
            len(shared) < PASSAGE_MIN_TERMS
            or not required
            or self._evidence(query, covered) < MIN_EVIDENCE
        ):
            return Match(0.0, unit, sources)
        score = self._cover(query, covered) * PASSAGE_FACTOR + self._context(query, covered)
        return Match(score, unit, sources)
