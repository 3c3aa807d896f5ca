"""Clinics and their settings (name, phone, booking link, zone, send window, series interval)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from zoneinfo import ZoneInfo

from bot.store.rows import Table
from bot.store.timefmt import iso


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


class Clinics(Table[Clinic]):
    row_type = Clinic

    def add(
        self,
        *,
        name: str,
        phone: str,
        timezone: str,
        now: datetime,
        booking_url: str = "",
        window_start: time = time(9, 0),
        window_end: time = time(20, 0),
        series_interval_days: int = 28,
    ) -> Clinic:
        with self.db.atomic():
            cursor = self.db.execute(
                "INSERT INTO clinics (name, phone, timezone, booking_url, window_start,"
                " window_end, series_interval_days, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    name,
                    phone,
                    timezone,
                    booking_url,
                    window_start.strftime("%H:%M"),
                    window_end.strftime("%H:%M"),
                    series_interval_days,
                    iso(now),
                ],
            )
        return self.get(cursor.lastrowid)

    def get(self, clinic_id: int) -> Clinic | None:
        return self._one("SELECT * FROM clinics WHERE id = ?", [clinic_id])

    def all(self) -> list[Clinic]:
        return self._all("SELECT * FROM clinics ORDER BY id")
