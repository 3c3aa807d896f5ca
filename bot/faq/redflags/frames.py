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

from bot.faq.redflags.text import Sentence, clause_end, clause_start

Frame = Literal["report", "question", "topic"]

# Before a symptom: it is a topic of risk, cause or prevention.
_TOPIC_BEFORE = re.compile(
    r"\b(?:risks?|chances?|likel\w*|prevent\w*|avoid\w*|reduc\w*|lower\w*|minimi[sz]\w*|"
    r"protect\w*|sanitiz\w*|steril\w*|cause|causes|lead to|leads to|"
    r"(?:you|u|people|someone|anyone|one|patients)\s+(?:get|gets|getting)|"
    r"(?:give|gives)\s+(?:you|u|people|someone|anyone|patients)|"
    r"(?:stop|keep|prevent)\s+(?:it|this|that|them|my \w+|the \w+)(?:\s+from)?"
    r"(?:\s+(?:getting|going|becoming))?|from getting)\s+(?:of\s+|an\s+|from\s+|against\s+|any\s+)?"
    r"(?:an\s+|getting\s+|any\s+|a\s+|developing\s+)?$"
)
# A sign naming a kind of risk: "the infection risk", "allergy rates".
_TOPIC_AFTER = re.compile(
    r"\w+\s+(?:risks?|rates?|chances?|control|prevention|precautions?|protocols?)\b"
)
# Before a symptom in its clause: people in general ("anything people are allergic to").
_PEOPLE_BEFORE = re.compile(
    r"\b(?:people|someone|anyone|patients|everyone|others|clients)\s+(?:are\s+|is\s+|"
    r"get\s+|gets\s+|can be\s+|might be\s+|may be\s+|could be\s+|become\s+)?$"
)
# The past, before this course of treatment: "as a kid", "years ago", "used to".
_HISTORY = re.compile(
    r"\b(?:as a (?:kid|child|teen\w*|baby)|when i was (?:younger|little|a kid|a child|a teen\w*|"
    r"pregnant)|years ago|in the past|used to|growing up|last year|ever since i was|"
    r"my whole life)\b"
)
# Someone else's story, or what the patient read or heard, or a tendency they have.
_HEARSAY = re.compile(
    r"\b(?:(?:my|a) (?:friend|mate|pal|colleague|coworker|cousin|neighbou?r)|someone i know|"
    r"(?:read|heard|saw|seen) (?:that|online|somewhere|about|on (?:tiktok|instagram|google|"
    r"the internet|youtube|facebook|reddit|a video|tv|the news))|online|tiktok|google\w*|"
    r"reviews?)\b"
)
# A tendency the patient has, not what is happening now: "prone to breakouts".
_TENDENCY = re.compile(
    r"\b(?:prone to|suffer (?:from|with)|tend to get|(?:always|usually|often) get|"
    r"(?:before|around|on|during) my period|every month|hormonal|"
    r"(?:have|got|suffer from|with) (?:\w+ )?allergies)\b"
)
# "a nut allergy", "my hayfever allergy": a known allergy to something, not a reaction now.
_ALLERGEN_BEFORE = re.compile(
    r"\b(?!(?:an|a|the|this|that|my|possible|some|bad|severe|skin|serious|sudden|big|real|"
    r"massive|mild|slight|horrible|awful|terrible|any|no)\b)[a-z]+\s+$"
)
# An earlier session of the course, unless the symptom is said to be there now.
_EARLIER_SESSION = re.compile(
    r"\b(?:last time|the first time|(?:after|from|with) (?:my|the) (?:first|last|previous|other) "
    r"(?:one|session|treatment|appointment))\b"
)
# Said of now, so not only the past or someone else's story.
_PRESENT_TENSE = re.compile(
    r"\b(?:is|are|am|has|have|looks?|seems?|says|thinks|reckons|still|now|currently|today|"
    r"tonight|since|keeps?|its|theres|im|ive|shes|hes|theyre)\b"
)
# The symptom is there now, whatever else the sentence says about the past.
_NOW_MARKER = re.compile(
    r"\b(?:still|now|currently|today|tonight|at the moment|since|again|this is|its|it is|theres|"
    r"there is|there are|ive got|this time round)\b"
)
# A worry about a topic, not about the skin as it is: "nervous about infection".
_WORRIED_ABOUT = re.compile(
    r"\b(?:worried|nervous|scared|afraid|anxious|concerned|paranoid|worry|worrying|fear|"
    r"terrified|freaked out)\s+(?:about|of)\s+(?:getting\s+|developing\s+)?(?:an?\s+)?$"
)
_SKIN_NOW = re.compile(
    r"\b(?:its|it is|it looks|looks|seems|(?:my|her|his) \w+ (?:is|are|looks|feels)|there is|"
    r"theres|there are|because|since|cos|as it)\b"
)
# A worry a clinician has settled ("the nurse said it looks fine").
_CONCERN = re.compile(r"^(?:infe[ck]\w*|allerg\w*|reactions?)\b")
_REASSURED = re.compile(
    r"\b(?:nurse|doctor|dr|therapist|clinician|practitioner|clinic|specialist|they|she|he)\s+"
    r"(?:said|says|told me|checked|confirmed)\b[^.?!]{0,30}\b(?:fine|normal|ok|okay|all good|"
    r"nothing to worry|healing well|not infected)\b"
)
# "allergic to penicillin": an allergy the patient already knows, not a reaction now.
_KNOWN_ALLERGY = re.compile(
    r"^allergic to (?!(?:the|this|that|it|something|my|serum|cream|product|numbing|stuff|"
    r"whatever|what|them|these)\b)\w+"
)
# "if ...", "what if ...", "in case ...": up to the next comma, "then" or question word.
_HYPOTHETICAL = re.compile(
    r"\b(?:what if|if|in case|incase|suppose|supposing|whenever|should i ever|lets say)\b"
)
# "what if I'm allergic": plainly in case, even in the present tense.
_PLAINLY_HYPOTHETICAL = re.compile(r"^(?:what if|in case|incase|suppose|supposing|lets say)$")
# "how do I know if I have an infection", "who do I call if I have a reaction": asking how to
# tell, or whom to call, not saying so.
_HOW_TO_KNOW = re.compile(
    r"\b(?:how (?:do|would|can|could|will) (?:i|you|u|one) (?:know|tell)|who (?:do|should|would|"
    r"can) (?:i|we|you) (?:call|ring|contact|phone)|where (?:do|should|would|can) (?:i|we|you) go|"
    r"whats the (?:\w+ )?number|what is the (?:\w+ )?number)\b[^,]*$"
)
_FIRST_PERSON = re.compile(r"\b(?:im|i am|ive got|i have|ive)\b")
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
    r"^\s*(?:\w+\s+){0,3}?(?:what|how|when|why|which|who|where|is|are|do|does|can|could|will|"
    r"would|should|shall|may|might)\b"
)
# "will I get scabs?", "can it get infected?", "do people get blisters?": about what may
# happen, or happens to people in general. "will the pus go?" is not: "the pus" is there
# (the ordinary after-effects may be there: "will the swelling get worse?" still asks).
_THING = (
    r"(?:face|skin|cheeks?|forehead|chin|nose|neck|lips?|eyes?|area|treatment|procedure|"
    r"session|needling|serum|cream|numbing cream|roller|pen|device|redness|swelling|pain|"
    r"soreness|puffiness|tightness|itching|peeling|flaking|pinkness|stinging|burning)"
)
_THING_FIRST = re.compile(rf"{_THING}\b")
_GENERIC = re.compile(
    r"^\s*(?:\w+\s+){0,2}?(?:(?:will|would|can|could|might|may|should|shall)\s+(?:i|you|people|"
    rf"someone|anyone|one|it|this|that|they|(?:my|the) {_THING}|microneedling|needling)|"
    r"(?:do|does)\s+(?:(?:many|most|some|a lot of|lots of)\s+)?(?:you|people|patients|anyone|"
    r"someone|everyone|microneedling|needling|the treatment|it|this treatment|clients|"
    r"(?:the )?(?:redness|swelling|pain|soreness|puffiness|bleeding|scabbing|peeling|skin))|"
    r"is it (?:possible|common|likely|usual|rare|true)|are there|is there|how (?:often|likely|"
    r"common)|(?:is|was|will|does)\s+(?:microneedling|needling|the needling|the treatment|"
    r"the procedure|the session|it going to be|it gonna be))\b"
)
# Right before a sign: it is one the patient has ("my blisters", "the pus", "these spots").
_DETERMINED = re.compile(
    r"\b(?:my|her|his|their|the|these|those|this)\s+(?:(?:little|tiny|small|big|new|yellow|red|"
    r"white|few|two|three|\w+y)\s+)?$"
)
# Yet about the skin as it is now: "could it be infected?", "does it look infected?".
_NOW = re.compile(
    r"\b(?:(?:could|might|may|can|would)\s+(?:it|this|that|these|they|i|she|he)\s+be|"
    r"(?:it|this|that|these|they)\s+(?:could|might|may|would|must)\s+be|do you think|"
    r"would you say|"
    r"looks?|looking|seems?|feels?|sounds?|already|currently|right now|at the moment|today|"
    r"tonight|now|this morning|since|(?:this|that|so) (?:red|swollen|puffy|sore|painful|hot|bad|"
    r"angry|inflamed|itchy|raw))\b"
)
# "is it normal to ...": "it" stands for what follows, not for the patient's skin.
_JUDGED = (
    r"(?:normal|normally|ok|okay|common|usual|possible|true|safe|likely|expected|bad|dangerous|"
    r"typical|fine|unusual|rare)"
)
# Signs that often follow a session and are asked about in general ("is scabbing normal after
# microneedling?"): such a question without "my", "this", "still"... is not a report.
# Signs of infection or allergy, and blisters, escalate even then: they cannot wait.
_ORDINARY_SIGN = re.compile(
    r"^(?:scab\w*|crust\w*|spots|zits|pimples|bumps|whiteheads|break ?outs?|bleed\w*|bled|"
    r"blood\w*|(?:loads|lots|many|several) of)\b"
)
_ASKS_ORDINARY = re.compile(rf"\b(?:{_JUDGED}|expect\w*|usually)\b")
# In a question, about the patient's own skin: "my ...", "is this ...", "I think ...".
_OWN = re.compile(
    r"\b(?:(?:i|she|he|they|we)\s+(?:have|has|had|got|am|feel|felt|think|noticed|developed|"
    r"woke|keep|kept|still|now|seem)|ive|im|shes|hes|theyve|theyre|my|her|his|their|our|"
    r"mine|hers|this|these|thats|theres|there is|there are|there was|it has|it was|has it|"
    rf"(?:it is|its|is it)(?!\s+{_JUDGED}\b)|still|now|today|tonight|this morning|since|again|"
    r"overnight|"
    r"think|reckon|suspect|worried|worry|scared|afraid|hope|looks?|seems?|might be|may be|"
    r"could be|must be|probably|maybe|perhaps)\b"
)


