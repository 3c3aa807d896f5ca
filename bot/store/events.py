"""Events: counters for /stats and an audit trail. Names and ids only, never text."""

from __future__ import annotations

from datetime import datetime

from bot.store.rows import Table
from bot.store.timefmt import iso


class Events(Table):
    def record(
        self,
        name: str,
        *,
        now: datetime,
        clinic_id: int | None = None,
        patient_id: int | None = None,
    ) -> None:
        self.db.execute(
            "INSERT INTO events (at, clinic_id, patient_id, name) VALUES (?, ?, ?, ?)",
            [iso(now), clinic_id, patient_id, name],
        )

    def counts(self, clinic_id: int) -> dict[str, int]:
        """How many times each event happened at a clinic."""
        return dict(
            self.db.execute(
                "SELECT name, count(*) FROM events WHERE clinic_id = ? GROUP BY name",
                [clinic_id],
            ).fetchall()
        )
