"""Ordinary after-effects that become red flags by how they go: worse, back again, severe.

Redness, swelling, warmth and soreness are expected for a day or two. They escalate when they
get worse ("redder than it was", "puffy, honestly worse than Monday", "the pain increase every
hour"), come back after settling ("it had calmed down, now it's hot again"), when heat or
throbbing comes with another sign ("hot, swollen and throbbing", not "a bit warm and puffy",
nor warm red skin on the evening of the session), when pain is severe (``pain``), and when
swelling is sudden or far beyond the usual ("never seen it this puffy", "one whole side of my
face").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from bot.faq.redflags.hit import Hit
from bot.faq.redflags.pain import rising_score, severe_pain
from bot.faq.redflags.quantity import durations
from bot.faq.redflags.scope import negated, softened
from bot.faq.redflags.text import Sentence, clause_end, clause_start
from bot.faq.redflags.words import (
    AGAIN,
    HEAT,
    IMPROVED,
    NOT_SKIN_HEAT,
    NOT_SPREADING_AFTER,
    PAIN,
    REDNESS,
    SKIN_SUBJECT,
    SPOT,
    SPOTS,
    SWELL,
    THAN_EARLIER,
    THROB,
    WORSE,
)
from content.redflags import Thresholds

_SYMPTOM = re.compile(rf"\b(?:{PAIN}|{SWELL}|{REDNESS}|{HEAT}|{SPOTS}|{SPOT}|itch\w*)\b")
_WORSE = re.compile(rf"\b{WORSE}\b{NOT_SPREADING_AFTER}")
_MORE = re.compile(
    r"\b(?:hurts?|hurting|aches?|aching|stings?|stinging|throbs?|throbbing|burns?|burning)\s+"
    r"(?:even\s+|a lot\s+|much\s+|way\s+|loads\s+)?more\b"
    rf"|\bmore (?:and more )?{PAIN}"
    rf"|\b{SWELL}(?:\s+up)?\s+(?:even\s+|a lot\s+|much\s+|way\s+|loads\s+)?more\b"
)
_THAN_EARLIER = re.compile(rf"{THAN_EARLIER}\b")
_SUBJECT_BEFORE = re.compile(rf"\b{SKIN_SUBJECT}\b(?:\s+\w+){{0,4}}\s*$")
_IMPROVED = re.compile(rf"\b{IMPROVED}\b")
_NOT_BEFORE = re.compile(r"\b(?:not|never|hasnt|havent|didnt|wont|isnt)\s+(?:\w+\s+)?$")
_AGAIN = re.compile(rf"\b{AGAIN}\b")
_NOW = re.compile(r"\bnow\b")
# After an improvement: it stopped ("it was getting better and now it's not").
_UNDONE = re.compile(
    r"\b(?:now|but|then)\s+(?:its|it is|theyre|they are)\s+not\b(?!\s+(?:red|swollen|sore|puffy|"
    r"hot|there|bad))|\bstopped (?:getting better|improving|healing|settling)\b"
)
_HEAT = re.compile(rf"\b{HEAT}\b(?!\s+{NOT_SKIN_HEAT}\b)")
_SIGNS = {
    "heat": _HEAT,
    "throb": re.compile(rf"\b{THROB}"),
    "swell": re.compile(rf"\b{SWELL}"),
    "red": re.compile(
        r"\b(?:red|redness|reddish|inflamed|angry)\b"
        r"(?!\s+(?:wine|light|lights|flags?|meat|carpet|dress|lipstick|led)\b)"
    ),
    "hard": re.compile(r"\b(?:hard|firm)\b(?!\s+(?:to|time|day|work|question)\b)"),
    "tender": re.compile(r"\b(?:sore|tender|painful)\s+to\s+(?:the\s+)?touch\b"),
}
# Signs that make another one a red flag: heat, throbbing, swelling gone hard.
_STRONG_KINDS = ("heat", "throb", "hard")
_EARLY = re.compile(
    r"\b(?:(?:a |an )?(?:few|couple of|couple|\d+|one|two|three|an|a) hours?|tonight|"
    r"this (?:evening|afternoon)|(?:on )?day (?:0|1|one|zero)|the day after|first (?:night|"
    r"evening|day)|"
    r"(?:straight|right|just) after|had it done (?:today|yesterday|this morning)|"
    r"(?:session|treatment|appointment) (?:today|this morning|yesterday))\b"
)
_TOUCH = re.compile(r"\b(?:hot|warm)\s+to\s+(?:the\s+)?touch\b")
_LUMP = re.compile(rf"{SPOTS}|{SPOT}")
# Right after a swelling word: how much or how fast ("swollen up a lot", "puffing up fast").
_BIG_AFTER = re.compile(
    r"\w*(?:\s+up)?(?:\s+(?:really|so|very|way))?\s+(?:badly|bad|fast|quickly|rapidly|a lot|"
    r"loads|so much|massively|hugely|like crazy|like mad)\b"
)
# Anywhere in its clause: how big, how sudden, how far beyond the usual.
_BIG_SWELLING = re.compile(
    r"\b(?:massive\w*|huge|hugely|enormous\w*|"
    r"like a balloon|twice|double|out of nowhere|dramatic\w*|extreme\w*|severe\w*|"
    r"whole (?:left |right )?(?:side of )?(?:my |her |his )?face|half (?:of )?(?:my |her |his )?"
    r"face|(?:one|the left|the right|left|right) side of (?:my |her |his )?face|balloon\w*|"
    r"blown up|blew up|swelling up|puffing up|blowing up|cant (?:even )?open|"
    r"(?:with)?in (?:a few )?minutes|"
    r"minutes after|suddenly|all of a sudden|straight away|right away|immediately|"
    r"(?:cant|cannot|can not|couldnt) (?:even )?see|(?:can|could) (?:barely|hardly) see)\b"
)
_NEVER_LIKE = re.compile(
    r"\bnever\b[^.,;!?]*\b(?:like (?:this|that|it)|this \w+|so \w+|as \w+ as|anything like)\b"
)
_SHRINKING = re.compile(
    r"\b(?:less|better|smaller|down|settl\w*|improv\w*|calmer|fading|eas\w*|reduc\w*)\b"
)


def course(sentences: list[Sentence], index: int, thresholds: Thresholds) -> Iterator[Hit]:
    """Red flags in ``sentences[index]`` from how its ordinary symptoms are going."""
    sentence = sentences[index]
    yield from _worse(sentence.text)
    yield from severe_pain(sentences, index, thresholds)
    yield from _rebound(sentences, index)
    yield from _heat(sentence.text, early=_early(tuple(s.text for s in sentences)))
    yield from _big_swelling(sentence.text)


def _worse(text: str) -> Iterator[Hit]:
    for cue in [*_WORSE.finditer(text), *_MORE.finditer(text), *rising_score(text)]:
        before = text[: cue.start()]
        after = text[cue.end() : cue.end() + 25]
        symptom = _SYMPTOM.search(cue.group(0)) or _last(_SYMPTOM, before)
        symptom = symptom or _SYMPTOM.match(after.lstrip())
        fragment = not before.strip() or re.fullmatch(r"\s*(?:getting|its|it|is)\s*", before)
        fragment = fragment or _THAN_EARLIER.match(after.lstrip())
        if symptom is None and not _SUBJECT_BEFORE.search(before) and not fragment:
            continue
        if negated(text, cue.start(), cue.end()):
            continue
        lump = symptom is not None and _LUMP.fullmatch(symptom.group(0))
        category = "spots" if lump else "infection"
        yield Hit(category, cue.start(), cue.end(), cue.group(0), judged=True)


@lru_cache(maxsize=64)
def _first_improvement(texts: tuple[str, ...]) -> tuple[int, int] | None:
    """(sentence index, end position) of the first improvement that is not negated."""
    for index, text in enumerate(texts):
        for m in _IMPROVED.finditer(text):
            if not _NOT_BEFORE.search(text[max(0, m.start() - 20) : m.start()]):
                return index, m.end()
    return None


def _rebound(sentences: list[Sentence], index: int) -> Iterator[Hit]:
    """Better, then worse again: an improvement earlier in the message, a symptom after it."""
    text = sentences[index].text
    first = _first_improvement(tuple(s.text for s in sentences))
    if first is None or first[0] > index:
        return
    for undone in _UNDONE.finditer(text):
        if first[0] < index or undone.start() > first[1]:
            yield Hit("infection", *undone.span(), undone.group(0), judged=True)
            return
    for cue in [*_AGAIN.finditer(text), *_NOW.finditer(text)]:
        if first[0] == index and cue.start() <= first[1]:
            continue
        low, high = clause_start(text, cue.start(), soft=False), clause_end(text, cue.end())
        is_now = cue.group(0) == "now"
        subject = not is_now and _SUBJECT_BEFORE.search(text[low : cue.start()])
        if subject and not negated(text, cue.start(), cue.end()):
            yield Hit("infection", cue.start(), cue.end(), cue.group(0), judged=True)
            return
        for symptom in _SYMPTOM.finditer(text, low, high):
            if is_now and (symptom.start() < cue.start() or softened(text, *symptom.span())):
                continue
            if negated(text, symptom.start(), symptom.end()):
                continue
            yield Hit(
                "infection",
                symptom.start(),
                symptom.end(),
                f"{symptom.group(0)} {cue.group(0)}",
                judged=True,
            )
            return


@lru_cache(maxsize=64)
def _early(texts: tuple[str, ...]) -> bool:
    """True when the message places itself in the first hours or day after the session."""
    if not any(_EARLY.search(text) for text in texts):
        return False
    return not any(d.days >= 3 for text in texts for d in durations(text))


def _heat(text: str, *, early: bool) -> Iterator[Hit]:
    for touch in _TOUCH.finditer(text):
        if early or softened(text, *touch.span()) or negated(text, *touch.span()):
            continue
        yield Hit("infection", *touch.span(), touch.group(0), judged=True)
    # Heat, throbbing or hardness with another sign, neither said to be mild.
    kinds: set[str] = set()
    strong = None
    for kind, pattern in _SIGNS.items():
        for m in pattern.finditer(text):
            if negated(text, m.start(), m.end()) or softened(text, m.start(), m.end()):
                continue
            kinds.add(kind)
            if kind in _STRONG_KINDS:
                strong = strong or m
    # Warm, red skin in the first hours is what the guide describes; throbbing is not.
    if strong is not None and len(kinds) >= 2 and not (early and "throb" not in kinds):
        yield Hit("infection", *strong.span(), " + ".join(sorted(kinds)), judged=True)


def _big_swelling(text: str) -> Iterator[Hit]:
    never = _NEVER_LIKE.search(text)
    for m in re.finditer(rf"\b{SWELL}", text):
        low, high = clause_start(text, m.start(), soft=False), clause_end(text, m.end(), soft=False)
        clause = text[low:high]
        if _SHRINKING.search(clause) or negated(text, m.start(), m.end()):
            continue
        if softened(text, m.start(), m.end()):
            continue
        if never or _BIG_SWELLING.search(clause) or _BIG_AFTER.match(text, m.start()):
            yield Hit("allergic", m.start(), m.end(), m.group(0), judged=True)
            return


def _last(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    found = None
    for found in pattern.finditer(text):  # noqa: B007 - the last one is wanted
        pass
    return found
