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


@dataclass(frozen=True)
class EarlierEnrollment:
    """A session enrolled before, with its patient and its link (token None: no link)."""

    session_id: int
    patient_id: int
    first_name: str | None
    status: str
    token: str | None
    link_used: bool


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
        ref: str | None = None,
    ) -> Session:
        """`ref`: the clinic's own booking reference, if it gave one."""
        new_id = self._insert_id(
            "INSERT INTO sessions (patient_id, clinic_id, session_at, session_number,"
            " series_length, ref, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                patient_id, clinic_id, iso(session_at), session_number, series_length, ref,
                iso(now),
            ],
        )  # fmt: skip
        return self.get(new_id)

    def enrolled_before(
        self, clinic_id: int, *, ref: str | None, session_at: datetime
    ) -> list[EarlierEnrollment]:
        """The clinic's sessions with booking reference `ref`, or without one those at
        `session_at`, of patients not forgotten; oldest first. A link counts as used once a
        patient opened it (a consent prompt), agreed or not."""
        where, value = ("s.ref = ?", ref) if ref else ("s.session_at = ?", iso(session_at))
        rows = self.db.query(
            "SELECT s.id AS session_id, p.id AS patient_id, p.first_name, p.status,"
            " i.token, i.used_at IS NOT NULL OR EXISTS (SELECT 1 FROM consent_prompts c"
            "  WHERE c.token = i.token) AS opened"
            " FROM sessions s JOIN patients p ON p.id = s.patient_id"
            " LEFT JOIN invites i ON i.session_id = s.id"
            f" WHERE s.clinic_id = ? AND {where} AND p.status != 'forgotten' ORDER BY s.id",
            [clinic_id, value],
        )
        return [
            EarlierEnrollment(
                r["session_id"], r["patient_id"], r["first_name"], r["status"], r["token"],
                bool(r["opened"]),
            )
            for r in rows
        ]  # fmt: skip

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
