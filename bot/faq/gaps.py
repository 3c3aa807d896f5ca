"""What the guide does not cover, by how often patients asked: the main terms of the questions
that went to staff because nothing answered them, counted, never quoted.

A question counts each of its terms once. A term is shown as the word patients used most for
it (the analyzer folds "washing" and "washed" together, and "pink" onto "redness"); filler
words, numbers, short words and the clinic's patients' first names are never terms, and a term
must come from at least `at_least` different questions, so nothing one person wrote stands out
on its own. The questions are read from the store and dropped; only the counts leave.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from functools import cache

from bot.faq.analyzer import Analyzer
from bot.store import Store

MIN_LENGTH = 3


@cache
def _analyzer() -> Analyzer:
    return Analyzer()


def uncovered_topics(
    store: Store, clinic_id: int, since: datetime | None, *, top: int = 10, at_least: int = 2
) -> list[tuple[str, int]]:
    """The `top` terms of the clinic's unanswered questions since `since` (None: ever), most
    asked first (ties alphabetically): (word, number of questions)."""
    return count_terms(
        store.figures.uncovered_questions(clinic_id, since),
        ignore=store.figures.patient_names(clinic_id),
        top=top,
        at_least=at_least,
    )


def count_terms(
    questions: list[str], *, ignore: set[str], top: int = 10, at_least: int = 2
) -> list[tuple[str, int]]:
    """How many of `questions` name each term; `ignore`: lower-case words never counted (names,
    which may hold several words)."""
    analyzer = _analyzer()
    banned = {word for name in ignore for word in analyzer.words(name)}
    asked: Counter[str] = Counter()
    spoken: dict[str, Counter[str]] = {}
    for question in questions:
        seen: set[str] = set()
        for word in analyzer.words(question):
            if len(word) < MIN_LENGTH or not word.isalpha() or word in banned:
                continue
            for term in analyzer.content_terms(word):
                spoken.setdefault(term, Counter())[word] += 1
                seen.add(term)
        asked.update(seen)
    shown = [(term, count) for term, count in asked.items() if count >= at_least]
    shown.sort(key=lambda item: (-item[1], _label(item[0], spoken[item[0]], analyzer)))
    return [(_label(term, spoken[term], analyzer), count) for term, count in shown[:top]]


def _label(term: str, words: Counter[str], analyzer: Analyzer) -> str:
    """A folded concept by its own name ("redness"), else the word patients used most."""
    if analyzer.is_concept(term):
        return term
    return min(words, key=lambda word: (-words[word], word))
