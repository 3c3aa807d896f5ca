"""Red flags: symptoms that must reach the clinic now, checked before any search runs.

The rules are data: one list of patterns per category, searched in the lower-cased message.
A plain negation just before a symptom ("no fever", "not feverish", "without any pus") clears
that one mention; anything else that matches still escalates ("no fever but pus"). When a
message is ambiguous the rules err towards escalating: a false alarm costs a phone call, a
missed infection costs far more.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Categories whose reply also tells the patient to call emergency services.
EMERGENCY_CATEGORIES = frozenset({"allergic", "breathing"})


@dataclass(frozen=True)
class RedFlag:
    category: str  # infection | allergic | breathing | bleeding | blisters | prolonged
    matched: str  # the words that matched, for staff and logs of tests (not for patient logs)

    @property
    def emergency(self) -> bool:
        return self.category in EMERGENCY_CATEGORIES


@dataclass(frozen=True)
class _Rule:
    category: str
    pattern: re.Pattern[str]
    # A match within this many characters after one of these is a question about the topic,
    # not a symptom ("what is the risk of infection").
    not_after: re.Pattern[str] | None = None
    # A match with one of these in the same clause is mild or unrelated ("pinpoint bleeding").
    not_near: re.Pattern[str] | None = None
    # False where the pattern itself holds a negative word ("won't stop", "can't breathe").
    negation_inside: bool = True


def _rules(
    category: str,
    *patterns: str,
    not_after: str = "",
    not_near: str = "",
    negation_inside: bool = True,
) -> list[_Rule]:
    return [
        _Rule(
            category,
            re.compile(p),
            re.compile(not_after) if not_after else None,
            re.compile(not_near) if not_near else None,
            negation_inside,
        )
        for p in patterns
    ]


_SWELL = r"(?:swell\w*|swoll[eo]n|swolen|sweling|puff\w*|bloat\w*)"
_FACE_OPENINGS = r"(?:lips?|eyes?|eyelids?|tongue|throat|mouth)"
_PAIN = r"(?:pain\w*|sore\w*|hurt\w*|ache|aches|aching|achy|throb\w*|tender\w*|sting\w*)"
_WORSE = r"(?:worse|worsening|increasing|more and more|bigger|spreading|spread)"
_REDNESS = r"(?:red|redness|reddish|pink\w*|rash)"
_CLAUSE = r"[^.?!,;]"

# Order matters only for which category a message with several flags reports: the ones whose
# reply adds the emergency-services line come first.
RULES: list[_Rule] = [
    *_rules(
        "breathing",
        r"\b(?:cant|cannot|can not|not able|hard|harder|difficult\w*|trouble|struggl\w*|unable|"
        r"problems?|issues?|hardly)\b[^.?!]{0,15}\bbr[ea]+th\w*",
        r"\bshort\w*\s+of\s+br[ea]+th\w*",
        r"\bbreathless\w*",
        r"\bwheez\w*",
        r"\bbr[ea]+th\w*\s+(?:is\s+|feels\s+)?(?:hard|difficult|tight|funny|weird|heavy)\b",
        r"\bchoking\b",
        r"\btight\w*\s+(?:in\s+)?(?:my\s+)?(?:chest|throat)\b",
        negation_inside=False,
    ),
    *_rules(
        "allergic",
        rf"\b{_FACE_OPENINGS}\b{_CLAUSE}{{0,25}}\b(?:{_SWELL}|tight\w*|clos\w*|shut)",
        rf"\b{_SWELL}{_CLAUSE}{{0,12}}\b{_FACE_OPENINGS}\b",
        r"\bhives\b",
        r"\bwelts?\b",
        r"\brash\w*",
        r"\ballerg\w*",
        r"\banaphyla\w*",
        r"\bepipen\b",
    ),
    *_rules(
        "bleeding",
        r"\b(?:bleed\w*|bled|blood\w*)\b[^.?!]{0,40}\b(?:wont|not|doesnt|isnt|hasnt|cant)\s+"
        r"(?:\w+\s+)?stop\w*",
        r"\b(?:wont|not|doesnt|isnt|hasnt|cant)\s+stop\w*\s+(?:the\s+)?(?:bleed\w*|blood)",
        r"\b(?:keeps?|still|heavy|heavily|lots of|a lot|loads|constant\w*|pouring|gushing|dripping)"
        r"\b[^.?!]{0,15}\b(?:bleed\w*|blood)\b",
        r"\b(?:bleed\w*|bled)\b[^.?!]{0,15}\b(?:a lot|heavily|loads|constantly|everywhere)\b",
        negation_inside=False,
    ),
    *_rules(
        "bleeding",
        r"\bbleed\w*",
        r"\bblood\b",
        not_near=r"\b(?:pinpoint|tiny|little|slight\w*|bit of|spots? of|few spots|during|speck)\b|"
        r"\bblood\s+(?:flow|circulation|supply|vessels?|cells?|thinners?|tests?|pressure|sugar)\b",
    ),
    *_rules(
        "infection",
        r"\bpus+\b",
        r"\booz\w*",
        r"\bweep\w*",
        r"\bdischarge\w*",
        r"\b(?:yellow|green)\w*\s+(?:fluid|liquid|stuff|gunk|goo|gloop|crust\w*|bits|head\w*)",
        r"\babscess\w*",
        r"\bsmell\w*\s+(?:bad|funny|off|weird|horrible)",
        r"\bf(?:e+|ea)v[eao]*r\w*",  # fever, feaver, fevr, feverish
        r"\b(?:high|a|running|got|have|had|raised|with)\s+(?:a\s+)?(?:temp|temperature)\b",
        r"\btemp(?:erature)?\b[^.?!]{0,20}\b(?:3[89]|4[01]|10[0-5])\b",
        r"\b(?:3[89]|4[01])(?:[.,]\d)?\s*(?:c|°c|°|degrees)\b",
        r"\bchills\b",
        r"\bfeel\w*\s+(?:cold\s+and\s+)?chilly\b",
        r"\bshiver\w*",
        r"\bshak(?:ing|y)\b",
        r"\brigou?rs\b",
        r"\bhot and cold\b",
        r"\bcold sweats?\b",
        r"\bflu[- ]?like\b",
        r"\bfeel\w*\s+(?:really\s+|very\s+|so\s+)?(?:unwell|ill|sick|poorly|rough|faint|dizzy)\b",
        rf"\b(?:{_REDNESS}|swell\w*|swollen|it|its|area|patch\w*|bumps?|spots?|infection)\b"
        rf"{_CLAUSE}{{0,25}}\bspread\w*",
        r"\bspreading\b(?!\s+(?:the\s+|some\s+)?(?:serum|cream|product|moisturi\w+|it|on|out))",
        r"\bstreak\w*",
        r"\b(?:hot|warm)\s+to\s+(?:the\s+)?touch\b",
        rf"\b(?:red\w*|swell\w*|swollen|skin|face|area|cheeks?|spots?|bump\w*)\b{_CLAUSE}{{0,25}}"
        r"\b(?:hot|warm)\b",
        rf"\b(?:hot|warm)\b{_CLAUSE}{{0,15}}\b(?:red\w*|swell\w*|swollen)\b",
        # A list of signs ("hot, swollen and throbbing", "red, swollen and hot") is one clause.
        rf"\b(?:hot|warm)\s*,\s*(?:and\s+)?(?:red\w*|{_SWELL}|throb\w*)",
        rf"\b(?:red\w*|{_SWELL}|throb\w*)\s*,\s*(?:\w+\s*,?\s*)?(?:and\s+)?(?:hot|warm)\b",
        rf"\bthrob\w*[^.?!]{{0,25}}\b(?:hot|warm|swollen|swell\w*|{_SWELL})",
        rf"\b(?:hot|warm|{_SWELL})[^.?!]{{0,25}}\bthrob\w*",
        rf"\b{_PAIN}{_CLAUSE}{{0,30}}\b{_WORSE}\b",
        rf"\b{_PAIN}\s+(?:even\s+|a\s+lot\s+|much\s+|way\s+)?more\b",
        rf"\b(?:worse|worsening|increasing|more)\s+(?:and\s+more\s+)?{_PAIN}",
        rf"\b(?:severe|unbearable|excruciating|agony|agoni[sz]ing|extreme|intense)\b{_CLAUSE}{{0,15}}"
        rf"(?:{_PAIN}|burn\w*)",
        rf"\b{_SWELL}{_CLAUSE}{{0,30}}\b(?:{_WORSE}|more)\b",
        rf"\b(?:more|increasingly|worse)\s+{_SWELL}",
        rf"\b{_REDNESS}{_CLAUSE}{{0,30}}\b(?:{_WORSE}|darker)\b",
        r"\binfect\w*",
        r"\bcellulitis\b",
        r"\bsepsis\b",
        not_after=r"(?:risks?|chances?|likel\w*|prevent\w*|avoid\w*|reduc\w*|lower\w*|minimi[sz]\w*|"
        r"protect\w*|sanitiz\w*|steril\w*|cause|causes|get|gets|lead to|leads to|"
        r"(?:give|gives)\s+(?:you|people|someone|anyone))\s+(?:of\s+|an\s+|from\s+|against\s+)?"
        r"(?:an\s+|getting\s+|any\s+)?$",
    ),
    *_rules(
        "blisters",
        r"\bbl?il?st[ae]?r\w*",
        r"\bcrust\w*",
        r"\bscab\w*",
    ),
]

# Redness or burning (or swelling) that lasts beyond about a week: the guide says a few days.
_LASTING_SYMPTOM = re.compile(
    r"\b(?:red\w*|pink\w*|burn\w*|sting\w*|swell\w*|swollen|puffy|sore\w*|rash\w*|irritat\w*|"
    r"inflam\w*|raw|tender\w*|(?:hasnt|havent|not|isnt)\s+(?:gone|healed|improv\w*|settled|"
    r"calmed|cleared|(?:getting\s+)?better)|no better|still there)"
)
_NUMBER_WORDS = {
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "twenty": 20, "thirty": 30,
}  # fmt: skip
_LONG_SPAN = re.compile(
    r"\b(?:(?:a|one|1|over a|more than a|about a|almost a|nearly a|full)\s+weeks?|"
    r"(?:\d+|two|three|four|five|six|several|few|couple of|couple)\s+weeks|weeks|fortnight|"
    r"(?:a|one|\d+)\s+months?|months|since last week|last week|all week|week later|"
    r"a week ago|week on)\b"
)
_DAYS = re.compile(r"\b(\d+)\s*d(?:ays?)?\b|\b([a-z]+)\s+days?\b")

_NEGATORS = re.compile(
    r"\b(?:no|not|without|never|dont|doesnt|didnt|havent|hasnt|hadnt|isnt|arent|wasnt|werent|"
    r"none|zero|nothing|free of|nor|neither)\b"
)
_BOUNDARY = re.compile(r"[.;:!?,]|\b(?:but|though|although|however|except|yet|and)\b")
# "doesn't stop", "won't stop" describe the symptom going on; they do not negate it.
_NOT_STOPPING = re.compile(
    r"\b(?:not|doesnt|dont|cant|wont|isnt|hasnt|havent)\s+(?:\w+\s+)?stop\w*"
)
_RESOLVED_AFTER = re.compile(
    r"^\W*(?:\w+\s+){0,2}?(?:has\s+|have\s+|is\s+|has now\s+)?(?:stopped|gone|went away|settled|"
    r"cleared|disappeared|calmed down)\b"
)
_NOT_YET = re.compile(r"\b(?:not|never|no|hasnt|havent|hadnt|isnt|wont|didnt|doesnt|dont)\b")
_NEGATION_SCOPE_WORDS = 4


def normalize_message(text: str) -> str:
    """Lower-case, fold typographic apostrophes and drop them, so "can't" reads "cant"."""
    text = text.lower().replace("’", "'").replace("‘", "'")
    text = re.sub(r"(\w)'(\w)", r"\1\2", text)
    return " ".join(text.split())


def _negated(text: str, start: int, end: int, *, inside: bool = True) -> bool:
    """True when a negator stands shortly before ``start`` with no clause break in between,
    or inside the match itself ("redness is not spreading"), or the symptom is said to have
    stopped right after it ("the bleeding has stopped")."""
    before = text[max(0, start - 60) : start]
    cut = list(_BOUNDARY.finditer(before))
    if cut:
        before = before[cut[-1].end() :]
    words = _NOT_STOPPING.sub(" ", before).split()
    window = " ".join(words[-(_NEGATION_SCOPE_WORDS + 1) :])
    if _NEGATORS.search(window):
        return True
    span = text[start:end]
    if inside and _NEGATORS.search(span) and not _BOUNDARY.search(span):
        return True
    resolved = _RESOLVED_AFTER.search(text[end : end + 30])
    return bool(resolved) and not _NOT_YET.search(resolved.group(0))


def _clause_around(text: str, start: int, end: int) -> str:
    left = max((m.end() for m in re.finditer(r"[.?!;]", text[:start])), default=0)
    right = re.search(r"[.?!;]", text[end:])
    return text[left : end + right.start() if right else len(text)]


def _lasting(text: str) -> RedFlag | None:
    symptom = next(
        (
            m
            for m in _LASTING_SYMPTOM.finditer(text)
            if not _negated(text, m.start(), m.end(), inside=False)
        ),
        None,
    )
    if symptom is None:
        return None
    span = _LONG_SPAN.search(text)
    if span:
        return RedFlag("prolonged", f"{symptom.group(0)} … {span.group(0)}")
    for days in _DAYS.finditer(text):
        word = days.group(1) or days.group(2)
        count = int(word) if word.isdigit() else _NUMBER_WORDS.get(word, 0)
        if count >= 7:
            return RedFlag("prolonged", f"{symptom.group(0)} … {days.group(0)}")
    return None


def check(text: str) -> RedFlag | None:
    """The first red flag in a patient's message, or None when there is none."""
    message = normalize_message(text)
    if not message:
        return None
    for rule in RULES:
        for match in rule.pattern.finditer(message):
            before = message[max(0, match.start() - 40) : match.start()]
            if rule.not_after and rule.not_after.search(before):
                continue
            if rule.not_near and rule.not_near.search(_clause_around(message, *match.span())):
                continue
            if _negated(message, match.start(), match.end(), inside=rule.negation_inside):
                continue
            return RedFlag(rule.category, match.group(0))
    return _lasting(message)
