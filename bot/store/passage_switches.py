"""Passages of the guide a clinic has switched off: versioned rows, the newest per passage wins.

Every change is a new row (state, version, author, time); nothing is updated or deleted, so the
history of who switched what survives.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.store.rows import Versioned
from bot.store.timefmt import iso


@dataclass(frozen=True)
class PassageSwitch:
    clinic_id: int
    passage_id: str
    state: str  # "off" | "on"
    version: int
    author: str
    created_at: datetime


class PassageSwitches(Versioned[PassageSwitch]):
    row_type = PassageSwitch
    table = "passage_switches"

    def record(
        self, clinic_id: int, passage_id: str, state: str, author: str, now: datetime
    ) -> PassageSwitch:
        """Store a new version of the passage's state for the clinic ("off" or "on")."""
        with self.db.atomic():
            version = self._next_version(
                "clinic_id = ? AND passage_id = ?", [clinic_id, passage_id]
            )
            self.db.execute(
                "INSERT INTO passage_switches (clinic_id, passage_id, state, version, author,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?)",
                [clinic_id, passage_id, state, version, author, iso(now)],
            )
        current = self.current(clinic_id, passage_id)
        assert current is not None
        return current

    def current(self, clinic_id: int, passage_id: str) -> PassageSwitch | None:
        """The newest change for the passage, or None when the clinic never switched it."""
        return self._newest("clinic_id = ? AND passage_id = ?", [clinic_id, passage_id])

    def latest_for_clinic(self, clinic_id: int) -> dict[str, PassageSwitch]:
        """The newest change of every passage the clinic ever switched, by passage id."""
        return self._newest_each("passage_id", "clinic_id = ?", [clinic_id])

    def off_for_clinic(self, clinic_id: int) -> frozenset[str]:
        """Ids of the passages switched off for the clinic now."""
        latest = self.latest_for_clinic(clinic_id)
        return frozenset(pid for pid, s in latest.items() if s.state == "off")

    def history(self, clinic_id: int, passage_id: str) -> list[PassageSwitch]:
        """Every change of the passage for the clinic, oldest first."""
        return self._versions("clinic_id = ? AND passage_id = ?", [clinic_id, passage_id])
