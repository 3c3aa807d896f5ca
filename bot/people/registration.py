"""Registering a clinic: its settings are checked first, then stored whole."""

from __future__ import annotations

import functools
import re
import unicodedata
import zoneinfo
from datetime import datetime
from urllib.parse import urlsplit

from bot.store import Store
from bot.store.clinics import Clinic
from content.timeline import MAX_INTERVAL_DAYS, Timeline, interval_problem, load_timeline

MAX_NAME = 80
_PHONE = re.compile(r"\+?[0-9 ()./-]+")


class ClinicInputError(ValueError):
    """One or more clinic settings are wrong; `problems` lists each, worded for the operator."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def check_name(name: str) -> str | None:
    if not name.strip():
        return "the clinic name is empty"
    if len(name) > MAX_NAME:
        return f"the clinic name is longer than {MAX_NAME} characters"
    if any(unicodedata.category(char)[0] == "C" for char in name):
        return "the clinic name contains control characters"
    return None


@functools.cache
def _zones() -> dict[str, str]:
    return {zone.casefold(): zone for zone in zoneinfo.available_timezones()}


def check_timezone(zone: str) -> str | None:
    """An IANA zone name such as Europe/London (checked against the zone database)."""
    if zone in zoneinfo.available_timezones():
        return None
    known = _zones().get(zone.casefold())
    hint = f"did you mean {known}?" if known else "use a name such as Europe/London"
    return f"unknown time zone {zone[:60]!r} ({hint})"


def check_phone(phone: str) -> str | None:
    """Digits with the usual separators, 6 to 15 digits (the international maximum)."""
    digits = sum(char.isdigit() for char in phone)
    if not _PHONE.fullmatch(phone.strip()) or not 6 <= digits <= 15:
        return f"{phone[:40]!r} is not a phone number (for example +44 20 7946 0000)"
    return None


def check_booking_url(url: str) -> str | None:
    if not url:
        return None
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname or any(c.isspace() for c in url):
        return f"the booking URL must be a full https:// address, not {url[:60]!r}"
    if len(url) > 500:
        return "the booking URL is longer than 500 characters"
    return None


def check_interval(days: int, timeline: Timeline | None = None) -> str | None:
    """Days between sessions of a series: 1 to 365, and, given a ``timeline``, long enough that
    its steps stay in order (the booking prompt after the last care message)."""
    if not 1 <= days <= MAX_INTERVAL_DAYS:
        return f"the series interval must be between 1 and {MAX_INTERVAL_DAYS} days"
    return None if timeline is None else interval_problem(timeline, days)


def register_clinic(
    store: Store,
    *,
    name: str,
    timezone: str,
    phone: str,
    now: datetime,
    booking_url: str = "",
    series_interval_days: int = 28,
    timeline: Timeline | None = None,
) -> Clinic:
    """Check every setting, then store the clinic; raises ClinicInputError listing all problems
    and stores nothing. The series interval is checked against ``timeline`` (default: the
    shipped one; ContentError if that fails its own checks)."""
    problems = [
        problem
        for problem in (
            check_name(name),
            check_timezone(timezone),
            check_phone(phone),
            check_booking_url(booking_url),
            check_interval(series_interval_days, timeline or load_timeline()),
        )
        if problem
    ]
    if problems:
        raise ClinicInputError(problems)
    return store.clinics.add(
        name=" ".join(name.split()),
        phone=phone.strip(),
        timezone=timezone,
        booking_url=booking_url,
        series_interval_days=series_interval_days,
        now=now,
    )
