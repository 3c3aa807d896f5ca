"""A patient's message in parts: its questions, and the statements around them.

Patients write several things at once ("how long will I be red, and can I go to the gym?"), wrap
a question in chat ("sorry for all the questions lol but ...") or tell the story first ("had my
first session this morning and I look like a tomato 🍅 how long till it calms down?"). The
engine answers each question on its own and reads the statements only as context, so neither
a second topic nor the backstory can cancel the answer to the first.

Splitting is by sentence (punctuation, line breaks, emoji), then inside a sentence where a
conjunction or comma starts a new question ("..., and can I ...", "... but how many ...").
Nothing here decides what is urgent or answerable: that is `redflags` and `ranking`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# An interrogative or an auxiliary that opens a question. Auxiliaries count only before a
# subject ("and does it hurt"), not before a predicate ("red and is swollen").
_WH = r"(?:how|hows|hw|what|whats|wat|wats|wot|wots|when|whens|wen|why|whys|where|who|which)"
_AUX = (
    r"(?:can|cant|could|is|isnt|are|arent|do|does|doesnt|dont|did|will|would|wud|should|shud|"
    r"shall|may|might|am|has|have|was|were|r)"
)
_SUBJECT = (
    r"(?:i|im|it|its|u|you|ya|my|the|this|that|these|those|there|theres|we|they|he|she|"
    r"microneedling|needling|a|an|any|one|someone|people|ppl)"
)
_STARTER = rf"(?:{_WH}\b|{_AUX}\s+{_SUBJECT}\b|{_AUX}n't\s+{_SUBJECT}\b)"
# Words that may stand before a question without being part of it.
_LEAD = r"(?:(?:so|and|also|but|or|plus|ok|okay|oh|um|hmm|well|like|just|lol|omg|btw|and also)\s+)*"
_QUESTION_START = re.compile(rf"^\W*{_LEAD}{_STARTER}", re.IGNORECASE)
_ASKING = re.compile(
    r"\b(?:wondering|want to know|wanna know|need to know|any idea|not sure (?:if|whether)|"
    r"tell me|let me know)\b",
    re.IGNORECASE,
)
# "that/this" as the subject of a clause points back at the clause before it
# ("can I have a drink or will that slow the healing"): the two are one question.
_ANAPHOR = re.compile(
    rf"^\W*{_LEAD}(?:{_AUX}\s+(?:that|this|those|these)\b|(?:that|this)(?:'s|s)?\b)",
    re.IGNORECASE,
)

# Sentence ends: punctuation, line breaks, and emoji (a phone's full stop).
_EMOJI = "\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe0f\u200d"
_CHAT_END = "|".join(rf"(?<=\b{w})\s+" for w in ("lol", "lmao", "haha", "tbh", "omg", "xx"))
_SENTENCE_END = re.compile(rf"(?<=[.?!])\s+|[?!]+(?=\S)|\n+|\s*[{_EMOJI}]+\s*|{_CHAT_END}")
# Inside a sentence, a new question after a conjunction or comma.
_CONJUNCTION = r"(?:and|but|or|also|plus|so|n)"
_CLAUSE = re.compile(
    rf"\s*[,;:\u2014\u2013]\s*(?=(?:{_CONJUNCTION}\s+)?{_STARTER})|"
    rf"\s+(?={_CONJUNCTION}\s+{_STARTER})|\s+-\s+(?={_STARTER})",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Part:
    """One piece of a message. ``question`` is False for a statement (story, chat)."""

    text: str
    question: bool
    about: str = ""  # what "it" stands for when the part names no topic ("the treatment")


def _is_question(text: str, ended_with_mark: bool) -> bool:
    return ended_with_mark or bool(_QUESTION_START.match(text) or _ASKING.search(text))


def _sentences(text: str) -> list[tuple[str, bool]]:
    """(sentence, ended with a question mark) in order; empty pieces dropped."""
    out: list[tuple[str, bool]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        piece = text[start : match.start()] + match.group(0)
        start = match.end()
        out.append((piece.strip(), "?" in piece))
    out.append((text[start:].strip(), "?" in text[start:]))
    return [(s, asked) for s, asked in out if re.search(r"\w", s)]


def _clauses(sentence: str) -> list[str]:
    """A sentence cut where a new question starts; the first piece may be a statement."""
    pieces, start = [], 0
    for match in _CLAUSE.finditer(sentence):
        if match.start() <= start:
            continue
        pieces.append(sentence[start : match.start()])
        start = match.end()
    pieces.append(sentence[start:])
    return [p.strip(" ,;:") for p in pieces if re.search(r"\w", p)]


def split(text: str) -> list[Part]:
    """The parts of a message, in order. A clause that points back ("will that ...") stays
    with the clause before it. A message with no question at all is one question part."""
    parts: list[Part] = []
    for sentence, asked in _sentences(text.replace("’", "'").replace("‘", "'")):
        clauses = _clauses(sentence)
        for i, clause in enumerate(clauses):
            mark = asked and i == len(clauses) - 1
            question = _is_question(clause, mark)
            if i > 0 and _ANAPHOR.match(clause):
                previous = parts.pop()
                parts.append(Part(f"{previous.text} {clause}", previous.question or question))
                continue
            parts.append(Part(clause, question))
    if not any(p.question for p in parts):
        whole = " ".join(p.text for p in parts).strip()
        return [Part(whole, True)] if whole else []
    return parts


_LEADING_WORDS = re.compile(rf"^\W*(?:{_CONJUNCTION}\b\W*)+", re.IGNORECASE)


def quoted_back(text: str) -> str:
    """A part as the reply quotes it back: without a leading "and"/"also" or end marks."""
    return _LEADING_WORDS.sub("", text).strip().rstrip("?!.,;: ").strip() or text.strip()
