"""Deep-link invites: single-use tokens that join a chat to a clinic's staff or a patient."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.store.rows import Table
from bot.store.timefmt import iso


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


class Invites(Table[Invite]):
    row_type = Invite

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
        return self._one("SELECT * FROM invites WHERE token = ?", [token])

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

    def renew(self, token: str, *, expires_at: datetime) -> Invite | None:
        """An unused invite valid until `expires_at` again (the same link, issued once more);
        None when it was used meanwhile."""
        cursor = self.db.execute(
            "UPDATE invites SET expires_at = ? WHERE token = ? AND used_at IS NULL",
            [iso(expires_at), token],
        )
        return self.get(token) if cursor.rowcount == 1 else None
