"""Clinics and their settings (name, phone, booking link, zone, send window, series interval,
opening hours, out-of-hours and emergency numbers), their audited changes and go-live approval."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from zoneinfo import ZoneInfo

from sqlite_utils import Database

from bot.store.timefmt import iso, parse


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


def _clinic(row: dict) -> Clinic:
    return Clinic(
        id=row["id"],
        name=row["name"],
        phone=row["phone"],
        timezone=row["timezone"],
        booking_url=row["booking_url"],
        window_start=time.fromisoformat(row["window_start"]),
        window_end=time.fromisoformat(row["window_end"]),
        series_interval_days=row["series_interval_days"],
        opening_hours=row["opening_hours"],
        out_of_hours_phone=row["out_of_hours_phone"],
        emergency_number=row["emergency_number"],
        approved_at=parse(row["approved_at"]),
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
    }
)


@dataclass(frozen=True)
class ClinicChange:
    """One audited change of a clinic's setting: `field` went from `old` to `new`."""

    clinic_id: int
    field: str
    old: str
    new: str
    author: str  # "staff:<chat id>" or "cli"
    at: datetime


class Clinics:
    def __init__(self, db: Database) -> None:
        self.db = db

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
        rows = list(self.db.query("SELECT * FROM clinics WHERE id = ?", [clinic_id]))
        return _clinic(rows[0]) if rows else None

    def all(self) -> list[Clinic]:
        return [_clinic(row) for row in self.db.query("SELECT * FROM clinics ORDER BY id")]

    def update(
        self,
        clinic_id: int,
        columns: dict[str, object],
        *,
        changes: list[tuple[str, str, str]],
        author: str,
        now: datetime,
    ) -> Clinic:
        """Set `columns` (names from SETTING_COLUMNS) and record each of `changes` (field, old,
        new) with `author` and `now`, in one transaction. KeyError for an unknown column,
        LookupError when the clinic is gone."""
        unknown = set(columns) - SETTING_COLUMNS
        if unknown:
            raise KeyError(f"not a clinic setting: {sorted(unknown)}")
        with self.db.atomic():
            if columns:
                assignments = ", ".join(f"{column} = ?" for column in columns)
                cursor = self.db.execute(
                    f"UPDATE clinics SET {assignments} WHERE id = ?",
                    [*(_stored(value) for value in columns.values()), clinic_id],
                )
                if cursor.rowcount != 1:
                    raise LookupError(f"no clinic {clinic_id}")
            self.db.conn.executemany(
                "INSERT INTO clinic_changes (clinic_id, field, old, new, author, at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [(clinic_id, field, old, new, author, iso(now)) for field, old, new in changes],
            )
        return self.get(clinic_id)

    def approve(self, clinic_id: int, *, author: str, now: datetime) -> bool:
        """Record the go-live review as approved (audited); False when it already was."""
        with self.db.atomic():
            cursor = self.db.execute(
                "UPDATE clinics SET approved_at = ?, approved_by = ?"
                " WHERE id = ? AND approved_at IS NULL",
                [iso(now), author, clinic_id],
            )
            if cursor.rowcount != 1:
                return False
            self.db.execute(
                "INSERT INTO clinic_changes (clinic_id, field, old, new, author, at)"
                " VALUES (?, 'go_live_review', 'not approved', 'approved', ?, ?)",
                [clinic_id, author, iso(now)],
            )
        return True

    def changes(self, clinic_id: int, *, limit: int = 20) -> list[ClinicChange]:
        """The clinic's newest audited changes, newest first."""
        rows = self.db.query(
            "SELECT * FROM clinic_changes WHERE clinic_id = ? ORDER BY id DESC LIMIT ?",
            [clinic_id, limit],
        )
        return [
            ClinicChange(
                r["clinic_id"], r["field"], r["old"], r["new"], r["author"], parse(r["at"])
            )
            for r in rows
        ]


def _stored(value: object) -> object:
    return value.strftime("%H:%M") if isinstance(value, time) else value
