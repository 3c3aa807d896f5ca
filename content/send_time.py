"""When a timeline step is sent: its offset after the session, then the clinic's send window.

Both are worked out on the clinic's wall clock with zoneinfo; times go in and out in UTC. "1d"
is the same local time on the next calendar day (``content.offset``), and a 09:00-20:00 window
stays 09:00-20:00 across daylight-saving changes. A window may cross midnight (22:00-02:00); a
window whose start equals its end is rejected as ambiguous.

``send_time`` is the one planning rule: ``bot.delivery.plan`` plans new outbox rows with it and
the store's migration re-plans rows planned before days were calendar days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from content.offset import local_to_utc
from content.step import Step


@dataclass(frozen=True)
class SendWindow:
    """A clinic's sending hours as wall-clock times; ValueError when start equals end."""

    start: time = time(9, 0)
    end: time = time(20, 0)

    def __post_init__(self) -> None:
        if self.start == self.end:
            raise ValueError(
                f"send window {self.start:%H:%M}-{self.end:%H:%M} is empty or all day: "
                "start and end must differ"
            )

    def contains(self, at_utc: datetime, zone: ZoneInfo) -> bool:
        """True when ``at_utc`` falls inside the window in ``zone`` (start inclusive)."""
        wall = _utc(at_utc).astimezone(zone).time().replace(tzinfo=None)
        if self.start < self.end:
            return self.start <= wall < self.end
        return wall >= self.start or wall < self.end

    def next_opening(self, due_utc: datetime, zone: ZoneInfo) -> datetime:
        """The earliest moment at or after ``due_utc`` inside the window, in UTC.

        An opening time that does not exist that day (a window starting inside the
        spring-forward gap, between 01:00 and 02:00 in Europe) opens at the first valid time.
        """
        due = _utc(due_utc)
        if self.contains(due, zone):
            return due
        local = due.astimezone(zone)
        opening_day = local.date()
        if local.time().replace(tzinfo=None) >= self.start:
            opening_day += timedelta(days=1)
        return _at(opening_day, self.start, zone)


def send_time(
    step: Step, session_at: datetime, *, zone: ZoneInfo, window: SendWindow, interval_days: int
) -> datetime:
    """When ``step`` goes out after a session at ``session_at`` (timezone-aware), in UTC.

    The offset is counted in the clinic's calendar (``Offset.after``: days on the wall clock of
    ``zone``, hours as elapsed time, ``interval`` as ``interval_days`` calendar days); unless
    the step is immediate, the moment then waits for ``window`` to open. Raises ValueError for
    a naive ``session_at``.
    """
    due = step.offset.after(_utc(session_at), zone, interval_days)
    return due if step.immediate else window.next_opening(due, zone)


def _at(day: date, wall: time, zone: ZoneInfo) -> datetime:
    return local_to_utc(datetime.combine(day, wall), zone)


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("times must be timezone-aware (UTC)")
    return moment.astimezone(UTC)
