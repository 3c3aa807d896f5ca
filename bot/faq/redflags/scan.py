"""Run every rule over every sentence of every part of a message and keep the most pressing.

A part is a message text or a caption. Each sentence is checked on its own, so a symptom in
the middle of a long friendly message is found; the rules that follow a symptom over time
(lasting, better then worse again) also read the sentences around it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from bot.faq.redflags.course import course
from bot.faq.redflags.frames import frame
from bot.faq.redflags.hit import Hit
from bot.faq.redflags.lasting import lasting
from bot.faq.redflags.result import CATEGORIES, RedFlag
from bot.faq.redflags.scope import negated
from bot.faq.redflags.signs import RULES, Rule
from bot.faq.redflags.text import Sentence, clause_end, clause_start, sentences
from content.redflags import Thresholds, current

# A question about warning signs in general, naming no symptom.
_WARNING_SIGNS = re.compile(
    r"\b(?:warning signs?|red flags?|signs? (?:to|i should) (?:look|watch)|look(?:ing)? out for|"
    r"watch(?:ing)? out for|when (?:should|do|would|must) i (?:worry|call|ring|contact|phone|"
    r"be worried|be concerned|seek|get help)|what (?:is|isnt|counts as) (?:not )?normal)\b"
)


def check_parts(parts: Iterable[str], thresholds: Thresholds | None = None) -> RedFlag | None:
    """The most pressing red flag across the parts of one message, or None.

    A report beats any question; among reports, the category first in CATEGORIES wins.
    """
    limits = thresholds or current()
    best: RedFlag | None = None
    for part in parts:
        if not isinstance(part, str) or not part.strip():
            continue
        for flag in _flags(sentences(part), limits):
            if best is None or _rank(flag) < _rank(best):
                best = flag
    return best


def _rank(flag: RedFlag) -> tuple[int, int]:
    return (0 if flag.urgent else 1, CATEGORIES.index(flag.category))


def _flags(message: list[Sentence], limits: Thresholds) -> Iterator[RedFlag]:
    # A rule that matches nowhere in the whole message need not be tried on each sentence.
    whole = " . ".join(s.text for s in message)
    rules = [rule for rule in RULES if rule.pattern.search(whole)]
    for index, sentence in enumerate(message):
        for hit in _hits(message, index, limits, rules):
            if not hit.judged and negated(
                sentence.text, hit.start, hit.end, inside=hit.negation_inside
            ):
                continue
            how = frame(sentence, hit.start, hit.end)
            if how != "topic":
                yield RedFlag(
                    hit.category, hit.matched, "report" if how == "report" else "question"
                )
        warning = _WARNING_SIGNS.search(sentence.text)
        if warning and sentence.asks:
            yield RedFlag("general", warning.group(0), "question")


def _hits(
    message: list[Sentence], index: int, limits: Thresholds, rules: list[Rule]
) -> Iterator[Hit]:
    text = message[index].text
    for rule in rules:
        for m in rule.pattern.finditer(text):
            if rule.unless is not None:
                low = clause_start(text, m.start(), soft=False)
                high = clause_end(text, m.end(), soft=False)
                if rule.unless.search(text[low:high]):
                    continue
            yield Hit(rule.category, m.start(), m.end(), m.group(0), (), rule.negation_inside)
    yield from course(message, index, limits)
    yield from lasting(message, index, limits)
