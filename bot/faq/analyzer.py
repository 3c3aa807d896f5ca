"""Text to search terms: the one folding applied to documents, FAQ entries and questions.

Lower-case words, a light suffix stemmer, then lay synonyms folded onto one concept term
("pink", "reddish", "redness" -> ``redness``). Filler words are dropped from content terms. The
same function runs on both sides of a match, so the stemmer only needs to be consistent, not
linguistically exact.
"""

from __future__ import annotations

import re
from functools import lru_cache

from content.lexicon import Synonyms, load_synonyms

_WORD = re.compile(r"[a-z0-9]+")
_APOSTROPHE = re.compile(r"(\w)['’‘](\w)")
_VOWELS = frozenset("aeiouy")

# What kind of thing is asked. Topic words alone cannot tell "how many sessions" from "how long
# is a session" or "when will I see results" from "do results last"; these markers can. They
# only compare a question with an entry's phrasings, never with the documents.
INTENTS: dict[str, re.Pattern[str]] = {
    "?count": re.compile(r"\bhow many\b(?! (?:weeks|months|days|minutes|hours))|\bnumber of\b"),
    "?duration": re.compile(r"\bhow long\b|\bduration\b|\bhow much time\b"),
    "?when": re.compile(
        r"\bwhen\b|\bhow soon\b|\bhow quickly\b|\buntil\b|\bstraight away\b|"
        r"\bhow long (?:before|until|till|til)\b"
    ),
    "?often": re.compile(
        r"\bhow (?:often|frequently|regularly)\b|\bbetween\b|\bapart\b|\bwait\b|"
        r"\bhow many (?:weeks|months|days)\b|"
        r"\bnext (?:session|treatment|microneedling|appointment|round|one)\b"
    ),
    "?why": re.compile(r"\bwhy\b"),
    "?who": re.compile(r"\bwho\b"),
    "?where": re.compile(r"\bwhere\b|\b(?:which|what) (?:areas?|parts?|body parts?)\b"),
    "?what": re.compile(r"\bwhat(?:s| is| are| does\b.* mean)\b|\bexplain\b|\btell me about\b"),
    "?works": re.compile(
        r"\b(?:how|why) (?:does|do|did) (?:\w+ ){0,3}work|"
        r"\bwhat (?:does|do|will) (?!i\b|we\b)(?:\w+ ){0,3}do\b"
    ),
    "?done": re.compile(
        r"\bhow (?:is|are|will) (?:\w+ ){0,3}(?:done|performed|carried out)\b|\bwhat happens\b|"
        r"\binvolve|\bwhat to expect\b"
    ),
    "?for": re.compile(
        r"\b(?:good|used|use) for\b|\bhelp with\b|\bwork (?:on|for)\b|"
        r"\bwhat (?:can|does|will) (?:\w+ ){0,2}(?:treat|fix|help)\b|\b(?:fix|fixes|cure|cures)\b"
    ),
    "?during": re.compile(r"\bduring\b|\bwhile (?:it|you|they)\b|\bin the chair\b"),
}


