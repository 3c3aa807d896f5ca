"""Treatment sessions: when a patient was treated, and which session of a series it was."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.store.rows import Table
from bot.store.timefmt import iso


@dataclass(frozen=True)
class Session:
    id: int
    patient_id: int
    clinic_id: int
    session_at: datetime
    session_number: int
    series_length: int | None
    booked_at: datetime | None


class Sessions(Table[Session]):
    row_type = Session

    def add(
        self,
        *,
        patient_id: int,
        clinic_id: int,
        session_at: datetime,
        now: datetime,
        session_number: int = 1,
        series_length: int | None = None,
    ) -> Session:
        cursor = self.db.execute(
            "INSERT INTO sessions (patient_id, clinic_id, session_at, session_number,"
            " series_length, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            [patient_id, clinic_id, iso(session_at), session_number, series_length, iso(now)],
        )
        return self.get(cursor.lastrowid)

    def get(self, session_id: int) -> Session | None:
        return self._one("SELECT * FROM sessions WHERE id = ?", [session_id])

    def for_patient(self, patient_id: int) -> list[Session]:
        return self._all(
            "SELECT * FROM sessions WHERE patient_id = ? ORDER BY session_at, id", [patient_id]
        )

    def latest(self, patient_id: int) -> Session | None:
        sessions = self.for_patient(patient_id)
        return sessions[-1] if sessions else None

    def move(self, session_id: int, patient_id: int) -> None:
        """Attach a session to another patient row (a returning patient's next session)."""
        self.db.execute("UPDATE sessions SET patient_id = ? WHERE id = ?", [patient_id, session_id])
