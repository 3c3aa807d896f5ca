"""What a curated answer may quote, beyond being word for word (`content.faq`): no marketing
sentence (`content.marketing`), and no sentence that points back ("This increased production
...", "These tiny punctures ...") unless the sentence it points back to comes right before it
in the answer. A patient reads an answer on its own; it must make sense on its own.
"""

from __future__ import annotations

import re
from pathlib import Path

from content.faq import FaqEntry
from content.marketing import Marketing
from content.problem import Problem
from content.seeds import SEEDS_DIR, clean_lines, load_documents, normalize

POINTS_BACK = re.compile(r"^(?:This|These|That|Those|Such|The result)\b")


def _follows(previous: str, quote: str, text: str) -> bool:
    """True when ``quote`` comes right after ``previous`` in ``text`` (folded)."""
    at = text.find(normalize(previous))
    if at < 0:
        return False
    rest = text[at + len(normalize(previous)) :]
    return rest.lstrip().startswith(normalize(quote))


def curated_quote_problems(
    entries: list[FaqEntry], marketing: Marketing, file: str, seeds_dir: Path = SEEDS_DIR
) -> list[Problem]:
    """Curated entries quoting marketing, or a sentence that points back with nothing before."""
    documents = {
        doc: normalize(" ".join(clean_lines(raw))) for doc, raw in load_documents(seeds_dir).items()
    }
    problems = []
    for entry in entries:
        previous = None
        for n, source in enumerate(entry.answer, start=1):
            where = f"{entry.id} answer {n}"
            if marketing.tags(source.doc, source.quote):
                problems.append(
                    Problem(file, where, "quotes a marketing sentence (marketing.yaml)")
                )
            if POINTS_BACK.match(source.quote) and not (
                previous is not None
                and previous.doc == source.doc
                and _follows(previous.quote, source.quote, documents.get(source.doc, ""))
            ):
                problems.append(
                    Problem(
                        file,
                        where,
                        "starts by pointing back (“This …”) without the sentence before it "
                        "just above",
                    )
                )
            previous = source
    return problems
