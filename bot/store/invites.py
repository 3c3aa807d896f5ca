"""Deep-link invites: single-use tokens that join a chat to a clinic's staff or a patient."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from bot.store.timefmt import iso, parse


@dataclass(frozen=True)
class Invite:
    token: str
    kind: str  # staff | patient
    clinic_id: int
    session_id: int | None
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None
    used_by: int | None
    role: str | None = None  # a staff invite's role on joining: admin | staff

    def expired(self, now: datetime) -> bool:
        return now >= self.expires_at


def _invite(row: dict) -> Invite:
    return Invite(
        token=row["token"],
        kind=row["kind"],
        clinic_id=row["clinic_id"],
        session_id=row["session_id"],
        created_at=parse(row["created_at"]),
        expires_at=parse(row["expires_at"]),
        used_at=parse(row["used_at"]),
        used_by=row["used_by"],
        role=row["role"],
    )


class Invites:
    def __init__(self, db: Database) -> None:
        self.db = db

    def add(
        self,
        *,
        token: str,
        kind: str,
        clinic_id: int,
        now: datetime,
        expires_at: datetime,
        session_id: int | None = None,
        role: str | None = None,
    ) -> Invite:
        """`role` (admin | staff) for a staff invite, None for a patient's link."""
        self.db.execute(
            "INSERT INTO invites (token, kind, clinic_id, session_id, created_at, expires_at,"
            " role) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [token, kind, clinic_id, session_id, iso(now), iso(expires_at), role],
        )
        return self.get(token)

    def get(self, token: str) -> Invite | None:
        rows = list(self.db.query("SELECT * FROM invites WHERE token = ?", [token]))
        return _invite(rows[0]) if rows else None

    def for_session(self, session_id: int) -> Invite | None:
        rows = list(self.db.query("SELECT * FROM invites WHERE session_id = ?", [session_id]))
        return _invite(rows[0]) if rows else None

    def claim(self, token: str, *, chat_id: int, now: datetime) -> bool:
        """Mark an unused, unexpired invite as used by `chat_id`; False if someone was first."""
        cursor = self.db.execute(
            "UPDATE invites SET used_at = ?, used_by = ?"
            " WHERE token = ? AND used_at IS NULL AND expires_at > ?",
            [iso(now), chat_id, token, iso(now)],
        )
        return cursor.rowcount == 1

    def expire(self, token: str, now: datetime) -> None:
        self.db.execute(
            "UPDATE invites SET expires_at = ? WHERE token = ? AND expires_at > ?",
            [iso(now), token, iso(now)],
        )
