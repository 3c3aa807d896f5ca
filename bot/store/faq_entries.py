"""The `faq_entries` table: the questions and answers a clinic writes itself (`/faq add`),
shown to patients as the clinic's own words, never as the guide's.

Deleting only marks an entry (`deleted_at`), so what a patient was once told can still be
traced. Every read is scoped to one clinic: another clinic's entries are never visible.
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from datetime import datetime

from bot.store.content import author_of
from bot.store.rows import Table
from bot.store.timefmt import iso


@dataclass(frozen=True)
class ClinicEntryRow:
    id: int
    clinic_id: int
    question: str
    answer: str
    author_chat_id: int | None
    created_at: datetime


_LIVE = "SELECT * FROM faq_entries WHERE clinic_id = ? AND deleted_at IS NULL"


class FaqEntries(Table[ClinicEntryRow]):
    row_type = ClinicEntryRow
    table = "faq_entries"

    def add(
        self, clinic_id: int, question: str, answer: str, author_chat_id: int | None, now: datetime
    ) -> int:
        """Store a clinic's entry as given (checked beforehand); returns its id."""
        new_id = self._insert_id(
            "INSERT INTO faq_entries (clinic_id, question, answer, author_chat_id, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            [clinic_id, question, answer, author_chat_id, iso(now)],
        )
        return new_id

    def get(self, clinic_id: int, entry_id: int) -> ClinicEntryRow | None:
        """The clinic's live entry with this id; None if deleted or another clinic's."""
        return self._one(_LIVE + " AND id = ?", [clinic_id, entry_id])

    def count(self, clinic_id: int) -> int:
        return self.db.execute(
            "SELECT count(*) FROM faq_entries WHERE clinic_id = ? AND deleted_at IS NULL",
            [clinic_id],
        ).fetchone()[0]

    def delete(self, clinic_id: int, entry_id: int, now: datetime) -> bool:
        """Mark the clinic's entry deleted; False if there is no such live entry at the clinic."""
        return self._stamp("deleted_at", now, "id = ? AND clinic_id = ?", [entry_id, clinic_id])

    def for_clinic(self, clinic_id: int) -> builtins.list[dict]:
        """The clinic's live entries as plain dicts with the fields of the engine's
        `bot.faq.clinic_entry.ClinicEntry` (id, clinic_id, question, answer, author), oldest
        first: `ClinicEntry(**row)`."""
        return [
            {
                "id": entry.id,
                "clinic_id": entry.clinic_id,
                "question": entry.question,
                "answer": entry.answer,
                "author": author_of(entry.author_chat_id),
            }
            for entry in self.list(clinic_id)
        ]

    def list(self, clinic_id: int) -> builtins.list[ClinicEntryRow]:
        """The clinic's live entries, oldest first."""
        return self._all(_LIVE + " ORDER BY id", [clinic_id])
