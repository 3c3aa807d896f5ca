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

    def counts(self, clinic_id: int, *, since: datetime | None = None) -> dict[str, int]:
        """How many times each event happened at a clinic (since `since`, when given)."""
        after = "" if since is None else " AND at >= ?"
        params = [clinic_id] if since is None else [clinic_id, iso(since)]
        return dict(
            self.db.execute(
                f"SELECT name, count(*) FROM events WHERE clinic_id = ?{after} GROUP BY name",
                params,
            ).fetchall()
        )
