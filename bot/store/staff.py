"""Clinic staff: Telegram chats that enroll patients and receive escalations."""

from __future__ import annotations

from datetime import datetime

from bot.store.rows import Table
from bot.store.timefmt import iso


class Staff(Table):
    def add(self, *, clinic_id: int, chat_id: int, now: datetime) -> None:
        """Join `chat_id` to the clinic's staff; joining twice changes nothing."""
        self.db.execute(
            "INSERT OR IGNORE INTO staff (clinic_id, chat_id, joined_at) VALUES (?, ?, ?)",
            [clinic_id, chat_id, iso(now)],
        )

    def clinic_of(self, chat_id: int) -> int | None:
        """The clinic this chat is staff at (the first it joined), or None for non-staff."""
        row = self.db.execute(
            "SELECT clinic_id FROM staff WHERE chat_id = ? ORDER BY id LIMIT 1", [chat_id]
        ).fetchone()
        return None if row is None else row[0]

    def chats(self, clinic_id: int) -> list[int]:
        return [
            row[0]
            for row in self.db.execute(
                "SELECT chat_id FROM staff WHERE clinic_id = ? ORDER BY id", [clinic_id]
            )
        ]

    def number_of(self, clinic_id: int, chat_id: int) -> int | None:
        """The member's number at the clinic (their row's id), or None if they never were."""
        row = self.db.execute(
            "SELECT id FROM staff WHERE clinic_id = ? AND chat_id = ?", [clinic_id, chat_id]
        ).fetchone()
        return None if row is None else row[0]

    def count(self, clinic_id: int) -> int:
        return self.db.execute(
            "SELECT count(*) FROM staff WHERE clinic_id = ?", [clinic_id]
        ).fetchone()[0]

    def set_replying_to(self, chat_id: int, escalation_id: int | None) -> None:
        self.db.execute(
            "UPDATE staff SET replying_to = ? WHERE chat_id = ?", [escalation_id, chat_id]
        )

    def replying_to(self, chat_id: int) -> int | None:
        row = self.db.execute(
            "SELECT replying_to FROM staff WHERE chat_id = ? AND replying_to IS NOT NULL"
            " ORDER BY id LIMIT 1",
            [chat_id],
        ).fetchone()
        return None if row is None else row[0]
