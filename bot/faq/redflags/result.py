"""What the red-flag check returns: the category, the words, and whether it is a report."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["report", "question"]

# Categories whose reply also tells the patient to call emergency services.
EMERGENCY_CATEGORIES = frozenset({"allergic", "breathing"})
# Every category, most pressing first: a message with several red flags reports the first.
# "general" is only ever a question ("what are the warning signs?").
CATEGORIES = (
    "breathing",
    "allergic",
    "infection",
    "bleeding",
    "blisters",
    "spots",
    "pain",
    "prolonged",
    "general",
)


@dataclass(frozen=True)
class RedFlag:
    """A red flag in a patient's message.

    ``kind`` is "report" when the patient says they (or someone they speak for) have the
    symptom, or may have it, which must reach the clinic now; "question" when they ask about it
    in general or in case it happens ("what are the signs of infection?"), which the FAQ answers
    and never escalates.
    """

    category: str  # one of CATEGORIES
    matched: str  # the words that matched, for staff and tests (never for logs)
    kind: Kind = "report"

    @property
    def emergency(self) -> bool:
        return self.category in EMERGENCY_CATEGORIES

    @property
    def urgent(self) -> bool:
        """True when the message must reach the clinic now."""
        return self.kind == "report"
