"""Is a symptom reported, asked about, or only named as a topic?

- A **report** says the patient (or someone they speak for) has it, had it, or may have it:
  "my lips are swelling", "is this infected??", "can't tell if it's infected", "blisters??".
- A **question** asks about it in general or in case it happens: "what are the signs of
  infection?", "is infection common after this?", "if I got a temperature next week, what
  would I do?", "will I get scabs?".
- A **topic** names it without asking about it as a symptom: "the risk of infection", "how do
  I prevent infection", "can a dirty roller give you an infection", "allergic to penicillin".

When the two cannot be told apart, it is a report: a false alarm costs a phone call.
"""

from __future__ import annotations

import re
from typing import Literal

from bot.faq.redflags.text import Sentence, clause_start

Frame = Literal["report", "question", "topic"]

# Before a symptom: it is a topic of risk, cause or prevention.
_TOPIC_BEFORE = re.compile(
    r"\b(?:risks?|chances?|likel\w*|prevent\w*|avoid\w*|reduc\w*|lower\w*|minimi[sz]\w*|"
    r"protect\w*|sanitiz\w*|steril\w*|cause|causes|lead to|leads to|"
    r"(?:you|u|people|someone|anyone|one|patients)\s+(?:get|gets|getting)|"
    r"(?:give|gives)\s+(?:you|u|people|someone|anyone|patients))\s+(?:of\s+|an\s+|from\s+|"
    r"against\s+|any\s+)?(?:an\s+|getting\s+|any\s+|a\s+|developing\s+)?$"
)
# "allergic to penicillin": an allergy the patient already knows, not a reaction now.
_KNOWN_ALLERGY = re.compile(
    r"^allergic to (?!(?:the|this|that|it|something|my|serum|cream|product|numbing|stuff|"
    r"whatever|what|them|these)\b)\w+"
)
# "if ...", "what if ...", "in case ...": up to the next comma, "then" or question word.
_HYPOTHETICAL = re.compile(
    r"\b(?:if|in case|incase|suppose|supposing|whenever|should i ever|lets say|say i|say my)\b"
)
_HYPOTHETICAL_END = re.compile(r",|\b(?:then|what|who|how|should|would|will|do i|can i)\b")
# Inside "if ...": it is the case now, so the patient may be reporting it.
_PRESENT = re.compile(
    r"\b(?:its|it is|this is|thats|that is|theres|there is|there are|im|i am|ive got|i have|"
    r"ive|is still|are still|still|now|already|currently|right now|at the moment|atm|"
    r"this|these)\b"
)
# A question asking for information rather than describing the patient's skin.
_INFO = re.compile(
    r"\b(?:signs?|symptoms?|warning|red flags?|look(?:ing)? (?:out )?for|watch(?:ing)? (?:out )?"
    r"for|common|commonly|rare|rarely|likely|likelihood|often|usual|usually|possible|chances?|"
    r"risks?|causes?|look like|how (?:do|would|can|will|could) (?:i|you|one) (?:know|tell|spot|"
    r"recogni[sz]e)|difference between|when (?:should|do|would|must) (?:i|you) (?:worry|call|"
    r"ring|contact|phone|be worried|be concerned|seek|get help)|what happens|how to (?:treat|"
    r"spot|recogni[sz]e)|types? of|kinds? of|is it true|heard)\b"
)
_ASKS = re.compile(
    r"^(?:\w+\s+){0,3}?(?:what|how|when|why|which|who|where|is|are|do|does|can|could|will|"
    r"would|should|shall|may|might)\b"
)
# "will I get scabs?", "can it get infected?", "do people get blisters?": about what may
# happen, or happens to people in general.
_GENERIC = re.compile(
    r"^(?:\w+\s+){0,2}?(?:(?:will|would|can|could|might|may|should|shall)\s+(?:i|you|people|"
    r"someone|anyone|one|it|this|that|they|my \w+|the \w+|microneedling|needling)|"
    r"(?:do|does)\s+(?:(?:many|most|some|a lot of|lots of)\s+)?(?:you|people|patients|anyone|"
    r"someone|everyone|microneedling|needling|the treatment|it|this treatment|clients)|"
    r"is it (?:possible|common|likely|usual|rare|true)|are there|is there|how (?:often|likely|"
    r"common))\b"
)
# Yet about the skin as it is now: "could it be infected?", "does it look infected?".
_NOW = re.compile(
    r"\b(?:(?:could|might|may|can|would)\s+(?:it|this|that|these|they|i|she|he)\s+be|"
    r"looks?|looking|seems?|feels?|sounds?|already|currently|right now|at the moment|today|"
    r"tonight|now|this morning|since|(?:this|that|so) (?:red|swollen|puffy|sore|painful|hot|bad|"
    r"angry|inflamed|itchy|raw))\b"
)
# In a question, about the patient's own skin: "my ...", "is this ...", "I think ...".
_OWN = re.compile(
    r"\b(?:(?:i|she|he|they|we)\s+(?:have|has|had|got|am|feel|felt|think|noticed|developed|"
    r"woke|keep|kept|still|now|seem)|ive|im|shes|hes|theyve|theyre|my|her|his|their|our|"
    r"mine|hers|this|these|thats|theres|there is|there are|there was|it is|its|it has|"
    r"it was|is it|has it|still|now|today|tonight|this morning|since|again|overnight|"
    r"think|reckon|suspect|worried|worry|scared|afraid|hope|looks?|seems?|might be|may be|"
    r"could be|must be|probably|maybe|perhaps)\b"
)


def frame(sentence: Sentence, start: int, end: int) -> Frame:
    """How the symptom at ``sentence.text[start:end]`` is spoken of."""
    text = sentence.text
    if _TOPIC_BEFORE.search(text[max(0, start - 40) : start]):
        return "topic"
    if _KNOWN_ALLERGY.search(text[start:]):
        return "topic"
    if _hypothetical(text, start):
        return "question"
    clause = text[clause_start(text, start) : start]
    asks = sentence.asks or bool(_ASKS.search(text))
    if not asks:
        return "report"
    opening = text[clause_start(text, start, soft=False) : start]
    if (_GENERIC.search(opening) or _GENERIC.search(clause)) and not _NOW.search(opening):
        return "question"
    if _INFO.search(text) and not _OWN.search(clause):
        return "question"
    return "report"


def _hypothetical(text: str, start: int) -> bool:
    cues = list(_HYPOTHETICAL.finditer(text, 0, start))
    if not cues:
        return False
    cue = cues[-1]
    ending = _HYPOTHETICAL_END.search(text, cue.end())
    if ending and ending.start() < start:
        return False  # the symptom is in the main clause, not in the "if" clause
    stop = ending.start() if ending else len(text)
    return not _PRESENT.search(text[cue.end() : stop])
