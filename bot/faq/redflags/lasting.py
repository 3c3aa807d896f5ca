"""Symptoms that last: redness, swelling or soreness still there from a given day on.

The day comes from content/redflags.yaml. The duration is read nearest first: in the symptom's
own clause ("I had it 10 days ago and it was red for a day" is one day of redness), else in its
sentence, else, when the symptom is said to persist ("still", "hasn't gone"), anywhere in the
message ("Day 9. Still red.").
"""

from __future__ import annotations

import re

from bot.faq.redflags.hit import Hit
from bot.faq.redflags.quantity import Duration, durations
from bot.faq.redflags.scope import negated
from bot.faq.redflags.text import Sentence, clause_end, clause_start
from bot.faq.redflags.words import SWELL
from content.redflags import Thresholds

SYMPTOMS = {
    "redness": re.compile(
        r"\b(?:red\w*|pink\w*|burn\w*|sting\w*|rash\w*|irritat\w*|inflam\w*|raw|flushed|"
        r"blotchy)\b"
    ),
    "swelling": re.compile(rf"\b{SWELL}"),
    "soreness": re.compile(r"\b(?:sore\w*|tender\w*|ach(?:e|es|y|ey|ing)|pain\w*|hurt\w*)\b"),
    # Not healed, whatever the symptom: the earliest of the three days applies.
    "unhealed": re.compile(
        r"\b(?:hasnt|havent|not|isnt|wont|never)\s+(?:\w+\s+)?(?:gone|healed|improv\w*|settled|"
        r"calmed|cleared|faded|shifted|budged|(?:getting\s+)?better|go(?:ne)? (?:down|away))\b|"
        r"\bno better\b|\bstill there\b"
    ),
}
_PERSISTS = re.compile(
    r"\b(?:still|not gone|no better|remains?|stayed|lingering|persist\w*|(?:hasnt|havent|not|"
    r"isnt|wont)\s+(?:\w+\s+)?(?:gone|improv\w*|settled|calmed|cleared|faded|shifted|budged|"
    r"healed|changed|(?:getting\s+)?better|go(?:ne)? (?:down|away)))\b"
)
# "was red for 10 days but it's totally gone now": over, not lasting.
_OVER = re.compile(r"\b(?:gone now|fine now|all gone|totally gone|cleared up now|back to normal)\b")


def lasting(sentences: list[Sentence], index: int, thresholds: Thresholds) -> list[Hit]:
    """Symptoms in ``sentences[index]`` that have lasted to their day or beyond."""
    sentence = sentences[index]
    text = sentence.text
    if _OVER.search(text):
        return []
    hits = []
    for group, pattern in SYMPTOMS.items():
        day = (
            min(thresholds.lasting_from(g) for g in ("redness", "swelling", "soreness"))
            if group == "unhealed"
            else thresholds.lasting_from(group)
        )
        for m in pattern.finditer(text):
            if group != "unhealed" and negated(text, m.start(), m.end(), inside=False):
                continue
            span = _longest(_nearest(sentences, index, m.start(), m.end()))
            if span is not None and span.days >= day:
                hits.append(
                    Hit("prolonged", m.start(), m.end(), f"{m.group(0)} … {span.text}", judged=True)
                )
                break
    return hits


def _nearest(sentences: list[Sentence], index: int, start: int, end: int) -> list[Duration]:
    text = sentences[index].text
    low, high = clause_start(text, start), clause_end(text, end)
    found = durations(text)
    own = [d for d in found if d.start >= low and d.end <= high]
    if own:
        return own
    if found:
        return list(found)
    if not _PERSISTS.search(text):
        return []
    return [d for i, s in enumerate(sentences) if i != index for d in durations(s.text)]


def _longest(spans: list[Duration]) -> Duration | None:
    return max(spans, key=lambda d: d.days, default=None)
