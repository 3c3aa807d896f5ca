"""Send windows: a message due outside a clinic's hours waits for the next opening.

Times come in and go out in UTC; the window is applied in the clinic's own zone with zoneinfo,
so "09:00" stays 09:00 on the wall clock across daylight-saving changes. A window may cross
midnight (22:00-02:00); a window whose start equals its end is rejected as ambiguous.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.store.clinics import Clinic


def check_window(start: time, end: time) -> None:
    """Raise ValueError for a window the scheduler cannot interpret."""
    if start == end:
        raise ValueError(
            f"send window {start:%H:%M}-{end:%H:%M} is empty or all day: start and end must differ"
        )


def in_window(at_utc: datetime, clinic: Clinic) -> bool:
    """True when ``at_utc`` falls inside the clinic's send window (start inclusive)."""
    check_window(clinic.window_start, clinic.window_end)
    wall = _utc(at_utc).astimezone(clinic.zone).time().replace(tzinfo=None)
    start, end = clinic.window_start, clinic.window_end
    if start < end:
        return start <= wall < end
    return wall >= start or wall < end


def next_send_time(due_utc: datetime, clinic: Clinic, immediate: bool) -> datetime:
    """The earliest moment at or after ``due_utc`` when the message may go out, in UTC.

    Immediate steps ignore the window. A window opening inside a DST gap (rare: only windows
    starting between 01:00 and 02:00 in Europe) opens at the same time on the shifted clock.
    """
    due = _utc(due_utc)
    if immediate or in_window(due, clinic):
        return due
    local = due.astimezone(clinic.zone)
    start = clinic.window_start
    opening_day = local.date()
    if local.time().replace(tzinfo=None) >= start:
        opening_day += timedelta(days=1)
    return _at(opening_day, start, clinic.zone)


def _at(day: date, wall: time, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, wall, tzinfo=zone).astimezone(UTC)


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("times must be timezone-aware (UTC)")
    return moment.astimezone(UTC)
