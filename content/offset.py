"""When a step is due, relative to the session: "0", "4h", "2d 12h", "interval - 5d".

Days and weeks are calendar time in the clinic's zone: "1d" is the same wall-clock time on the
next calendar day, 23 or 25 hours later when the clocks change overnight. Hours and minutes are
elapsed time: "4h" is four hours later whatever the clocks do. ``interval`` is the clinic's
series interval, in calendar days too, so a clinic that books every six weeks gets its booking
prompt six weeks on without editing the timeline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

_DAYS = {"w": 7, "d": 1}  # calendar days
_ELAPSED = {"h": timedelta(hours=1), "m": timedelta(minutes=1)}
_TERM = re.compile(r"(\d+)\s*([wdhm])")
_DURATION = re.compile(r"(?:\d+\s*[wdhm]\s*)+")
_HELP = 'use e.g. "0", "30m", "4h", "2d 12h", "1w"'


@dataclass(frozen=True)
class Offset:
    """``days`` calendar days (a week is 7), then ``elapsed`` time (hours, minutes); with
    ``with_interval`` the clinic's series interval (calendar days) is added. Both parts are
    negative for "interval - …". ``text`` is how the timeline wrote it, for messages."""

    days: int = 0
    elapsed: timedelta = timedelta(0)
    with_interval: bool = False
    text: str = field(default="0", compare=False)

    @property
    def fixed(self) -> timedelta:
        """The part besides the interval as a nominal duration (a day counted as 24 hours)."""
        return timedelta(days=self.days) + self.elapsed

    def resolve(self, interval: timedelta) -> timedelta:
        """The nominal time after the session for a series ``interval``, a day counted as 24
        hours: for putting steps in order and showing them; ``after`` gives the real moment."""
        return self.fixed + (interval if self.with_interval else timedelta(0))

    def calendar_days(self, interval_days: int) -> int:
        """The calendar days this offset counts for a series interval of ``interval_days``."""
        return self.days + (interval_days if self.with_interval else 0)

    def after(self, start: datetime, zone: ZoneInfo, interval_days: int = 0) -> datetime:
        """The moment this offset after ``start`` (timezone-aware), in UTC.

        Calendar days are counted on the wall clock in ``zone``: the same local time N days
        later. A local time that does not exist (in the spring-forward gap) moves forward to the
        first valid time, the moment the clocks changed; a local time that happens twice (the
        autumn repeated hour) is its first occurrence. Hours and minutes are then added as
        elapsed time. Raises ValueError for a naive ``start``.
        """
        if start.tzinfo is None:
            raise ValueError("the start of an offset must be timezone-aware")
        moment = start.astimezone(UTC)
        days = self.calendar_days(interval_days)
        if days:
            wall = moment.astimezone(zone).replace(tzinfo=None) + timedelta(days=days)
            moment = local_to_utc(wall, zone)
        return moment + self.elapsed


def local_to_utc(wall: datetime, zone: ZoneInfo) -> datetime:
    """A naive wall-clock reading in ``zone`` as a UTC moment.

    A reading that happens twice (the autumn repeated hour) is its first occurrence; one that
    never happens (the spring-forward gap) moves forward to the first valid time, the moment
    the clocks changed (01:30 on the night London goes forward is 02:00 BST).
    """
    first = wall.replace(tzinfo=zone, fold=0).astimezone(UTC)
    if first.astimezone(zone).replace(tzinfo=None) == wall:
        return first
    # In a gap: read with the offset after the change (fold=1) it is an instant before the
    # change, with the offset before it (fold=0) one after; the change lies in between.
    low = int(wall.replace(tzinfo=zone, fold=1).astimezone(UTC).timestamp())
    high = int(first.timestamp())
    after_change = first.astimezone(zone).utcoffset()
    while high - low > 1:
        middle = (low + high) // 2
        if datetime.fromtimestamp(middle, zone).utcoffset() == after_change:
            high = middle
        else:
            low = middle
    return datetime.fromtimestamp(high, UTC)


def _parts(text: object) -> tuple[int, timedelta]:
    value = str(text).strip().lower()
    if value == "0":
        return 0, timedelta(0)
    if not _DURATION.fullmatch(value):
        raise ValueError(f"{text!r} is not a duration: {_HELP}")
    days, elapsed = 0, timedelta(0)
    for number, unit in _TERM.findall(value):
        if unit in _DAYS:
            days += int(number) * _DAYS[unit]
        else:
            elapsed += int(number) * _ELAPSED[unit]
    return days, elapsed


def parse_duration(text: object) -> timedelta:
    """A non-negative duration such as "4h" or "2d 12h" (a day as 24 hours); ValueError with a
    hint otherwise."""
    days, elapsed = _parts(text)
    return timedelta(days=days) + elapsed


def parse_offset(text: object) -> Offset:
    """A duration after the session, or ``interval`` plus or minus one; ValueError with a hint
    otherwise."""
    value = str(text).strip().lower()
    written = " ".join(str(text).split())
    if not value.startswith("interval"):
        days, elapsed = _parts(value)
        return Offset(days, elapsed, text=written)
    rest = value.removeprefix("interval").strip()
    if not rest:
        return Offset(with_interval=True, text=written)
    if rest[0] not in "+-":
        raise ValueError(f'{text!r}: write "interval + 2d" or "interval - 5d"')
    days, elapsed = _parts(rest[1:])
    sign = 1 if rest[0] == "+" else -1
    return Offset(sign * days, sign * elapsed, with_interval=True, text=written)
