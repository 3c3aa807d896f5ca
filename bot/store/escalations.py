"""Escalations: a patient's red flag or unanswered question, sent to the clinic's staff.

kind: urgent | unknown | photo; status: open | replied | closed. A photo is kept as Telegram's
file_id only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.store.rows import Table
from bot.store.timefmt import iso


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
    photo_file_id: str | None = None


class Escalations(Table[Escalation]):
    row_type = Escalation

    def add(
        self,
        *,
        clinic_id: int,
        patient_id: int,
        kind: str,
        category: str | None,
        question: str,
        now: datetime,
        photo_file_id: str | None = None,
    ) -> Escalation:
        cursor = self.db.execute(
            "INSERT INTO escalations (clinic_id, patient_id, kind, category, question,"
            " photo_file_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [clinic_id, patient_id, kind, category, question, photo_file_id, iso(now)],
        )
        return self.get(cursor.lastrowid)

    def get(self, escalation_id: int) -> Escalation | None:
        return self._one("SELECT * FROM escalations WHERE id = ?", [escalation_id])

    def for_patient(self, patient_id: int) -> list[Escalation]:
        return self._all("SELECT * FROM escalations WHERE patient_id = ? ORDER BY id", [patient_id])

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

    def queued_redactions(self, *, limit: int = 100) -> list[tuple[int, int]]:
        """Staff alerts of forgotten patients still to be edited: (chat id, message id)."""
        return [
            (row[0], row[1])
            for row in self.db.execute(
                "SELECT chat_id, message_id FROM alert_redactions ORDER BY queued_at LIMIT ?",
                [limit],
            )
        ]

    def redaction_done(self, *, chat_id: int, message_id: int) -> None:
        self.db.execute(
            "DELETE FROM alert_redactions WHERE chat_id = ? AND message_id = ?",
            [chat_id, message_id],
        )
