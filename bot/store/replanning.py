"""Outbox rows still waiting, read and moved when a clinic's settings change their send times.

Only rows nobody has claimed move (pending, or muted for a stopped patient); a row being sent
keeps its time. The new times come from the planner (`bot.delivery.replan`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from bot.store.deliveries import MUTED
from bot.store.delivery_rows import PENDING
from bot.store.timefmt import iso, parse


@dataclass(frozen=True)
class Waiting:
    """A row not yet sent, with what planning needs of its session."""

    id: int
    session_id: int
    step_id: str
    due_at: datetime
    next_attempt_at: datetime
    session_at: datetime
    session_number: int
    series_length: int | None


@dataclass(frozen=True)
class NewTimes:
    id: int
    due_at: datetime
    expires_at: datetime | None
    next_attempt_at: datetime


class Replanning:
    def __init__(self, db: Database) -> None:
        self.db = db

    def waiting(self, clinic_id: int) -> list[Waiting]:
        """The clinic's pending and muted rows, soonest first."""
        rows = self.db.query(
            "SELECT d.id, d.session_id, d.step_id, d.due_at, d.next_attempt_at, s.session_at,"
            " s.session_number, s.series_length FROM deliveries d"
            " JOIN sessions s ON s.id = d.session_id"
            " WHERE d.clinic_id = ? AND d.status IN (?, ?) ORDER BY d.next_attempt_at, d.id",
            [clinic_id, PENDING, MUTED],
        )
        return [
            Waiting(
                id=r["id"],
                session_id=r["session_id"],
                step_id=r["step_id"],
                due_at=parse(r["due_at"]),
                next_attempt_at=parse(r["next_attempt_at"]),
                session_at=parse(r["session_at"]),
                session_number=r["session_number"],
                series_length=r["series_length"],
            )
            for r in rows
        ]

    def move(self, moves: list[NewTimes]) -> int:
        """Give each row its new times, if it is still waiting; returns how many moved."""
        with self.db.atomic():
            before = self.db.conn.total_changes
            self.db.conn.executemany(
                "UPDATE deliveries SET due_at = ?, expires_at = ?, next_attempt_at = ?"
                " WHERE id = ? AND status IN (?, ?)",
                [
                    (
                        iso(m.due_at),
                        None if m.expires_at is None else iso(m.expires_at),
                        iso(m.next_attempt_at),
                        m.id,
                        PENDING,
                        MUTED,
                    )
                    for m in moves
                ],
            )
            return self.db.conn.total_changes - before
