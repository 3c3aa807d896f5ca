"""What a word before a symptom does to it: a negation clears it, a softener makes it mild.

A plain negation ("no fever", "not feverish", "without any pus", "no pus, swelling or oozing")
reaches forward over a short list of symptoms and stops at the next clause ("no fever, my
lips are puffy"). Words that look negative but are not negations are set aside first:
"nothing stops the oozing" (goes on), "never seen it this puffy" (stronger than ever), "no
question it's infected", "not only a slight temperature", "can't stop itching", "not sure if
it's infected" (unsure), "not getting better" (still there).
"""

from __future__ import annotations

import re
from functools import lru_cache

from bot.faq.redflags.text import HARD_BREAK, SOFT_BREAK
from bot.faq.redflags.words import SOFTENER

NEGATOR = re.compile(
    r"\b(?:no|not|without|never|dont|doesnt|didnt|havent|hasnt|hadnt|isnt|arent|wasnt|werent|"
    r"wont|wouldnt|shouldnt|aint|none|zero|nothing|nor|neither|free of|cant|cannot|couldnt|nil|"
    r"hardly any|barely any|"
    r"no sign of|no signs of|no more|not any)\b"
)
_PSEUDO = re.compile(
    # goes on: "won't stop", "nothing I put on it stops"
    r"\b(?:not|dont|doesnt|cant|wont|isnt|hasnt|havent|nothing|never)\s+(?:\w+\s+){0,4}?"
    r"stop\w*\b"
    # stronger than ever: "never seen it this puffy", "never had swelling like this"
    r"|\bnever\b(?=[^.,;!?]*\b(?:like (?:this|that|it)|this \w+|so \w+|as \w+ as|anything like)\b)"
    # affirmations
    r"|\bno (?:question|doubt)\b|\bnot (?:only|just)\b|\bno matter\b|\bnothing but\b"
    # a worry: "hope it's not infected"
    r"|\bhope(?:fully)?\s+(?:(?:it|its|this|that|thats|they|theyre|im|i am|she|shes|he|hes)\s+)?"
    r"(?:is\s+|are\s+|isnt|arent|not|wont|doesnt|dont)\b(?:\s+not\b)?"
    # unsure, which escalates rather than clears
    r"|\b(?:dont|do not|didnt) know\b|\bnot (?:sure|certain|100)\b|\bno idea\b|\bunsure\b"
    r"|\b(?:cant|cannot|can not|couldnt) (?:tell|work out|figure|decide|say)\b"
    # still there: "not getting better", "hasn't gone down", "won't settle", "not normal"
    r"|\b(?:not|no|isnt|hasnt|havent|arent|wont|doesnt|dont|never)\s+(?:\w+\s+){0,2}?"
    r"(?:better|improv\w*|gone|going|go|went|settl\w*|calm\w*|heal\w*|clear\w*|fad\w*|shift\w*|"
    r"budg\w*|subsid\w*|eas\w*|normal|right|down)\b"
    # a symptom that prevents something: "can't open my eye", "can't sleep for the pain"
    r"|\b(?:cant|cannot|can not|couldnt)\s+(?:even\s+)?(?:open|sleep|eat|swallow|breathe?|"
    r"talk|speak|move|bear|stand|take|cope|touch)\b"
)
# After a symptom: it is still there despite the negation before ("no fever, chills though").
_CONTRAST_AFTER = re.compile(r"^\W*(?:\w+\s+){0,2}?(?:though|tho|too|as well|also|however)\b")
# After a symptom: it has already ended ("the bleeding has stopped").
_RESOLVED_AFTER = re.compile(
    r"^\W*(?:(?!(?:after|before|until|since|when|it|i|she|he|they)\b)\w+\s+){0,2}?"
    r"(?:has\s+|have\s+|had\s+|is\s+|has now\s+|now\s+)?(?:stopped|gone|"
    r"went away|settled|cleared|disappeared|calmed down|eased|subsided|healed|dried up|finished)\b"
)
# Right before a symptom: it has ended ("stopped bleeding", "no longer swollen").
_ENDED_BEFORE = re.compile(r"\b(?:stopped|no longer|finished)\s+(?:\w+\s+)?$")
_ASKS_IF_ENDED = re.compile(r"^\W*(?:should|shouldnt|would|will|wont|when will|how long)\b")
_NOT_YET = re.compile(r"\b(?:not|never|no|hasnt|havent|hadnt|isnt|wont|didnt|doesnt|dont)\b")
# A piece of a list after a negation ("no pus, swelling or oozing") names things; a piece with
# a subject or a verb starts a new statement ("no fever, my lips are puffy").
_STATEMENT = re.compile(
    r"\b(?:i|im|ive|it|its|my|me|she|shes|he|hes|her|his|they|there|theres|this|that|these|"
    r"is|are|was|were|has|have|had|got|feel|feels|felt|look|looks|seem|seems|keep|keeps|still|"
    r"now|getting|gone|started|came|come)\b"
)
_SCOPE_WORDS = 6


@lru_cache(maxsize=256)
def mask_pseudo(text: str) -> str:
    """``text`` with look-alike negations blanked out (same length, positions kept)."""
    return _PSEUDO.sub(lambda m: " " * len(m.group(0)), text)


def negated(text: str, start: int, end: int, *, inside: bool = True) -> bool:
    """True when the words at ``text[start:end]`` are negated in their sentence ``text``."""
    masked = mask_pseudo(text)
    hard = max((m.end() for m in HARD_BREAK.finditer(masked, 0, start)), default=0)
    negators = list(NEGATOR.finditer(masked, hard, start))
    if (
        negators
        and _in_scope(masked[negators[-1].end() : start])
        and not _CONTRAST_AFTER.search(masked[end : end + 30])
    ):
        return True
    if _ENDED_BEFORE.search(masked[hard:start]):
        return True
    span = masked[start:end]
    if inside and NEGATOR.search(span) and not HARD_BREAK.search(span):
        return True
    resolved = _RESOLVED_AFTER.search(text[end : end + 40])
    if _ASKS_IF_ENDED.search(text[hard:start]):
        return False  # "should the bleeding have stopped by now?": it has not
    return bool(resolved) and not _NOT_YET.search(resolved.group(0))


def _in_scope(between: str) -> bool:
    if len(between.split()) > _SCOPE_WORDS:
        return False
    pieces = SOFT_BREAK.split(between)
    if len(pieces) == 1:
        return True
    # The first piece is the negation's own phrase ("don't have any fever"); every later one
    # is a list item or leads up to the symptom ("..., chills or pus").
    return all(len(p.split()) <= 3 and not _STATEMENT.search(p) for p in pieces[1:])


_SOFT_BEFORE = re.compile(rf"\b{SOFTENER}\s+(?:\w+\s+){{0,3}}$")
_SOFT_WORD = re.compile(r"^\w+ish\b|^\w+\s+looking\b")
_SOFT_AFTER = re.compile(
    r"^\w*\s+(?:up\s+)?(?:a (?:tiny |wee |little )?bit|slightly|a little|a touch|a tad|mildly)\b"
)


def softened(text: str, start: int, end: int) -> bool:
    """True when the symptom at ``text[start:end]`` is said to be mild: "a bit warm and
    puffy", "slightly swollen", "hot-ish", "hot-looking"."""
    if _SOFT_WORD.search(text[start:]) or _SOFT_AFTER.search(text[start:]):
        return True
    hard = max((m.end() for m in HARD_BREAK.finditer(text, 0, start)), default=0)
    before = text[hard:start]
    return bool(_SOFT_BEFORE.search(before))
