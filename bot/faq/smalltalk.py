"""Greetings, thanks and goodbyes, answered without searching the guide (the words are
`bot.wording.patients.answers`)."""

from __future__ import annotations

import re

from bot.store.clinics import Clinic
from bot.wording.patients import answers

_GREETING = re.compile(
    r"^(?:hi+|hiya|hello+|hey+|heya|yo|good (?:morning|afternoon|evening)|morning|evening|"
    r"hi there|hello there)$"
)
_THANKS = re.compile(
    r"^(?:thanks?(?: you)?(?: (?:so|very) much)?|thx|ty|cheers|much appreciated|"
    r"thank u|thanks a lot|great thanks|ok thanks|okay thanks|perfect thanks|lovely thanks)$"
)
_BYE = re.compile(r"^(?:bye+|goodbye|see you|see ya|cya|good night|night|ttyl)$")
_ACK = re.compile(
    r"^(?:ok+|okay|k|kk|alright|all right|sure|fine|great|cool|nice|lovely|perfect|got it|"
    r"understood|noted|yes|yep|yeah|no|nope|sounds good|will do|brilliant|amazing|awesome)$"
)
_NOT_WORD = re.compile(r"[^\w\s]+")


def _plain(text: str) -> str:
    """Lower-cased words only: emoji and punctuation carry no question."""
    return " ".join(_NOT_WORD.sub(" ", text.lower().replace("’", "'").replace("'", "")).split())


def reply(text: str, clinic: Clinic) -> str | None:
    """The small-talk reply for ``text``, or None when it is more than small talk."""
    plain = _plain(text)
    name, phone = clinic.name, clinic.phone
    if not plain:
        return answers.ask_me(name, phone) if not text.strip() else answers.emoji_only(name, phone)
    if _GREETING.match(plain):
        return answers.greeting(name, phone)
    if _THANKS.match(plain):
        return answers.THANKS
    if _BYE.match(plain):
        return answers.GOODBYE
    if _ACK.match(plain):
        return answers.acknowledged(name, phone)
    return None


def strip_greeting(text: str) -> str:
    """ "hi, how long does it last" -> "how long does it last"."""
    return re.sub(
        r"^\s*(?:hi+|hello+|hey+|hiya|good (?:morning|afternoon|evening))\b[\s,!.:-]*(?:there\b)?"
        r"[\s,!.:-]*",
        "",
        text,
        flags=re.IGNORECASE,
    )
