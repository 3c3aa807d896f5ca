"""Clinics and their settings (name, phone, booking link, zone, send window, series interval,
opening hours, out-of-hours and emergency numbers, when to raise unanswered urgent messages)
and their go-live approval. Each change is audited in `clinic_changes`, written by the caller
in the same transaction."""

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
    opening_hours: str = ""  # "Mon-Fri 09:00-18:00, Sat 10:00-13:00"; "" when not given
    out_of_hours_phone: str = ""  # answers urgent calls while the clinic is closed
    emergency_number: str = ""  # the local emergency line, e.g. 999; "" when not given
    raise_after_minutes: int = 10  # an urgent escalation nobody answers is raised again
    approved_at: datetime | None = None  # go-live review approved (None: not yet)

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


# The columns `Clinics.update` may change; anything else is a programming error.
SETTING_COLUMNS = frozenset(
    {
        "name",
        "phone",
        "timezone",
        "booking_url",
        "window_start",
        "window_end",
        "series_interval_days",
        "opening_hours",
        "out_of_hours_phone",
        "emergency_number",
        "raise_after_minutes",
    }
)


class Clinics(Table[Clinic]):
    row_type = Clinic
    table = "clinics"

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
            new_id = self._insert_id(
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
        return self.get(new_id)

    def get(self, clinic_id: int) -> Clinic | None:
        return self._one("SELECT * FROM clinics WHERE id = ?", [clinic_id])

    def all(self) -> list[Clinic]:
        return self._all("SELECT * FROM clinics ORDER BY id")

    def update(self, clinic_id: int, columns: dict[str, object]) -> Clinic:
        """Set `columns` (names from SETTING_COLUMNS; times as HH:MM); KeyError for any other
        column, LookupError when the clinic is gone. The caller records the audit rows."""
        unknown = set(columns) - SETTING_COLUMNS
        if unknown:
            raise KeyError(f"not a clinic setting: {sorted(unknown)}")
        if columns:
            assignments = ", ".join(f"{column} = ?" for column in columns)
            values = [v.strftime("%H:%M") if isinstance(v, time) else v for v in columns.values()]
            cursor = self.db.execute(
                f"UPDATE clinics SET {assignments} WHERE id = ?", [*values, clinic_id]
            )
            if cursor.rowcount != 1:
                raise LookupError(f"no clinic {clinic_id}")
        return self.get(clinic_id)

    def approve(self, clinic_id: int, *, author: str, now: datetime) -> bool:
        """Record the go-live review as approved by `author`; False when it already was."""
        cursor = self.db.execute(
            "UPDATE clinics SET approved_at = ?, approved_by = ?"
            " WHERE id = ? AND approved_at IS NULL",
            [iso(now), author, clinic_id],
        )
        return cursor.rowcount == 1
