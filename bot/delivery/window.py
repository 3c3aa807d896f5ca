"""Send windows: a message due outside a clinic's hours waits for the next opening.

The rule itself (wall-clock hours in the clinic's zone, DST-correct, windows across midnight)
is ``content.send_time.SendWindow``, shared with planning and the store's re-planning; this
module applies it to a clinic. Times come in and go out in UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime

from bot.store.clinics import Clinic
from content.send_time import SendWindow


def clinic_window(clinic: Clinic) -> SendWindow:
    """The clinic's send window; ValueError when its start equals its end."""
    return SendWindow(clinic.window_start, clinic.window_end)


def in_window(at_utc: datetime, clinic: Clinic) -> bool:
    """True when ``at_utc`` falls inside the clinic's send window (start inclusive)."""
    return clinic_window(clinic).contains(at_utc, clinic.zone)


def next_send_time(due_utc: datetime, clinic: Clinic, immediate: bool) -> datetime:
    """The earliest moment at or after ``due_utc`` when the message may go out, in UTC.

    Immediate steps ignore the window. A window opening inside a DST gap opens at the first
    valid time. ValueError for a naive time or an empty window.
    """
    if immediate:
        if due_utc.tzinfo is None:
            raise ValueError("times must be timezone-aware (UTC)")
        return due_utc.astimezone(UTC)
    return clinic_window(clinic).next_opening(due_utc, clinic.zone)
