"""Numbers staff type in commands (`/queue 12`, `/cancel 12`, `/enroll #12`, `/faq delete 3`).

Written with the digits 0-9 only: `str.isdigit` and regex `\\d` also accept other scripts'
digits ("٣" would quietly read as 3), and an unbounded number overflows SQLite's integers.
Every refusal says what was typed and the range that is valid.
"""

from __future__ import annotations

import re
import unicodedata

from bot.people.outcomes import Refused
from bot.wording.staff import numbers as wording

# Patient and entry numbers are SQLite row ids; nine digits is more than any clinic will reach.
MAX_NUMBER = 999_999_999
ASCII_NUMBER = re.compile(r"[0-9]+")


def has_digit(text: str) -> bool:
    """True when `text` holds a digit of any script (0-9, ٣, ३, ...)."""
    return any(unicodedata.category(char) == "Nd" for char in text)


def foreign_digits(text: str) -> bool:
    """True when `text` holds a digit that is not 0-9."""
    return any(unicodedata.category(char) == "Nd" and not "0" <= char <= "9" for char in text)


def parse_number(
    typed: str, what: str, *, low: int = 1, high: int = MAX_NUMBER, example: str = ""
) -> int | Refused:
    """`typed` as a whole number in low..high, else a refusal naming the valid range.

    `what` names the number for staff ("patient number"); `example` is a command that shows
    the right form ("/queue 12"). A leading "#" is allowed, as /patients shows numbers so.
    """
    text = typed.strip().removeprefix("#")
    if foreign_digits(text):
        return Refused(wording.not_ascii(typed[:40], example))
    if not ASCII_NUMBER.fullmatch(text):
        return Refused(wording.not_a_number(typed[:40], what, low, high, example))
    # Past 18 digits it is out of range anyway; int() need not read a 4,000-digit number.
    if len(text) > 18 or not low <= int(text) <= high:
        return Refused(wording.out_of_range(typed[:40], what, low, high))
    return int(text)
