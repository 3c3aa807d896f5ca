"""Greetings, thanks, goodbyes, laughter and chat about other things, answered without
searching the guide or alerting anyone (the words are `bot.wording.patients.answers`)."""

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
# Laughter, musing and testing the bot: nothing asked, nothing to pass on.
_FILLER = re.compile(
    r"^(?:(?:ha)+h?|(?:he)+|lol+|lmao|rofl|hm+|um+|erm+|uh+|ah+|oh+|oo+h|wow|test(?:ing)?|"
    r"(?:test ?)?(?:1 ?2 ?3|123)|ping|hello\?|are you there|anyone there|you there)$"
)
# Chat about something other than aftercare, anywhere in a message: the weather, the bot
# itself, jokes. It is small talk only when nothing else in the message is about the guide's
# topics (the engine checks that), so "is the weather ok for healing skin" is a question.
_CHITCHAT = re.compile(
    r"\b(?:weather|forecast|rain(?:ing|y)?|snow(?:ing|y)?|windy|foggy|cloudy|"
    r"how are (?:you|u)|how r u|hows it going|how is it going|whats up|wassup|"
    r"how (?:was|is) your (?:day|weekend|morning)|"
    r"who are you|what are you|whats your name|what is your name|who made you|"
    r"are you (?:a |an )?(?:bot|robot|human|real|person|machine|ai|computer|chatgpt)|"
    r"jokes?|bored|football|the match|the news|your favou?rite)\b"
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
    if _FILLER.match(plain):
        return answers.ask_me(name, phone)
    return None


def without_chitchat(text: str) -> str | None:
    """`text` with its chat about other things (the weather, the bot, a joke) taken out, or
    None when it has none. The engine calls it small talk only when what is left names no
    aftercare topic: "what's the weather like?" is, "how are you? my skin is red" is not."""
    plain = _plain(text)
    rest = _CHITCHAT.sub(" ", plain)
    return None if rest == plain else rest


def strip_greeting(text: str) -> str:
    """ "hi, how long does it last" -> "how long does it last"."""
    return re.sub(
        r"^\s*(?:hi+|hello+|hey+|hiya|good (?:morning|afternoon|evening))\b[\s,!.:-]*(?:there\b)?"
        r"[\s,!.:-]*",
        "",
        text,
        flags=re.IGNORECASE,
    )
