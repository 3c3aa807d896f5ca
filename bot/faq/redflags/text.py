"""One normal form for a patient's message, split into sentences, for the red-flag rules.

Lower case; curly apostrophes folded and dropped inside words ("can't" reads "cant"); chat
spellings read as words ("u r" is "you are", "2moro" is "tomorrow"); emoji, brackets and
dashes become commas (a pause, not the end of a sentence); "-ish" stays on its word
("yellow-ish" is "yellowish"), other hyphens become spaces ("hot-looking" is "hot looking").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'"})
# Chat spellings and contractions, one word each; only whole words are replaced.
_RESPELL = {
    "u": "you", "ur": "your", "r": "are", "n": "and", "b": "be", "w": "with", "v": "very",
    "2moro": "tomorrow", "2morrow": "tomorrow", "tmrw": "tomorrow", "tmr": "tomorrow",
    "tomoz": "tomorrow", "2day": "today", "2nite": "tonight", "tonite": "tonight",
    "coz": "because", "cos": "because", "cuz": "because", "bc": "because", "bcos": "because",
    "rly": "really", "abt": "about", "wk": "week", "wks": "weeks", "hr": "hour", "hrs": "hours",
    "lil": "little", "prolly": "probably", "dunno": "dont know", "idk": "i dont know",
    "pls": "please", "plz": "please", "ppl": "people", "wat": "what", "wot": "what",
    "shud": "should", "cud": "could", "wud": "would", "gonna": "going to", "yr": "your",
    "thru": "through", "nite": "night", "bout": "about", "sth": "something", "smth": "something",
    "dont": "dont", "abit": "a bit", "alot": "a lot",
}  # fmt: skip
_WORD = re.compile(r"[a-z0-9]+")
_SYMBOL = re.compile(r"[^\w\s.,!?;:'/%°+&-]")
_SENTENCE_END = re.compile(r"(?<!\d)\.(?!\d)|\.(?=\s|$)|[!?;\n]+|\.{2,}")


@dataclass(frozen=True)
class Sentence:
    """One sentence of a message, in normal form; ``asks`` when it ended with a question mark."""

    text: str
    asks: bool
    index: int  # position of the sentence in its message, from 0


def normalize_message(text: str) -> str:
    """The message in normal form, on one line (sentence marks kept)."""
    text = text.lower().translate(_APOSTROPHES)
    text = re.sub(r"(\w)'(\w)", r"\1\2", text).replace("'", " ")
    text = text.replace("—", ",").replace("–", ",").replace("&", " and ")
    text = re.sub(r"(\w)-ish\b", r"\1ish", text)
    text = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", text)
    text = re.sub(r"\s-+\s", " , ", text)
    text = _SYMBOL.sub(" , ", text.replace("_", " "))
    text = re.sub(r"([a-z])\1{2,}", r"\1\1", text)  # "sooo" is "soo", "feverrr" is "feverr"
    text = _WORD.sub(lambda m: _RESPELL.get(m.group(0), m.group(0)), text)
    text = re.sub(r"\s*,[\s,]*", ", ", text)
    text = re.sub(r"^[\s,]+|[\s,]+$", "", text)
    return re.sub(r"[^\S\n]+", " ", text).strip()


def sentences(text: str) -> list[Sentence]:
    """The sentences of a raw message, each normalized; empty ones dropped."""
    out: list[Sentence] = []
    rest = normalize_message(text.replace("\r", "\n").replace("\n", " .\n "))
    position = 0
    for match in _SENTENCE_END.finditer(rest):
        piece = rest[position : match.start()]
        position = match.end()
        _add(out, piece, "?" in match.group(0))
    _add(out, rest[position:], False)
    return out


def _add(out: list[Sentence], piece: str, asks: bool) -> None:
    piece = re.sub(r"^[\s,.]+|[\s,.]+$", "", piece)
    if piece and _WORD.search(piece):
        out.append(Sentence(piece, asks, len(out)))
    elif asks and out and not out[-1].asks:
        # "blisters ?? 😳" — a lone mark belongs to the words before it.
        out[-1] = Sentence(out[-1].text, True, out[-1].index)


# Where one clause ends and the next begins, inside a sentence.
HARD_BREAK = re.compile(
    r"[.;:!?]|\b(?:but|though|tho|although|however|except|yet|whereas|apart from|other than|"
    r"instead|now|anyway|then)\b"
)
SOFT_BREAK = re.compile(r",|/|\b(?:and|or|nor|plus)\b")


def clause_start(text: str, position: int, *, soft: bool = True) -> int:
    """Where the clause holding ``position`` begins: after the last break before it."""
    pattern = _ANY_BREAK if soft else HARD_BREAK
    return max((m.end() for m in pattern.finditer(text, 0, position)), default=0)


def clause_end(text: str, position: int, *, soft: bool = True) -> int:
    """Where the clause holding ``position`` ends: at the next break after it."""
    pattern = _ANY_BREAK if soft else HARD_BREAK
    found = pattern.search(text, position)
    return found.start() if found else len(text)


_ANY_BREAK = re.compile(f"{HARD_BREAK.pattern}|{SOFT_BREAK.pattern}")