# British and American spellings meet on one form before the suffixes go: sanitised and
# sanitized, colour and color, anaesthetic and anesthetic, millimetre and millimeter. Both
# sides of a match are folded alike, so the form chosen only has to be consistent.
_SPELLINGS = (
    (re.compile(r"(?<=[a-z]{3})is(?=(?:e|ed|es|er|ers|ing|ation|ations)$)"), "iz"),
    (re.compile(r"(?<=[a-z]{3})our(?=(?:s|ed|ing|ation|ations|ite|ites|ful|less)?$)"), "or"),
    (re.compile(r"(?<=[a-z])ae(?=[a-z])"), "e"),
    (re.compile(r"(?<=[a-z]{2})tre(?=s?$)"), "ter"),
)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A small, predictable suffix stripper (plurals, -ing, -ed, -ness, -ment, -ation, -ate,
    -ly, final e), after folding British spellings onto American ones."""
    w = word
    if len(w) <= 3 or not w.isalpha():
        return w
    for pattern, replacement in _SPELLINGS:
        w = pattern.sub(replacement, w)
    singular = w[:-1] if w.endswith("ations") else w
    if singular.endswith("ation") and len(singular) > 8:
        return singular[:-5]  # combination -> combin, exfoliation -> exfoli
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("ness") and len(w) > 6:
        w = w[:-4]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for suffix in ("ing", "ed"):
        base = w[: -len(suffix)]
        if w.endswith(suffix) and len(base) >= 3 and _VOWELS.intersection(base):
            w = base
            if len(w) >= 4 and w[-1] == w[-2] and w[-1] not in "lsz":
                w = w[:-1]
            break
    if w.endswith(("ate", "at")) and len(w) > 6:
        w = w[: -3 if w.endswith("ate") else -2]  # exfoliate(d) -> exfoli, stimulating -> stimul
    if w.endswith("ment") and len(w) > 7:
        w = w[:-4]
    if w.endswith("ly") and len(w) > 5:
        w = w[:-2]
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]
    return w


# British "swollen round my jaw" means around, not a round of sessions: "round" straight before
# a determiner or possessive is the preposition ("another round a month later" stays a round).
_ROUND_AS_AROUND = frozenset(
    {"my", "the", "your", "his", "her", "their", "our", "this", "that", "these", "those", "here"}
)


def words(text: str) -> list[str]:
    text = _APOSTROPHE.sub(r"\1\2", text.lower())
    return _WORD.findall(text.replace("é", "e"))


class Analyzer:
    """Folds text into terms. Built once from the synonym lists."""

    def __init__(self, synonyms: Synonyms | None = None):
        synonyms = synonyms or load_synonyms()
        # first stem -> [(stem sequence, concept)], longest sequence first
        self._phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for concept, variants in synonyms.groups.items():
            for variant in (concept, *variants):
                seq = tuple(stem(w) for w in words(variant))
                if seq:
                    self._phrases.setdefault(seq[0], []).append((seq, concept))
        for options in self._phrases.values():
            options.sort(key=lambda option: -len(option[0]))
        self._concepts = frozenset(synonyms.groups)
        self.filler = frozenset(stem(w) for f in synonyms.filler for w in words(f))
        self._respell = {short: plain.split() for short, plain in synonyms.respell.items()}
        # Quotes and clauses are folded again for every question they might answer.
        self._folded = lru_cache(maxsize=8192)(self._fold)

    def words(self, text: str) -> list[str]:
        """The words of ``text`` with chat spellings written out ("hw" -> "how")."""
        out: list[str] = []
        for word in words(text):
            out.extend(self._respell.get(word, (word,)))
        for i, word in enumerate(out[:-1]):
            if word == "round" and out[i + 1] in _ROUND_AS_AROUND:
                out[i] = "around"
        return out

    def adverb_stems(self, text: str) -> frozenset[str]:
        """Stems of the -ly words in ``text`` ("eventually" -> "eventual"): they say how or
        when, never what, so an adverb is no evidence against a match."""
        return frozenset(stem(w) for w in self.words(text) if len(w) >= 6 and w.endswith("ly"))

    def terms(self, text: str) -> list[str]:
        """Every term of ``text`` in order, synonyms folded, filler kept."""
        stems = [stem(w) for w in self.words(text)]
        out: list[str] = []
        i = 0
        while i < len(stems):
            for seq, concept in self._phrases.get(stems[i], ()):
                if tuple(stems[i : i + len(seq)]) == seq:
                    out.append(concept)
                    i += len(seq)
                    break
            else:
                out.append(stems[i])
                i += 1
        return out

    def content_terms(self, text: str) -> list[str]:
        """Terms that carry a topic: filler dropped (a folded concept is never filler)."""
        return list(self._folded(text))

    def _fold(self, text: str) -> tuple[str, ...]:
        return tuple(
            t
            for t in self.terms(text)
            if t in self._concepts or not (t in self.filler or t.isdigit())
        )

    def is_concept(self, term: str) -> bool:
        """True for a term that names a group of synonyms ("redness"), not a stemmed word."""
        return term in self._concepts

    def unique_content_terms(self, text: str) -> list[str]:
        return list(dict.fromkeys(self.content_terms(text)))

    def intents(self, text: str) -> frozenset[str]:
        plain = " ".join(self.words(text))
        return frozenset(name for name, pattern in INTENTS.items() if pattern.search(plain))
