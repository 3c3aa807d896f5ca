"""Patients as the outbox sees them: which patient a chat is, and their current session.

Read-only; enrollment owns creating patients and sessions. Status changes that go with
deliveries (stopped, unreachable) happen in `bot.store.deliveries` in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from bot.store.timefmt import parse


@dataclass(frozen=True)
class Recipient:
    patient_id: int
    clinic_id: int
    chat_id: int
    status: str


@dataclass(frozen=True)
class SessionRef:
    id: int
    patient_id: int
    session_at: datetime
    booked_at: datetime | None


class Recipients:
    def __init__(self, db: Database) -> None:
        self.db = db

    def by_chat(self, chat_id: int) -> Recipient | None:
        """The patient behind this chat who may still hear from us (active or stopped)."""
        row = self.db.execute(
            "SELECT id, clinic_id, chat_id, status FROM patients WHERE chat_id = ?"
            " AND status IN ('active', 'stopped') ORDER BY id DESC LIMIT 1",
            [chat_id],
        ).fetchone()
        return None if row is None else Recipient(*row)

    def get(self, patient_id: int) -> Recipient | None:
        row = self.db.execute(
            "SELECT id, clinic_id, chat_id, status FROM patients WHERE id = ?", [patient_id]
        ).fetchone()
        return None if row is None else Recipient(*row)

    def current_session(self, patient_id: int) -> SessionRef | None:
        """The patient's latest session: the one whose reminders are running."""
        row = self.db.execute(
            "SELECT id, patient_id, session_at, booked_at FROM sessions WHERE patient_id = ?"
            " ORDER BY session_at DESC, id DESC LIMIT 1",
            [patient_id],
        ).fetchone()
        return None if row is None else SessionRef(row[0], row[1], parse(row[2]), parse(row[3]))

    def session(self, session_id: int) -> SessionRef | None:
        row = self.db.execute(
            "SELECT id, patient_id, session_at, booked_at FROM sessions WHERE id = ?",
            [session_id],
        ).fetchone()
        return None if row is None else SessionRef(row[0], row[1], parse(row[2]), parse(row[3]))
