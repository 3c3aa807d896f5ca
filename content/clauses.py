"""How much of the guide a quote must be: at least a full clause, never a few loose words.

A `> ` line of two words ("> safe") is word for word in some document, yet quoting it puts
the guide's authority behind words it never said on their own. Every quote (timeline sources,
FAQ answers, a clinic's `> ` lines in /edit) must have at least `MIN_WORDS` words and stop
where a clause of its document stops.
"""

from __future__ import annotations

from pathlib import Path

from content.seeds import SEEDS_DIR, normalize, quote_ends_clause

MIN_WORDS = 6


def clause_problem(quote: str, doc: str, seeds_dir: Path = SEEDS_DIR) -> str | None:
    """What makes `quote` (found word for word in `doc`) less than a clause, or None."""
    count = len(normalize(quote).split())
    if count < MIN_WORDS:
        return (
            f"is too short to quote ({count} word{'s' if count != 1 else ''}): a quote must be "
            f"at least a full clause of the documents, {MIN_WORDS} words or more"
        )
    if not quote_ends_clause(quote, doc, seeds_dir):
        return (
            "stops in the middle of a clause: quote on to the next comma or full stop of the "
            "document"
        )
    return None
