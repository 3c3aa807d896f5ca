"""One possible red flag found in one sentence, before negation and framing are judged."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Hit:
    category: str
    start: int  # where the symptom is in its sentence: framing (report or question) looks here
    end: int
    matched: str  # the words that matched, for staff and test output (never for logs)
    # Spans of the sentence that must not be negated for the hit to stand; empty: start..end.
    spans: tuple[tuple[int, int], ...] = ()
    # False where the pattern itself holds a negative word ("won't stop", "can't breathe").
    negation_inside: bool = True
    # True when negation was already judged by the rule that made the hit.
    judged: bool = False
