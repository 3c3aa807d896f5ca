"""Clinic staff: which clinic, if any, a chat works for."""

from __future__ import annotations

from sqlite_utils import Database


class Staff:
    def __init__(self, db: Database) -> None:
        self.db = db

    def is_staff(self, chat_id: int) -> int | None:
        """The clinic this chat is staff of (the first one joined), or None for non-staff."""
        row = self.db.execute(
            "SELECT clinic_id FROM staff WHERE chat_id = ? ORDER BY id LIMIT 1", [chat_id]
        ).fetchone()
        return None if row is None else row[0]
