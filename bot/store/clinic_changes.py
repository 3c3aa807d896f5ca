"""The audit of clinics' settings: every change with who made it, when, and old -> new.

Rows are only ever added. Written in the same transaction as the change itself (the callers:
`bot.people.clinic_settings`, `bot.people.golive`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.store.rows import Table
from bot.store.timefmt import iso


@dataclass(frozen=True)
class ClinicChange:
    """One audited change of a clinic's setting: `field` went from `old` to `new`."""

    clinic_id: int
    field: str
    old: str
    new: str
    author: str  # "staff:<chat id>" or "cli"
    at: datetime


class ClinicChanges(Table[ClinicChange]):
    row_type = ClinicChange
    table = "clinic_changes"

    def record(
        self, clinic_id: int, changes: list[tuple[str, str, str]], *, author: str, now: datetime
    ) -> None:
        """Add one row per (field, old, new) of `changes`."""
        self.db.conn.executemany(
            "INSERT INTO clinic_changes (clinic_id, field, old, new, author, at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            [(clinic_id, field, old, new, author, iso(now)) for field, old, new in changes],
        )

    def newest(self, clinic_id: int, *, limit: int = 20) -> list[ClinicChange]:
        """The clinic's newest changes, newest first."""
        return self._all(
            "SELECT * FROM clinic_changes WHERE clinic_id = ? ORDER BY id DESC LIMIT ?",
            [clinic_id, limit],
        )
