"""Checking what staff type to enroll a patient (`/enroll` arguments or a CSV row).

Everything here refuses bad input with an `EnrollmentInputError` whose message can be shown
to staff as is; nothing is written until a whole request has passed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot.store.clinics import Clinic

MAX_NAME = 40
MAX_SERIES = 20
MAX_PAST = timedelta(days=30)
# Enrollment happens right after a session; a little slack for a clock that runs fast.
MAX_AHEAD = timedelta(days=1)

_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")
_TIME = re.compile(r"\d{1,2}:\d{2}")
_SERIES = re.compile(r"(\d{1,3})/(\d{1,3})")
_PATIENT_REF = re.compile(r"#(\d{1,9})")
_DATE_LIKE = re.compile(r"\d+[-/.:]\d+")
_NAME_PUNCTUATION = set(" -'’.")


class EnrollmentInputError(ValueError):
    """Bad enrollment input; the message says what to fix and is safe to show staff."""


@dataclass(frozen=True)
class EnrollRequest:
    first_name: str
    session_at: datetime
    session_number: int = 1
    series_length: int | None = None


def clean_first_name(raw: str) -> str:
    """A first name of letters, spaces, hyphens and apostrophes; no markup, emoji or digits."""
    name = " ".join(raw.split())
    if not name:
        raise EnrollmentInputError("Please give the patient's first name.")
    if len(name) > MAX_NAME:
        raise EnrollmentInputError(f"That name is too long: at most {MAX_NAME} characters.")
    for char in name:
        if char not in _NAME_PUNCTUATION and unicodedata.category(char)[0] not in "LM":
            raise EnrollmentInputError(
                "A first name can only contain letters, spaces, hyphens and apostrophes "
                "(no emoji, digits, symbols or formatting)."
            )
    if not any(unicodedata.category(char)[0] == "L" for char in name):
        raise EnrollmentInputError("Please give the patient's first name.")
    return name


def parse_session_time(text: str, clinic: Clinic, now: datetime) -> datetime:
    """`YYYY-MM-DD HH:MM` in the clinic's time zone -> UTC; refuses impossible or stale times."""
    parts = text.replace("T", " ").split()
    if len(parts) != 2 or not _DATE.fullmatch(parts[0]) or not _TIME.fullmatch(parts[1]):
        raise EnrollmentInputError(
            f"Write the session time as YYYY-MM-DD HH:MM (clinic time), not {text[:40]!r}."
        )
    try:
        local = datetime.strptime(" ".join(parts), "%Y-%m-%d %H:%M")
    except ValueError:
        raise EnrollmentInputError(f"There is no such date or time: {' '.join(parts)}.") from None
    zone = clinic.zone
    at = local.replace(tzinfo=zone)
    if at.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != local:
        raise EnrollmentInputError(
            f"{local:%Y-%m-%d %H:%M} does not exist in {clinic.timezone} (the clocks change "
            "then). Please check the time."
        )
    at = at.astimezone(UTC)
    if at < now - MAX_PAST:
        raise EnrollmentInputError(
            "That session was more than 30 days ago, so its aftercare messages would all be "
            "out of date. Please check the date."
        )
    if at > now + MAX_AHEAD:
        raise EnrollmentInputError(
            "That session is more than a day ahead. Please enroll patients after their session."
        )
    return at


def parse_series(number: str, length: str | None) -> tuple[int, int | None]:
    """Session `number` of a series of `length` (optional): 1 <= number <= length <= 20."""
    if not number.isdigit() or (length is not None and not length.isdigit()):
        raise EnrollmentInputError("Session number and series length must be whole numbers.")
    k, n = int(number), (int(length) if length is not None else None)
    if k < 1 or k > MAX_SERIES or (n is not None and not k <= n <= MAX_SERIES):
        raise EnrollmentInputError(
            f"Session k of n needs 1 <= k <= n <= {MAX_SERIES} (for example 2/3)."
        )
    return k, n


def parse_enroll_args(args: list[str], clinic: Clinic, now: datetime) -> EnrollRequest:
    """`<first name> [YYYY-MM-DD HH:MM] [k/n]`; the session time defaults to `now`."""
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
        raise EnrollmentInputError(
            "Write it as /enroll <first name> [YYYY-MM-DD HH:MM] [k/n], "
            "for example /enroll Amira 2026-03-02 14:30 1/3."
        )
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
    words = list(args)
    ref = _PATIENT_REF.fullmatch(words[0]) if words else None
    if ref is None:
        raise EnrollmentInputError(
            "Give the patient's number as /patients shows it, for example /enroll #12."
        )
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
        raise EnrollmentInputError(
            "Write it as /enroll #<patient number> [YYYY-MM-DD HH:MM] [k/n], "
            "for example /enroll #12 2026-03-30 14:30 2/3."
        )
    return NextSessionRequest(int(ref[1]), session_at, session_number, series_length)


def parse_csv_row(row: dict[str, str], clinic: Clinic, now: datetime) -> EnrollRequest:
    """One CSV row: first_name, session_at, and optional session_number, series_length."""
    name = clean_first_name(row.get("first_name") or "")
    session_text = (row.get("session_at") or "").strip()
    if not session_text:
        raise EnrollmentInputError("session_at is empty (use YYYY-MM-DD HH:MM).")
    session_at = parse_session_time(session_text, clinic, now)
    number = (row.get("session_number") or "").strip() or "1"
    length = (row.get("series_length") or "").strip() or None
    session_number, series_length = parse_series(number, length)
    return EnrollRequest(name, session_at, session_number, series_length)
