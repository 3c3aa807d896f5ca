"""How a quote from the guide is shown: the part that answers, readable on its own.

- A leading connective ("Therefore,", "Moreover,", "For example,") is cut, and the quote is
  shown as "… rest"; what is left is still word for word in the document.
- At most `MAX_QUOTES` quotes answer one question: the ones that cover it best, in the order
  the entry gives them, except that quotes naming how long something takes are put shortest
  first ("a day or two" before "a few days").
- The clause that answers the question is bold in the HTML version (escaped properly).

Nothing here changes a word of a quote; it only chooses, trims at a sentence's start, and marks.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from content.faq import Source
from content.quotes import POINTS_BACK

MAX_QUOTES = 2

_CONNECTIVE = re.compile(
    r"^(?:(?:Therefore|Moreover|Furthermore|Additionally|Consequently|Thus|Hence|Finally|"
    r"Besides|Also|Plus|Indeed|In doing so|By doing so)\b,?|"
    r"(?:However|For example|For instance|As a result|In addition|In conclusion|In summary|"
    r"In short|Overall|Ultimately|Importantly|Notably|Instead|Likewise|Similarly|Meanwhile|"
    r"Then|Now|So|Over time),)\s+"
)
# Where a sentence divides into clauses: commas, semicolons, dashes, and "with", "whereas",
# "but", "which" after a comma or alone.
_CLAUSE_BREAK = re.compile(r"\s*(?:[,;:]|\s[-–—]\s|—)\s*|\s+(?=(?:whereas|but rather|but)\s)")

# How long, in days, a phrase of the guide says something lasts or takes.
_DURATIONS: tuple[tuple[re.Pattern[str], float], ...] = (
    (re.compile(r"\b\d+ to \d+ minutes\b"), 0.03),
    (re.compile(r"\ba day or two\b"), 1.5),
    (re.compile(r"\b(?:a )?few days\b"), 3.0),
    (re.compile(r"\bseveral weeks\b"), 21.0),
    (re.compile(r"\bseveral months\b"), 90.0),
    (re.compile(r"\blong term\b"), 365.0),
)


def trim(source: Source) -> Source:
    """The quote without a leading connective; still a verbatim part of its document."""
    cut = _CONNECTIVE.sub("", source.quote, count=1)
    return source if cut == source.quote or not cut else Source(source.doc, cut)


def opens_mid_sentence(quote: str) -> bool:
    """True when the quote starts inside a sentence (after a cut connective, or a fragment)."""
    return quote[:1].islower()


def shown(quote: str) -> str:
    """The quote as the patient reads it: "… " before a quote that starts mid-sentence."""
    return f"… {quote}" if opens_mid_sentence(quote) else quote


def duration(quote: str) -> float | None:
    """The shortest duration the quote names, in days, or None."""
    found = [days for pattern, days in _DURATIONS if pattern.search(quote)]
    return min(found) if found else None


def select(
    sources: tuple[Source, ...], relevance: Callable[[str], float], limit: int = MAX_QUOTES
) -> tuple[Source, ...]:
    """The `limit` quotes that answer best (by `relevance` of each quote's text, ties in the
    given order), in the given order, durations shortest first."""
    ranked = sorted(range(len(sources)), key=lambda i: (-relevance(sources[i].quote), i))
    kept = sorted(ranked[:limit])
    # A quote that points back ("These tiny punctures ...") keeps the quote before it.
    for i in list(kept):
        if i > 0 and i - 1 not in kept and POINTS_BACK.match(sources[i].quote):
            kept = sorted({i - 1, i} | set(kept[: max(0, limit - 2)]))
    chosen = [sources[i] for i in kept]
    timed = [s for s in chosen if duration(s.quote) is not None]
    if len(timed) > 1:
        ordered = iter(sorted(timed, key=lambda s: duration(s.quote) or 0.0))
        chosen = [next(ordered) if duration(s.quote) is not None else s for s in chosen]
    return tuple(chosen)


@dataclass(frozen=True)
class Marked:
    """A quote split around the clause that answers: before + bold + after == quote."""

    before: str
    bold: str
    after: str

    def plain(self) -> str:
        return shown(self.before + self.bold + self.after)

    def html(self) -> str:
        lead = "… " if opens_mid_sentence(self.before + self.bold) else ""
        bold = f"<b>{html.escape(self.bold, quote=False)}</b>" if self.bold else ""
        before, after = html.escape(self.before, quote=False), html.escape(self.after, quote=False)
        return lead + before + bold + after


def clauses(quote: str) -> list[tuple[int, int]]:
    """(start, end) of each clause of the quote, in order."""
    spans, start = [], 0
    for match in _CLAUSE_BREAK.finditer(quote):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(quote):
        spans.append((start, len(quote)))
    return spans


def mark(quote: str, relevance: Callable[[str], float]) -> Marked:
    """The quote with its most relevant clause picked out; no clause when the quote is one
    clause or none of its clauses is relevant (bolding a whole sentence says nothing)."""
    spans = clauses(quote)
    if len(spans) < 2:
        return Marked(quote, "", "")
    scores = [relevance(quote[a:b]) for a, b in spans]
    best = max(range(len(spans)), key=lambda i: (scores[i], -i))
    if scores[best] <= 0:
        return Marked(quote, "", "")
    start, end = spans[best]
    return Marked(quote[:start], quote[start:end], quote[end:])
