"""Escalations: a patient's red flag or unanswered question, sent to the clinic's staff.

kind: urgent | unknown; status: open | replied | closed
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from bot.store.timefmt import iso, parse


@dataclass(frozen=True)
class Escalation:
    id: int
    clinic_id: int
    patient_id: int
    kind: str
    category: str | None
    question: str | None
    status: str
    created_at: datetime
    replied_at: datetime | None
    replied_by: int | None
    message_id: int | None = None  # the patient's message in their chat, when known


def _escalation(row: dict) -> Escalation:
    return Escalation(
        id=row["id"],
        clinic_id=row["clinic_id"],
        patient_id=row["patient_id"],
        kind=row["kind"],
        category=row["category"],
        question=row["question"],
        status=row["status"],
        created_at=parse(row["created_at"]),
        replied_at=parse(row["replied_at"]),
        replied_by=row["replied_by"],
        message_id=row.get("message_id"),
    )


class Escalations:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(
        self,
        *,
        clinic_id: int,
        patient_id: int,
        kind: str,
        category: str | None,
        question: str,
        now: datetime,
        message_id: int | None = None,
    ) -> Escalation:
        cursor = self.db.execute(
            "INSERT INTO escalations (clinic_id, patient_id, kind, category, question,"
            " created_at, message_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [clinic_id, patient_id, kind, category, question, iso(now), message_id],
        )
        return self.get(cursor.lastrowid)

    def get(self, escalation_id: int) -> Escalation | None:
        rows = list(self.db.query("SELECT * FROM escalations WHERE id = ?", [escalation_id]))
        return _escalation(rows[0]) if rows else None

    def for_patient(self, patient_id: int) -> list[Escalation]:
        return [
            _escalation(row)
            for row in self.db.query(
                "SELECT * FROM escalations WHERE patient_id = ? ORDER BY id", [patient_id]
            )
        ]

    def urgent_for_message(self, patient_id: int, message_id: int) -> bool:
        """Whether the patient's message `message_id` already raised an urgent escalation."""
        row = self.db.execute(
            "SELECT 1 FROM escalations WHERE patient_id = ? AND message_id = ?"
            " AND kind = 'urgent' LIMIT 1",
            [patient_id, message_id],
        ).fetchone()
        return row is not None

    def mark_replied(self, escalation_id: int, *, by: int, now: datetime) -> None:
        """Record a staff reply; a later reply updates who and when (the outcome stays)."""
        self.db.execute(
            "UPDATE escalations SET status = 'replied', replied_at = ?, replied_by = ?"
            " WHERE id = ?",
            [iso(now), by, escalation_id],
        )

    def add_forward(self, escalation_id: int, *, chat_id: int, message_id: int) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO escalation_forwards (chat_id, message_id, escalation_id)"
            " VALUES (?, ?, ?)",
            [chat_id, message_id, escalation_id],
        )

    def forwarded_as(self, *, chat_id: int, message_id: int) -> int | None:
        """The escalation a staff chat's message `message_id` forwarded, if any."""
        row = self.db.execute(
            "SELECT escalation_id FROM escalation_forwards WHERE chat_id = ? AND message_id = ?",
            [chat_id, message_id],
        ).fetchone()
        return None if row is None else row[0]
