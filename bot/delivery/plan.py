"""A session's timeline laid out in time: when each step is due and until when it is worth sending.

Deliveries store these as rows; rendering waits until send time. ``now`` is passed in so that
an enrollment made late (a day after the session) skips what has already expired. Days are
calendar days in the clinic's zone ("1d" after 19:30 on the Saturday before the clocks go
forward is 19:30 on Sunday, 23 hours later), hours are elapsed time (``content.send_time``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from bot.delivery.window import clinic_window
from bot.store.clinics import Clinic
from content.send_time import send_time
from content.timeline import Timeline


@dataclass(frozen=True)
class PlannedStep:
    step_id: str
    due_at: datetime  # UTC, already moved into the clinic's send window
    expires_at: datetime  # UTC; not sent after this (``expires`` after due_at, elapsed time)
    group: str
    immediate: bool


def plan(
    timeline: Timeline,
    *,
    session_at: datetime,
    clinic: Clinic,
    session_number: int = 1,
    series_length: int | None = None,
    now: datetime | None = None,
) -> list[PlannedStep]:
    """The steps to send after one session, in order.

    Steps that lead to a next session are left out after the last session of a series
    (``series_length`` None means open-ended). With ``now``, steps already expired are left out.
    Raises ValueError for a naive ``session_at`` or a clinic whose send window is empty.
    """
    if session_at.tzinfo is None:
        raise ValueError("session_at must be timezone-aware")
    session_at = session_at.astimezone(UTC)
    last_session = series_length is not None and session_number >= series_length
    window, zone = clinic_window(clinic), clinic.zone
    planned = []
    for step in timeline.steps:
        if step.needs_next_session and last_session:
            continue
        due = send_time(
            step,
            session_at,
            zone=zone,
            window=window,
            interval_days=clinic.series_interval_days,
        )
        item = PlannedStep(step.id, due, due + step.expires, step.group, step.immediate)
        if now is None or item.expires_at > now:
            planned.append(item)
    return planned


def series_interval(clinic: Clinic) -> timedelta:
    """The clinic's series interval as a nominal duration (days of 24 hours), for display."""
    return timedelta(days=clinic.series_interval_days)


def next_session_date(session_at: datetime, clinic: Clinic) -> date:
    """The day the next session of a series falls due: the session's date in the clinic's
    calendar plus the series interval in calendar days."""
    return session_at.astimezone(clinic.zone).date() + series_interval(clinic)
