"""A patient's words cut to fit a staff alert, around the sentence that raised the flag.

Telegram refuses a message over 4,096 characters (a photo caption over 1,024), counted in
UTF-16 code units, and an alert it refuses reaches nobody. So an alert never carries more than
fits: the sentence holding the red flag's words is kept whole, with as many sentences around it
as fit, and "…" where words were left out. Without a flag the message's start is kept.
"""

from __future__ import annotations

import re

ELLIPSIS = "…"
# A sentence ends at . ! ? (or a run of them) not followed by a letter or digit ("38.5"), or at
# a line break; the spaces after it belong to it, so the sentences put together are the text.
_SENTENCE = re.compile(r"(?:[^.!?\n]|[.!?]+(?=\S))*(?:[.!?]+|\n)?\s*")
_APOSTROPHES = re.compile(r"['’‘]")
_WORD = re.compile(r"\w+")


def length(text: str) -> int:
    """Telegram's length of `text`: UTF-16 code units (an emoji counts two)."""
    return len(text.encode("utf-16-le")) // 2


def fit(text: str, budget: int, focus: str | None = None) -> str:
    """`text` itself when it fits in `budget` (Telegram length), else an excerpt that does.

    `focus`: the words that raised a red flag, as `bot.faq.redflags.RedFlag.matched` gives them
    (lower-cased; two parts joined by " … " for a symptom and how long it lasted). Their
    sentence is kept whole whenever it fits on its own; if even that sentence is too long, the
    words around the flag are. Raises ValueError for a budget too small for any excerpt.
    """
    if budget < 10:
        raise ValueError("an excerpt needs a budget of at least 10 characters")
    if length(text) <= budget:
        return text
    spans = [m.group(0) for m in _SENTENCE.finditer(text) if m.group(0)]
    at = _sentence_of(spans, focus)
    if length(spans[at].strip()) + 2 > budget:
        return _window(spans[at].strip(), budget, focus)
    left = right = at
    used = length(spans[at]) + 2  # room for an ellipsis on each side
    while True:
        grown = False
        for side in (right + 1, left - 1):
            if 0 <= side < len(spans) and used + length(spans[side]) <= budget:
                used += length(spans[side])
                left, right = min(left, side), max(right, side)
                grown = True
        if not grown:
            break
    body = "".join(spans[left : right + 1]).strip()
    before = ELLIPSIS if left > 0 else ""
    after = ELLIPSIS if right < len(spans) - 1 else ""
    return f"{before}{body}{after}"


def _fold(text: str) -> str:
    """Words only, lower-cased, apostrophes dropped: how the flag's words are found again."""
    return " ".join(_WORD.findall(_APOSTROPHES.sub("", text.lower())))


def _sentence_of(spans: list[str], focus: str | None) -> int:
    """The index of the sentence holding the flag's (first) words; 0 when not found."""
    wanted = _fold(focus.split(ELLIPSIS)[0]) if focus else ""
    if not wanted:
        return 0
    for index, span in enumerate(spans):
        if wanted in _fold(span):
            return index
    # Words across a sentence break: the sentence where they start.
    for index in range(len(spans) - 1):
        if wanted in _fold(spans[index] + " " + spans[index + 1]):
            return index
    return 0


def _window(sentence: str, budget: int, focus: str | None) -> str:
    """Part of one over-long sentence, centred on the flag's first word."""
    words = _fold(focus.split(ELLIPSIS)[0]).split() if focus else []
    found = re.search(re.escape(words[0]), sentence, re.IGNORECASE) if words else None
    room = budget - 2
    start = max(0, (found.start() if found else 0) - room // 3)
    piece = _prefix(sentence[start:], room)
    before = ELLIPSIS if start > 0 else ""
    after = ELLIPSIS if start + len(piece) < len(sentence) else ""
    return f"{before}{piece}{after}"


def _prefix(text: str, units: int) -> str:
    """The longest start of `text` of at most `units` UTF-16 code units."""
    used = 0
    for index, char in enumerate(text):
        used += 2 if ord(char) > 0xFFFF else 1
        if used > units:
            return text[:index]
    return text
