"""Red flags: symptoms that must reach the clinic now, checked before any search runs.

``check(text)`` reads a whole message; ``check_parts(parts)`` reads several parts of one
message (its text and captions) and returns the most pressing red flag of all. The result says
whether the patient **reports** the symptom (escalate now) or **asks** about it in general
("what are the signs of infection?", "if I got a temperature next week, what would I do?"),
which the FAQ answers like any other question.

How a message is read:

- every sentence on its own (``text``), so a symptom buried in a long message is found;
- signs that are red flags by themselves (pus, fever, hives, breathing, bleeding that won't
  stop, blisters, many sore spots; ``signs``), and ordinary after-effects that become red flags
  by how they go (worse, back again, severe, hot with swelling; ``course``) or how long they
  last (``lasting``), with the day and pain score from content/redflags.yaml;
- a plain negation clears one mention ("no fever but pus" still escalates), look-alikes do
  not ("nothing stops the oozing", "never seen it this puffy"; ``scope``);
- mild words clear an ordinary after-effect early on ("a bit warm and puffy"), never a red
  flag sign;
- a report and a question are told apart by how the symptom is spoken of (``frames``); when
  they cannot be told apart, it is a report. A false alarm costs a phone call; a missed
  infection costs far more.
"""

from __future__ import annotations

from bot.faq.redflags.result import CATEGORIES, EMERGENCY_CATEGORIES, Kind, RedFlag
from bot.faq.redflags.scan import check_parts
from bot.faq.redflags.text import normalize_message
from content.redflags import Thresholds

__all__ = [
    "CATEGORIES",
    "EMERGENCY_CATEGORIES",
    "Kind",
    "RedFlag",
    "check",
    "check_parts",
    "normalize_message",
]


def check(text: str, thresholds: Thresholds | None = None) -> RedFlag | None:
    """The most pressing red flag in one patient message (report before question), or None.

    ``thresholds`` default to content/redflags.yaml. Never raises on odd input.
    """
    return check_parts([text], thresholds)
