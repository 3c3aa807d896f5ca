"""When a step is due, relative to the session: "0", "4h", "2d 12h", "interval - 5d".

``interval`` is the clinic's series interval (weeks between sessions), so a clinic that books
every six weeks gets its booking prompt six weeks on without editing the timeline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

_UNITS = {"w": timedelta(weeks=1), "d": timedelta(days=1), "h": timedelta(hours=1)}
_UNITS["m"] = timedelta(minutes=1)
_TERM = re.compile(r"(\d+)\s*([wdhm])")
_DURATION = re.compile(r"(?:\d+\s*[wdhm]\s*)+")
_HELP = 'use e.g. "0", "30m", "4h", "2d 12h", "1w"'


@dataclass(frozen=True)
class Offset:
    fixed: timedelta
    with_interval: bool = False

    def resolve(self, interval: timedelta) -> timedelta:
        return self.fixed + (interval if self.with_interval else timedelta(0))


def parse_duration(text: object) -> timedelta:
    """A non-negative duration such as "4h" or "2d 12h"; ValueError with a hint otherwise."""
    value = str(text).strip().lower()
    if value == "0":
        return timedelta(0)
    if not _DURATION.fullmatch(value):
        raise ValueError(f"{text!r} is not a duration: {_HELP}")
    return sum(
        (int(n) * _UNITS[unit] for n, unit in _TERM.findall(value)),
        timedelta(0),
    )


def parse_offset(text: object) -> Offset:
    """A duration after the session, or ``interval`` plus or minus one."""
    value = str(text).strip().lower()
    if not value.startswith("interval"):
        return Offset(parse_duration(value))
    rest = value.removeprefix("interval").strip()
    if not rest:
        return Offset(timedelta(0), with_interval=True)
    if rest[0] not in "+-":
        raise ValueError(f'{text!r}: write "interval + 2d" or "interval - 5d"')
    fixed = parse_duration(rest[1:])
    return Offset(fixed if rest[0] == "+" else -fixed, with_interval=True)
