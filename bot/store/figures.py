"""What a clinic's figures read besides the event counters: how long escalations waited for a
first staff answer, and the questions nobody could answer (read in memory, never shown)."""

from __future__ import annotations

from datetime import datetime

from bot.store.rows import Table
from bot.store.timefmt import iso, parse


class Figures(Table):
    def answer_delays(self, clinic_id: int, since: datetime | None) -> list[float]:
        """Seconds from each escalation opened since `since` (None: ever) to its first staff
        answer, for the answered ones, shortest first."""
        rows = self.db.execute(
            "SELECT created_at, first_replied_at FROM escalations WHERE clinic_id = ?"
            " AND first_replied_at IS NOT NULL AND created_at >= ?",
            [clinic_id, _since(since)],
        ).fetchall()
        return sorted(
            (parse(answered) - parse(opened)).total_seconds() for opened, answered in rows
        )

    def unanswered(self, clinic_id: int, since: datetime | None) -> int:
        """Escalations opened since `since` that no staff member has answered (closed or not)."""
        return self.db.execute(
            "SELECT count(*) FROM escalations WHERE clinic_id = ? AND first_replied_at IS NULL"
            " AND created_at >= ?",
            [clinic_id, _since(since)],
        ).fetchone()[0]

    def uncovered_questions(self, clinic_id: int, since: datetime | None) -> list[str]:
        """The words of every question the guide could not answer since `since`, for counting
        their terms; a forgotten patient's are gone. Never to be shown or stored elsewhere."""
        return [
            row[0]
            for row in self.db.execute(
                "SELECT question FROM escalations WHERE clinic_id = ? AND kind = 'unknown'"
                " AND question IS NOT NULL AND created_at >= ? ORDER BY id",
                [clinic_id, _since(since)],
            )
        ]

    def patient_names(self, clinic_id: int) -> set[str]:
        """The first names of the clinic's patients, lower-cased: terms never to be counted."""
        return {
            row[0].lower()
            for row in self.db.execute(
                "SELECT DISTINCT first_name FROM patients WHERE clinic_id = ?"
                " AND first_name IS NOT NULL",
                [clinic_id],
            )
        }


def _since(since: datetime | None) -> str:
    return "" if since is None else iso(since)
