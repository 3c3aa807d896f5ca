"""Numbers in a patient's words: how long something has lasted, and pain scores out of 10.

Durations in digits or words, unit first or last: "12 days", "nine days", "a week and a half",
"1.5 weeks", "10+ days", "a fortnight", "on day 12", "day ten", "the ninth day", "since last
week". Durations about the future or a schedule ("in 2 weeks", "every 4 weeks", "weeks apart",
"12 weeks pregnant") are not about a symptom and are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "a couple of": 2, "couple of": 2, "a couple": 2, "couple": 2, "a few": 3, "few": 3,
    "several": 4,
}  # fmt: skip
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "twentieth": 20,
}  # fmt: skip
UNIT_DAYS = {"day": 1, "night": 1, "week": 7, "wk": 7, "fortnight": 14, "month": 30}

_WORDS = "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True))
_NUM = rf"(?:\d+(?:[.,]\d+)?|{_WORDS})"
_UNIT = r"(?:days?|nights?|weeks?|wks?|fortnights?|months?)"
_HALF = r"(?:\s+and\s+a\s+half)"
_DURATION = re.compile(
    rf"\b(?:(?P<num>{_NUM})(?:ish)?\s*(?:\+\s*)?(?P<half1>{_HALF})?\s*(?:(?:whole|full|good|solid|"
    rf"entire|straight|long)\s+)?(?P<unit>{_UNIT})\b(?P<half2>{_HALF})?"
    rf"|(?P<bare>(?:for|been|after|over|nearly|almost)\s+(?:a\s+)?(?:weeks|days|months|fortnight)"
    r"|weeks\s+(?:later|now|ago|on end)|fortnight|week and a half|since last week|last week|"
    r"all week|a week ago))\b"
)
_DAY_NUMBER = re.compile(
    rf"\bday\s*(?P<num>\d+|{'|'.join(k for k in NUMBER_WORDS if ' ' not in k and len(k) > 2)})\b"
    rf"|\b(?P<ord>{'|'.join(ORDINALS)}|\d+(?:st|nd|rd|th))\s+day\b"
    rf"|\bweek\s*(?P<week>\d|two|three|four)\b"
    # dates of the month: "had it on the 2nd and it's now the 12th"
    r"|\bthe (?P<since>\d{1,2})(?:st|nd|rd|th)\b[^.?!]*?\b(?:now|today is|today s|todays|its)\s+"
    r"(?:the\s+)?(?P<now>\d{1,2})(?:st|nd|rd|th)\b"
)
# Before a duration: it is in the future, or a schedule, or a count of something else.
_NOT_SINCE = re.compile(
    r"\b(?:in|within|next|every|each|per|another|between|before|until|till|by|how many|the next|"
    r"for the next|other)\s+(?:\w+\s+)?$"
)
_NOT_SINCE_AFTER = re.compile(
    r"^\s*(?:apart|between|pregnant|old|from now|away|time|till|until|before|more|to go|off|"
    r"holiday|trip|break)\b"
)
_BARE_DAYS = {
    "weeks": 14, "days": 3, "months": 60, "fortnight": 14, "week and a half": 10,
    "since last week": 7, "last week": 7, "all week": 7, "a week ago": 7,
}  # fmt: skip


@dataclass(frozen=True)
class Duration:
    days: float
    start: int
    end: int
    text: str


def _number(word: str) -> float:
    word = word.replace(",", ".")
    try:
        return float(word)
    except ValueError:
        return float(NUMBER_WORDS.get(word, 0))


@lru_cache(maxsize=256)
def durations(text: str) -> tuple[Duration, ...]:
    """Every span of time in ``text`` that can say how long a symptom has lasted, in days."""
    found: list[Duration] = []
    for m in _DURATION.finditer(text):
        if _NOT_SINCE.search(text[: m.start()]) or _NOT_SINCE_AFTER.search(text[m.end() :]):
            continue
        if m.group("bare"):
            key = m.group("bare")
            days = next((v for k, v in _BARE_DAYS.items() if key.endswith(k)), 0)
        else:
            unit = m.group("unit").rstrip("s")
            days = _number(m.group("num")) * UNIT_DAYS.get(unit, 1)
            if m.group("half1") or m.group("half2"):
                days += UNIT_DAYS.get(unit, 1) / 2
        found.append(Duration(days, m.start(), m.end(), m.group(0)))
    for m in _DAY_NUMBER.finditer(text):
        if m.group("since"):
            days = float(int(m.group("now")) - int(m.group("since")))
        elif m.group("week"):
            days = 7 * (_number(m.group("week")) - 1)  # "week 2" begins on day 7
        elif m.group("ord"):
            word = m.group("ord")
            days = float(ORDINALS.get(word) or int(re.sub(r"\D", "", word)))
        else:
            days = _number(m.group("num"))
        found.append(Duration(days, m.start(), m.end(), m.group(0)))
    return tuple(found)


_TEN = r"(?:10|ten)"
_SCORE_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten"
_SCORE_NUM = rf"(?:\d+(?:[.,]\d)?|{_SCORE_WORDS})"
_NOT_UNIT = r"(?!\s*(?:/|out|of|days?|hours?|weeks?|hrs?|am|pm|%|mg|minutes?|mins?|ml|times?))"
_SCORE = re.compile(
    rf"\b(?P<n>{_SCORE_NUM})(?:\s*(?:-|to|or)\s*(?P<n2>{_SCORE_NUM}))?\s*"
    rf"(?:/|out of|outta|oo|of|from)\s*{_TEN}\b"
    rf"|\bscale\b[^.?!]{{0,50}}?\b(?:its|it is|is|a|an|at|about|around|like)\s+"
    rf"(?P<n3>{_SCORE_NUM})\b"
    rf"(?!\s*(?:/|out of|of|days?|hours?|weeks?))"
    rf"|\b(?:pain|soreness|sore|hurts?|ache)\s+(?:(?:level|score|is|s|at|about|around|like|a|an|"
    rf"solid|good|easy|strong|maybe|probably|easily)\s+){{0,3}}(?P<n4>{_SCORE_NUM})\b{_NOT_UNIT}"
    # said without "out of 10", where the sentence is about pain: "it's like an 8"
    rf"|\b(?:its|it is|like|about|around|maybe|easily|at least|probably|solid)\s+(?:a|an)\s+"
    rf"(?P<n5>{_SCORE_NUM})\b{_NOT_UNIT}"
)


def pain_scores(text: str) -> list[tuple[float, int, int]]:
    """Pain scores out of 10 in ``text``: (score, start, end); a range gives its top."""
    scores = []
    for m in _SCORE.finditer(text):
        values = [m.group(k) for k in ("n", "n2", "n3", "n4", "n5") if m.group(k)]
        score = max(_number(v) for v in values)
        if 0 <= score <= 10:
            scores.append((score, m.start(), m.end()))
    return scores
