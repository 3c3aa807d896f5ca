"""A clinic as the domain sees it: the values templates, send windows and replies use."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Clinic:
    id: int
    name: str
    phone: str
    timezone: str = "Europe/London"
    booking_url: str = ""
    window_start: time = time(9, 0)
    window_end: time = time(20, 0)
    series_interval_days: int = 28

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


# Used by `aftercare preview` and `aftercare ask` when no clinic is named, and by the demo.
EXAMPLE_CLINIC = Clinic(
    id=0,
    name="Example Skin Clinic",
    phone="+44 20 7946 0000",
    timezone="Europe/London",
    booking_url="https://example.com/book",
)
