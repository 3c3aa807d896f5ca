"""A session's timeline laid out in time: when each step is due and until when it is worth sending.

Deliveries store these as rows; rendering waits until send time. ``now`` is passed in so that
an enrollment made late (a day after the session) skips what has already expired.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from bot.delivery.window import next_send_time
from bot.store.clinics import Clinic
from content.timeline import Timeline


@dataclass(frozen=True)
class PlannedStep:
    step_id: str
    due_at: datetime  # UTC, already moved into the clinic's send window
    expires_at: datetime  # UTC; not sent after this
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
    """
    if session_at.tzinfo is None:
        raise ValueError("session_at must be timezone-aware")
    session_at = session_at.astimezone(UTC)
    last_session = series_length is not None and session_number >= series_length
    interval = series_interval(clinic)
    planned = []
    for step in timeline.steps:
        if step.needs_next_session and last_session:
            continue
        due = next_send_time(session_at + step.offset.resolve(interval), clinic, step.immediate)
        item = PlannedStep(step.id, due, due + step.expires, step.group, step.immediate)
        if now is None or item.expires_at > now:
            planned.append(item)
    return planned


def series_interval(clinic: Clinic) -> timedelta:
    return timedelta(days=clinic.series_interval_days)


def next_session_date(session_at: datetime, clinic: Clinic) -> date:
    """The day the next session of a series falls due, in the clinic's calendar."""
    return (session_at + series_interval(clinic)).astimezone(clinic.zone).date()
