"""Checking what staff type to enroll a patient (`/enroll` arguments or a CSV row).

Everything here refuses bad input with an `EnrollmentInputError` whose message (from
`bot.wording.staff.enrolling`) can be shown to staff as is; nothing is written until a whole
request has passed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot.people.numbers import ASCII_NUMBER, foreign_digits, has_digit, parse_number
from bot.people.outcomes import Refused
from bot.store.clinics import Clinic
from bot.wording.staff import enrolling
from bot.wording.staff import numbers as number_wording

MAX_NAME = 40
MAX_REF = 64
MAX_SERIES = 20
MAX_PAST = timedelta(days=30)
# Enrollment happens right after a session; a little slack for a clock that runs fast.
MAX_AHEAD = timedelta(days=1)

# [0-9], not \d: \d also matches other scripts' digits, which staff must write as 0-9.
_DATE = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}")
_TIME = re.compile(r"[0-9]{1,2}:[0-9]{2}")
_SERIES = re.compile(r"([0-9]{1,3})/([0-9]{1,3})")
_DATE_LIKE = re.compile(r"[0-9]+[-/.:][0-9]+")
_NAME_PUNCTUATION = set(" -'’.")


class EnrollmentInputError(ValueError):
    """Bad enrollment input; the message says what to fix and is safe to show staff."""


@dataclass(frozen=True)
class EnrollRequest:
    first_name: str
    session_at: datetime
    session_number: int = 1
    series_length: int | None = None
    ref: str | None = None  # the clinic's own booking reference (CSV column `ref`)


def clean_first_name(raw: str) -> str:
    """A first name of letters, spaces, hyphens and apostrophes; no markup, emoji or digits."""
    name = " ".join(raw.split())
    if not name:
        raise EnrollmentInputError(enrolling.NAME_MISSING)
    if len(name) > MAX_NAME:
        raise EnrollmentInputError(enrolling.name_too_long(MAX_NAME))
    for char in name:
        if char not in _NAME_PUNCTUATION and unicodedata.category(char)[0] not in "LM":
            raise EnrollmentInputError(enrolling.NAME_CHARACTERS)
    if not any(unicodedata.category(char)[0] == "L" for char in name):
        raise EnrollmentInputError(enrolling.NAME_MISSING)
    return name


def parse_session_time(text: str, clinic: Clinic, now: datetime) -> datetime:
    """`YYYY-MM-DD HH:MM` in the clinic's time zone -> UTC; refuses impossible or stale times."""
    parts = text.replace("T", " ").split()
    if len(parts) != 2 or not _DATE.fullmatch(parts[0]) or not _TIME.fullmatch(parts[1]):
        raise EnrollmentInputError(enrolling.time_format(text[:40]))
    try:
        local = datetime.strptime(" ".join(parts), "%Y-%m-%d %H:%M")
    except ValueError:
        raise EnrollmentInputError(enrolling.no_such_time(" ".join(parts))) from None
    zone = clinic.zone
    at = local.replace(tzinfo=zone)
    if at.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != local:
        raise EnrollmentInputError(
            enrolling.time_skipped(f"{local:%Y-%m-%d %H:%M}", clinic.timezone)
        )
    at = at.astimezone(UTC)
    if at < now - MAX_PAST:
        raise EnrollmentInputError(enrolling.session_too_old(MAX_PAST.days))
    if at > now + MAX_AHEAD:
        raise EnrollmentInputError(enrolling.SESSION_AHEAD)
    return at


def parse_series(number: str, length: str | None) -> tuple[int, int | None]:
    """Session `number` of a series of `length` (optional): 1 <= number <= length <= 20."""
    _ascii_digits_only(number, length or "")
    if not ASCII_NUMBER.fullmatch(number) or (
        length is not None and not ASCII_NUMBER.fullmatch(length)
    ):
        raise EnrollmentInputError(enrolling.SERIES_NOT_NUMBERS)
    k, n = _count(number), (_count(length) if length is not None else None)
    if k < 1 or k > MAX_SERIES or (n is not None and not k <= n <= MAX_SERIES):
        raise EnrollmentInputError(enrolling.series_range(MAX_SERIES))
    return k, n


