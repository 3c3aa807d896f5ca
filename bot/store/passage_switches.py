"""Passages of the guide a clinic has switched off: versioned rows, the newest per passage wins.

Every change is a new row (state, version, author, time); nothing is updated or deleted, so the
history of who switched what survives.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from bot.store.timefmt import iso, parse


@dataclass(frozen=True)
class PassageSwitch:
    clinic_id: int
    passage_id: str
    state: str  # "off" | "on"
    version: int
    author: str
    created_at: datetime


def _switch(row: dict) -> PassageSwitch:
    return PassageSwitch(
        clinic_id=row["clinic_id"],
        passage_id=row["passage_id"],
        state=row["state"],
        version=row["version"],
        author=row["author"],
        created_at=parse(row["created_at"]),
    )


class PassageSwitches:
    def __init__(self, db: Database) -> None:
        self.db = db

    def record(
        self, clinic_id: int, passage_id: str, state: str, author: str, now: datetime
    ) -> PassageSwitch:
        """Store a new version of the passage's state for the clinic ("off" or "on")."""
        with self.db.atomic():
            latest = self.db.execute(
                "SELECT coalesce(max(version), 0) FROM passage_switches"
                " WHERE clinic_id = ? AND passage_id = ?",
                [clinic_id, passage_id],
            ).fetchone()[0]
            self.db.execute(
                "INSERT INTO passage_switches (clinic_id, passage_id, state, version, author,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?)",
                [clinic_id, passage_id, state, latest + 1, author, iso(now)],
            )
        current = self.current(clinic_id, passage_id)
        assert current is not None
        return current

    def current(self, clinic_id: int, passage_id: str) -> PassageSwitch | None:
        """The newest change for the passage, or None when the clinic never switched it."""
        rows = list(
            self.db.query(
                "SELECT * FROM passage_switches WHERE clinic_id = ? AND passage_id = ?"
                " ORDER BY version DESC LIMIT 1",
                [clinic_id, passage_id],
            )
        )
        return _switch(rows[0]) if rows else None

    def latest_for_clinic(self, clinic_id: int) -> dict[str, PassageSwitch]:
        """The newest change of every passage the clinic ever switched, by passage id."""
        rows = self.db.query(
            "SELECT * FROM passage_switches WHERE clinic_id = ? ORDER BY passage_id, version",
            [clinic_id],
        )
        return {row["passage_id"]: _switch(row) for row in rows}

    def off_for_clinic(self, clinic_id: int) -> frozenset[str]:
        """Ids of the passages switched off for the clinic now."""
        latest = self.latest_for_clinic(clinic_id)
        return frozenset(pid for pid, s in latest.items() if s.state == "off")

    def history(self, clinic_id: int, passage_id: str) -> list[PassageSwitch]:
        """Every change of the passage for the clinic, oldest first."""
        return [
            _switch(row)
            for row in self.db.query(
                "SELECT * FROM passage_switches WHERE clinic_id = ? AND passage_id = ?"
                " ORDER BY version",
                [clinic_id, passage_id],
            )
        ]
