"""A clinic's opening hours: when its staff answer the phone, for out-of-hours urgent replies.

The rule lives with the content's other wall-clock rules: plain times in a zone, no bot types,
so the clinic settings (people) and the FAQ's urgent reply (faq) both use it without one area
calling the other.

Written for people as "Mon-Fri 09:00-18:00, Sat 10:00-13:00" (days Mon..Sun or "daily", one
or more ranges a day, "closed" for a day off); stored in that canonical form. Hours are wall
clock times in the clinic's zone; an empty text means the clinic gave none, and then no reply
says it is closed. A range ends on the same day (24:00 is the end of the day).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, time
from itertools import pairwise
from zoneinfo import ZoneInfo

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
EXAMPLE = "Mon-Fri 09:00-18:00, Sat 10:00-13:00"
END_OF_DAY = time.max
_DAY = {name.lower(): i for i, name in enumerate(DAYS)}
_FULL = {
    name.lower(): i
    for i, name in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
}
_RANGE = re.compile(r"([0-9]{1,2}):([0-9]{2})\s*[-–]\s*([0-9]{1,2}):([0-9]{2})")
_EVERY_DAY = ("daily", "every day", "mon-sun")

Hours = dict[int, tuple[tuple[time, time], ...]]  # weekday (0 = Monday) -> open ranges


class HoursError(ValueError):
    """Opening hours that cannot be read; the message says what and how to write them."""


def parse(text: str) -> Hours:
    """Opening hours from their written form; HoursError naming the part that is wrong."""
    hours: Hours = {}
    groups = [group.strip() for group in re.split(r"[,;]", text) if group.strip()]
    if not groups:
        raise HoursError(f"no opening hours given; write them like {EXAMPLE}")
    for group in groups:
        days, ranges = _group(group)
        for day in days:
            if day in hours:
                raise HoursError(f"{DAYS[day]} is given twice in {text[:80]!r}")
            hours[day] = ranges
    return {day: ranges for day, ranges in hours.items() if ranges}


def _group(group: str) -> tuple[list[int], tuple[tuple[time, time], ...]]:
    found = _RANGE.search(group)
    head = (group[: found.start()] if found else group).strip().lower()
    rest = group[found.start() :] if found else ""
    if head.endswith("closed"):
        head, rest = head.removesuffix("closed").strip(), "closed"
    elif found is None:
        # No time range at all: name the days if they are days, then the unreadable hours.
        first = "every day" if head.startswith("every day") else (head.split() or [""])[0]
        _days(first, group)
        raise HoursError(f"can't read the hours in {group[:60]!r}; write them like {EXAMPLE}")
    days = _days(head, group)
    if rest.strip().lower() == "closed":
        return days, ()
    ranges = [_range(match) for match in _RANGE.finditer(rest)]
    leftover = _RANGE.sub("", rest).strip()
    if not ranges or leftover:
        raise HoursError(f"can't read the hours in {group[:60]!r}; write them like {EXAMPLE}")
    ranges.sort()
    for (_, end), (start, _) in pairwise(ranges):
        if start < end:
            raise HoursError(f"the hours in {group[:60]!r} overlap")
    return days, tuple(ranges)


def _days(head: str, group: str) -> list[int]:
    if head in _EVERY_DAY:
        return list(range(7))
    first, dash, last = (part.strip() for part in head.partition("-"))
    start, end = _day(first, group), _day(last, group) if dash else None
    if end is None:
        return [start]
    if end < start:
        raise HoursError(f"{DAYS[start]}-{DAYS[end]} runs backwards; write days Mon to Sun")
    return list(range(start, end + 1))


def _day(word: str, group: str) -> int:
    found = _DAY.get(word[:3]) if len(word) == 3 else _FULL.get(word)
    if found is None:
        raise HoursError(
            f"no day in {group[:60]!r}: start each part with a day (Mon..Sun, Mon-Fri or "
            f"daily), like {EXAMPLE}"
        )
    return found


def _range(match: re.Match[str]) -> tuple[time, time]:
    h1, m1, h2, m2 = (int(part) for part in match.groups())
    if h1 > 23 or m1 > 59 or m2 > 59 or h2 > 24 or (h2 == 24 and m2):
        raise HoursError(f"{match[0]} is not a time range (hours 00-24, minutes 00-59)")
    start, end = time(h1, m1), END_OF_DAY if h2 == 24 else time(h2, m2)
    if end <= start:
        raise HoursError(f"{match[0]} ends before it starts; a range must end the same day")
    return start, end


def written(hours: Hours) -> str:
    """The canonical written form: consecutive days with the same hours joined (Mon-Fri)."""
    parts: list[str] = []
    day = 0
    while day < 7:
        ranges = hours.get(day)
        if not ranges:
            day += 1
            continue
        last = day
        while last + 1 < 7 and hours.get(last + 1) == ranges:
            last += 1
        days = DAYS[day] if last == day else f"{DAYS[day]}-{DAYS[last]}"
        if day == 0 and last == 6:
            days = "daily"
        parts.append(f"{days} {' '.join(_written_range(r) for r in ranges)}")
        day = last + 1
    return ", ".join(parts)


def _written_range(span: tuple[time, time]) -> str:
    start, end = span
    return f"{start:%H:%M}-{'24:00' if end == END_OF_DAY else f'{end:%H:%M}'}"


def is_closed(written_hours: str, zone: ZoneInfo, at_utc: datetime) -> bool:
    """True when `at_utc` (timezone-aware) falls outside `written_hours` on the wall clock of
    `zone`; False when no hours are given, or they cannot be read (an unreadable setting must
    not turn every urgent reply into "closed")."""
    if not written_hours:
        return False
    try:
        hours = parse(written_hours)
    except HoursError:
        return False
    local = at_utc.astimezone(UTC).astimezone(zone)
    wall = local.time().replace(tzinfo=None)
    return not any(start <= wall < end for start, end in hours.get(local.weekday(), ()))