def _count(digits: str) -> int:
    """Digits 0-9 as a number; a very long one is simply more than any series allows."""
    return int(digits) if len(digits) <= 9 else MAX_SERIES + 1


def parse_enroll_args(args: list[str], clinic: Clinic, now: datetime) -> EnrollRequest:
    """`<first name> [YYYY-MM-DD HH:MM] [k/n]`; the session time defaults to `now`."""
    _ascii_digits_only(*args)
    words = list(args)
    session_number, series_length = 1, None
    if words and (series := _SERIES.fullmatch(words[-1])):
        session_number, series_length = parse_series(series[1], series[2])
        words.pop()
    session_at = now
    if len(words) >= 2 and _TIME.fullmatch(words[-1]) and _DATE_LIKE.match(words[-2]):
        session_at = parse_session_time(f"{words[-2]} {words[-1]}", clinic, now)
        del words[-2:]
    if any(_DATE_LIKE.search(word) for word in words):
        raise EnrollmentInputError(enrolling.ENROLL_FORMAT)
    return EnrollRequest(
        clean_first_name(" ".join(words)), session_at, session_number, series_length
    )


@dataclass(frozen=True)
class NextSessionRequest:
    """The next session of a patient who has already agreed to this clinic's messages."""

    patient_id: int
    session_at: datetime
    session_number: int | None = None  # None: one more than their last session
    series_length: int | None = None  # with no k/n given: kept from their last session


def is_next_session(args: list[str]) -> bool:
    return bool(args) and args[0].startswith("#")


def parse_next_session_args(args: list[str], clinic: Clinic, now: datetime) -> NextSessionRequest:
    """`#<patient number> [YYYY-MM-DD HH:MM] [k/n]`; the session time defaults to `now`."""
    _ascii_digits_only(*args)
    words = list(args)
    if not words or not has_digit(words[0]):
        raise EnrollmentInputError(enrolling.PATIENT_NUMBER_MISSING)
    patient_id = parse_number(words[0], "patient number", example="/enroll #12")
    if isinstance(patient_id, Refused):
        raise EnrollmentInputError(patient_id.message)
    words = words[1:]
    session_number = series_length = None
    if words and (series := _SERIES.fullmatch(words[-1])):
        session_number, series_length = parse_series(series[1], series[2])
        words.pop()
    session_at = now
    if len(words) == 2 and _TIME.fullmatch(words[1]) and _DATE_LIKE.match(words[0]):
        session_at = parse_session_time(f"{words[0]} {words[1]}", clinic, now)
        words = []
    if words:
        raise EnrollmentInputError(enrolling.NEXT_SESSION_FORMAT)
    return NextSessionRequest(patient_id, session_at, session_number, series_length)


def _ascii_digits_only(*words: str) -> None:
    """Refuse digits of other scripts anywhere: a date or k/n must be written with 0-9."""
    for word in words:
        if foreign_digits(word):
            raise EnrollmentInputError(number_wording.not_ascii(word[:40], ""))


def parse_csv_row(row: dict[str, str], clinic: Clinic, now: datetime) -> EnrollRequest:
    """One CSV row: first_name, session_at, and optional session_number, series_length, ref."""
    name = clean_first_name(row.get("first_name") or "")
    session_text = (row.get("session_at") or "").strip()
    if not session_text:
        raise EnrollmentInputError(enrolling.SESSION_AT_EMPTY)
    session_at = parse_session_time(session_text, clinic, now)
    number = (row.get("session_number") or "").strip() or "1"
    length = (row.get("series_length") or "").strip() or None
    session_number, series_length = parse_series(number, length)
    ref = " ".join((row.get("ref") or "").split()) or None
    if ref is not None and len(ref) > MAX_REF:
        raise EnrollmentInputError(enrolling.ref_too_long(MAX_REF))
    return EnrollRequest(name, session_at, session_number, series_length, ref)
