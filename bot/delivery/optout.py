"""Which messages are an opt-out: the words that stop a patient's messages at once.

STOP and UNSUBSCRIBE, with punctuation, polite words or emoji around them and in any case,
and sentences clearly about the messages ("stop sending these", "no more messages please")
opt out at once: messaging rules for opt-out words ask for no confirmation, and a
confirmation step would keep messaging someone who said stop. A question that merely contains
"stop" ("should I stop my retinol?") is a question. CANCEL, END and QUIT alone are `unclear`
here (appointments are cancelled too), so they get one question with two buttons.

The patterns are plain regular expressions, so the routing table can use them as
python-telegram-bot filters without calling into this area; `classify` is the same decision
for code (an edited message, the tests).
"""

from __future__ import annotations

import re
from typing import Literal

# Around the words: spaces, punctuation, emoji (anything that is not a letter or digit).
_EDGE = r"[\W_]*"
_SEP = r"[\W_]+"
_APOS = "['’]?"


def _any(*words: str) -> str:
    return "(?:" + "|".join(words) + ")"


_POLITE_BEFORE = _any(
    "please", "pls", "plz", "kindly", "just", "ok", "okay", "hey", "hi", "hello",
    "can you", "could you", "would you", "will you", "can u", "could u",
)  # fmt: skip
_POLITE_AFTER = _any(
    "please", "pls", "plz", "now", "thanks", "thank you", "thank u", "thx", "ty", "asap",
    "immediately", "right now", "anymore", "any more", "already", "for me", "for good",
)  # fmt: skip
_MESSAGES = _any(
    "messages?", "msgs?", "texts?", "reminders?", "notifications?", "alerts?", "spam", "chats?"
)
_WHICH = _any("these", "this", "those", "them", "the", "your", "all", "all the", "all these",
              "all your", "any", "any more", "anymore", "more", "aftercare")  # fmt: skip
_SEND = _any("sending", "messaging", "texting", "contacting", "spamming", "bothering", "writing to")
_FROM = _any(_MESSAGES, "list", "bot", "this")
_GET = _any("to get", "to receive", "any", "more", "of")
_DONT = _any(f"don{_APOS}t", "do not", "dont", "pls don't", "please don't")

_CORE_STOP = _any(
    # STOP, alone or repeated, or "stop it/all/everything"
    rf"stop(?:{_SEP}stop)*(?:{_SEP}{_any('it', 'all', 'everything', 'that')})?",
    # UNSUBSCRIBE, opt out
    rf"(?:i{_SEP}{_any('want', 'would like', f'i{_APOS}d like', 'wish')}{_SEP}to{_SEP})?"
    rf"{_any('unsubscribe', 'unsub', f'opt{_EDGE}out', 'opt me out')}"
    rf"(?:{_SEP}me)?(?:{_SEP}from{_SEP}(?:{_WHICH}{_SEP})*{_FROM})?",
    # "stop sending (me) (these) (messages)"
    rf"stop{_SEP}{_SEND}(?:{_SEP}me)?(?:{_SEP}{_WHICH})*(?:{_SEP}{_MESSAGES})?",
    # "stop (the) messages"
    rf"stop{_SEP}(?:{_WHICH}{_SEP})*{_MESSAGES}",
    # "no more messages"
    rf"no{_SEP}more{_SEP}(?:{_WHICH}{_SEP})*{_MESSAGES}",
    # "don't send me any more messages", "do not text me"
    rf"{_DONT}{_SEP}{_any('send', 'message', 'text', 'contact', 'msg')}(?:{_SEP}me)?"
    rf"(?:{_SEP}{_WHICH})*(?:{_SEP}{_MESSAGES})?",
    # "I don't want (any more of) these messages"
    rf"(?:i{_SEP})?{_DONT}{_SEP}want{_SEP}(?:{_GET}{_SEP})*"
    rf"(?:{_WHICH}{_SEP})*{_MESSAGES}",
)

# A whole message that opts out (for `filters.Regex`: searched, so anchored at both ends).
STOP = re.compile(
    rf"(?i)^{_EDGE}(?:{_POLITE_BEFORE}{_SEP})*{_CORE_STOP}(?:{_SEP}{_POLITE_AFTER})*{_EDGE}$"
)
# CANCEL, END or QUIT alone (politely or not): the patient may mean an appointment.
UNCLEAR = re.compile(
    rf"(?i)^{_EDGE}(?:{_POLITE_BEFORE}{_SEP})*{_any('cancel', 'end', 'quit')}"
    rf"(?:{_SEP}{_any('it', 'all', 'this', 'that', 'please', 'pls', 'now')})*{_EDGE}$"
)

Kind = Literal["stop", "unclear"]


def classify(text: str) -> Kind | None:
    """ "stop" for an opt-out, "unclear" for CANCEL/END/QUIT alone, None for anything else.

    A command counts by its words: "/stop" is an opt-out (an edited message may read so).
    """
    if not isinstance(text, str) or len(text) > 200:
        return None  # a long message is never only an opt-out
    if STOP.search(text):
        return "stop"
    if UNCLEAR.search(text):
        return "unclear"
    return None
