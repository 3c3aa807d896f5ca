"""Fix one-letter typos in a question's words ("rednes", "serun", "hyaluronc") before search.

Only words the guide and the FAQ do not use are touched, only when they are long enough that a
one-letter slip is likelier than a different word, and only when exactly one curated word (FAQ
phrasings and quotes, lay synonyms) is one edit away: a correction into the passages' general
vocabulary ("clean" -> "clear") would invent a topic. A word that stays unknown keeps counting
against a match, as it should.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from bot.faq.analyzer import words

MIN_LENGTH = 5
MAX_LENGTH = 20  # longer "words" are noise, and their edits would cost milliseconds
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_WORD = re.compile(r"[A-Za-z]+")


def _edits(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = {a + b[1:] for a, b in splits if b}
    transposes = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    replaces = {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    inserts = {a + c + b for a, b in splits for c in _LETTERS}
    return deletes | transposes | replaces | inserts


class Speller:
    def __init__(self, targets: Iterable[str], known: Iterable[str] = ()):
        """``targets``: texts whose words a typo may be corrected to; ``known``: texts whose
        words are left alone."""
        self.targets = frozenset(w for text in targets for w in words(text))
        self.known = self.targets | frozenset(w for text in known for w in words(text))
        # Patients repeat their words; an edit search is worth doing once per word.
        self.correct_word = lru_cache(maxsize=8192)(self._correct_word)

    def _correct_word(self, word: str) -> str:
        """The word, or the one curated word a single edit away."""
        lower = word.lower()
        if not MIN_LENGTH <= len(lower) <= MAX_LENGTH or lower in self.known:
            return word
        candidates = {e for e in _edits(lower) if e in self.targets and e[0] == lower[0]}
        return candidates.pop() if len(candidates) == 1 else word

    def correct(self, text: str) -> str:
        return _WORD.sub(lambda m: self.correct_word(m.group(0)), text)