def frame(sentence: Sentence, start: int, end: int) -> Frame:
    """How the symptom at ``sentence.text[start:end]`` is spoken of."""
    text = sentence.text
    clause = text[clause_start(text, start) : start]
    if _topic(text, start):
        return "topic"
    if _hypothetical(text, start):
        return "question"
    if _not_now(text, start):
        return "topic"
    asks = sentence.asks or bool(_ASKS.search(text))
    if _PEOPLE_BEFORE.search(clause):
        return "question" if asks else "topic"
    if not asks:
        return "report"
    if _DETERMINED.search(clause) and not _THING_FIRST.match(text, start):
        return "report"  # "can I pop my blisters?": they are there
    low = clause_start(text, start, soft=False)
    opening = text[low:start]
    if (
        _GENERIC.search(text[low:end]) or _GENERIC.search(text[clause_start(text, start) : end])
    ) and (not _NOW.search(opening)):
        return "question"
    if _OWN.search(clause):
        return "report"
    if _INFO.search(text):
        return "question"
    if _ORDINARY_SIGN.search(text[start:]) and _ASKS_ORDINARY.search(text):
        return "question"
    return "report"


def _topic(text: str, start: int) -> bool:
    """Named as a risk, a cause, something to prevent, or a known allergy."""
    if _TOPIC_BEFORE.search(text[max(0, start - 40) : start]):
        return True
    if _KNOWN_ALLERGY.search(text[start:]) or _TOPIC_AFTER.match(text, start):
        return True
    allergy = text.startswith(("allergy", "allergies"), start)
    return bool(allergy and _ALLERGEN_BEFORE.search(text[max(0, start - 20) : start]))


