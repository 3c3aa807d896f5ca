"""Consent as people give it: a typed "yes" or "no" answers an open consent prompt.

While a chat's consent question is open (it opened a patient link and has not answered), a
whole message such as "yes", "I agree" or "ok sure" counts as tapping "Yes, I agree", and
"no thanks" as "No, thanks". Anything longer ("yes but what will you send?") is not an answer:
before agreeing, a question gets "please agree first" and is not passed on (see
`bot.faq.questions`).

Like the opt-out words, the answers are plain regular expressions, so the routing table can
filter on them without calling into this area.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Literal

from bot.people import enrollment
from bot.people.enrollment import Planner
from bot.people.outcomes import Accepted, AlreadyEnrolled, Declined, Refused
from bot.store import Store

_EDGE = r"[\W_]*"
_SEP = r"[\W_]+"
_APOS = "['’]?"

_YES_WORDS = (
    "yes", "yess+", "yeah", "yea", "yep", "yup", "ya", "y", "ok", "okay", "okey", "k", "kk",
    "sure", "sure thing", "fine", "alright", "all right", "absolutely", "definitely",
    "certainly", "of course",
    "agree", "agreed", "i agree", "i do", "i consent", "consent", "i accept", "accept",
    "go ahead", "sounds good", f"that{_APOS}s fine", f"that{_APOS}s ok", "sign me up",
    "count me in", "happy to", f"i{_APOS}m happy to", "why not", "great", "perfect", "cool",
    "please", "pls", "thanks", "thank you", "ty", "ofc", "yes please",
)  # fmt: skip
_NO_WORDS = (
    "no", "nope", "nah", "no thanks", "no thank you", "not now", "no way", "not interested",
    f"i don{_APOS}t agree", "i do not agree", "i disagree", "i decline", "decline",
    f"i{_APOS}m not interested", "thanks", "thank you", "please", "sorry",
)  # fmt: skip
# Words that only soften an answer: a message of these alone answers nothing.
_SOFT = ("please", "pls", "thanks", "thank you", "ty", "great", "cool", "perfect", "sorry")


def _answer(words: tuple[str, ...]) -> str:
    word = "(?:" + "|".join(sorted(words, key=len, reverse=True)) + ")"
    soft = "(?:" + "|".join(sorted(_SOFT, key=len, reverse=True)) + ")"
    # At least one word that is not only polite, anywhere among them.
    return rf"(?:{soft}{_SEP})*(?!{soft}{_EDGE}$){word}(?:{_SEP}{word})*"


TYPED_YES = re.compile(rf"(?i)^{_EDGE}{_answer(_YES_WORDS)}{_EDGE}$")
TYPED_NO = re.compile(rf"(?i)^{_EDGE}{_answer(_NO_WORDS)}{_EDGE}$")
# Either: what the routing table filters on before it asks the store about an open prompt.
TYPED_ANSWER = re.compile(rf"(?i)^{_EDGE}(?:{_answer(_YES_WORDS)}|{_answer(_NO_WORDS)}){_EDGE}$")


def typed_answer(text: str) -> Literal["yes", "no"] | None:
    """ "yes" or "no" when the whole message is a typed answer to a consent question."""
    if not isinstance(text, str) or len(text) > 80:
        return None
    yes, no = TYPED_YES.search(text) is not None, TYPED_NO.search(text) is not None
    if yes == no:  # neither, or words of both ("ok no"): not an answer
        return None
    return "yes" if yes else "no"


def answer_typed(
    store: Store, chat_id: int, text: str, now: datetime, *, plan: Planner
) -> Accepted | Declined | AlreadyEnrolled | Refused | None:
    """A typed answer to this chat's open consent prompt, taken as the button would be;
    None when no prompt is open or the text is not an answer (nothing changed)."""
    token = store.consent_prompts.open_token(chat_id)
    choice = typed_answer(text)
    if token is None or choice is None:
        return None
    if choice == "yes":
        return enrollment.accept(store, token, chat_id, now, plan=plan)
    return enrollment.decline(store, token, chat_id, now)


def decline_open_prompt(store: Store, chat_id: int, now: datetime) -> Declined | None:
    """STOP before agreeing: the open consent question is answered "no"; None when none is
    open (or it can no longer be answered)."""
    token = store.consent_prompts.open_token(chat_id)
    outcome = enrollment.decline(store, token, chat_id, now) if token else None
    return outcome if isinstance(outcome, Declined) else None
