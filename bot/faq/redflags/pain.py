"""Severe pain: strong words ("agony", "can't sleep for the pain") or a score out of 10 at or
above the one in content/redflags.yaml ("a 9 out of 10", "8/10", "pain is a solid 9"); and a
score that rises ("from a 3 to an 8"), which is pain getting worse.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot.faq.redflags.hit import Hit
from bot.faq.redflags.quantity import pain_scores
from bot.faq.redflags.scope import negated
from bot.faq.redflags.text import Sentence
from bot.faq.redflags.words import PAIN
from content.redflags import Thresholds

_STRONG_PAIN = re.compile(
    r"\b(?:agony|agonis\w*|agoniz\w*|excruciat\w*|unbearabl\w*|intolerabl\w*|killing me|"
    r"worst pain|crippling|horrendous|cant (?:bear|stand|take|cope with) (?:it|the pain|this)|"
    r"off the charts?|through the roof|(?:cant|cannot|can not) (?:even )?(?:bear to )?touch "
    r"(?:my|her|his|it|the)|(?:hurts?|hurting|aching|throbbing) (?:so much|like hell|like mad|"
    r"like crazy|so bad|like nothing)|(?:a lot of|lots of|so much|big|huge|massive|very strong) "
    r"pain)\b"
    rf"|\b{PAIN}\s+(?:\w+\s+)?(?:woke|wakes|waking|keeps?|kept|keeping) me (?:up|awake)\b"
    rf"|\b(?:severe|severely|extreme|extremely|intense|intensely|terrible|terribly|horrible|"
    rf"horribly|awful|awfully|really bad|so bad|unreal|crazy)\s+(?:\w+\s+)?{PAIN}"
    rf"|\b{PAIN}\s+(?:is\s+|feels\s+|has been\s+|was\s+)?(?:\w+\s+)?(?:severe|extreme|unreal|"
    r"horrendous|terrible|awful|insane|crazy|so bad|really bad|strong|intense|unbearable|"
    r"excruciating|brutal|debilitating|as hell|af)\b"
    rf"|\b(?:killer|debilitating|brutal|shooting|stabbing)\s+{PAIN}"
    rf"|\b(?:really|very|so|super|soo+)\s+(?:really|very|so|super|soo+)\s+(?:painful|sore)\b"
    rf"|\b{PAIN}\s+(?:\w+\s+)?(?:im|i am|i was|shes|she is)\s+(?:crying|in tears|screaming)\b"
    rf"|\b(?:(?:cant|cannot|can not) sleep|in tears|in bits|crying|screaming)\s+(?:\w+\s+){{0,2}}"
    rf"(?:pain|{PAIN})"
)
_PAIN_WORD = re.compile(rf"\b{PAIN}")
_FROM_TO = re.compile(
    r"\bfrom (?:a |an )?(?P<a>\d+|one|two|three|four|five|six|seven|eight|nine) (?:up )?to "
    r"(?:a |an )?(?P<b>\d+|two|three|four|five|six|seven|eight|nine|ten)\b"
)


def severe_pain(sentences: list[Sentence], index: int, thresholds: Thresholds) -> Iterator[Hit]:
    """Severe pain in ``sentences[index]``; a bare score counts when this sentence or the one
    before speaks of pain."""
    text = sentences[index].text
    for m in _STRONG_PAIN.finditer(text):
        if not negated(text, m.start(), m.end(), inside=False):
            yield Hit("pain", m.start(), m.end(), m.group(0), judged=True)
    nearby = text if index == 0 else f"{sentences[index - 1].text} {text}"
    if not _PAIN_WORD.search(nearby):
        return
    for score, start, end in pain_scores(text):
        if score >= thresholds.severe_pain_from and not negated(text, start, end):
            yield Hit("pain", start, end, text[start:end], judged=True)


def rising_score(text: str) -> Iterator[re.Match[str]]:
    """A pain score that went up: "from a 3 to an 8"."""
    if not _PAIN_WORD.search(text):
        return
    for m in _FROM_TO.finditer(text):
        low, high = pain_scores(f"{m.group('a')}/10"), pain_scores(f"{m.group('b')}/10")
        if low and high and high[0][0] > low[0][0]:
            yield m