def _not_now(text: str, start: int) -> bool:
    """Someone else's, the patient's past, an earlier session, or settled by a clinician."""
    around = text[clause_start(text, start, soft=False) : clause_end(text, start, soft=False)]
    if _HISTORY.search(around):
        return True
    if _HEARSAY.search(around) and not _PRESENT_TENSE.search(around):
        return True
    if _TENDENCY.search(around) and not _NOW_MARKER.search(around):
        return True
    if _EARLIER_SESSION.search(around) and not _NOW_MARKER.search(around):
        return True
    if _WORRIED_ABOUT.search(text[max(0, start - 40) : start]) and not _SKIN_NOW.search(text):
        return True
    return bool(_CONCERN.search(text[start:]) and _REASSURED.search(text))


def _hypothetical(text: str, start: int) -> bool:
    cues = list(_HYPOTHETICAL.finditer(text, 0, start))
    if not cues:
        return False
    cue = cues[-1]
    ending = _HYPOTHETICAL_END.search(text, cue.end())
    if ending and ending.start() < start:
        return False  # the symptom is in the main clause, not in the "if" clause
    stop = ending.start() if ending else len(text)
    present = _PRESENT.search(text[cue.end() : stop])
    plainly = _PLAINLY_HYPOTHETICAL.match(cue.group(0)) or _HOW_TO_KNOW.search(text[: cue.start()])
    if present and plainly:
        return bool(_FIRST_PERSON.fullmatch(present.group(0)))
    return not present
