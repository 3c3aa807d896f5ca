"""A patient's messages paused and restored: STOP and /resume, blocking and unblocking the bot.

Both pauses keep the outbox rows, so coming back restores only what is still ahead: rows
whose time passed meanwhile are not sent late. STOP mutes rows (`muted`); a block (Telegram
says the patient blocked the bot, or a send was refused) cancels them with the reason
`blocked` or `chat_not_found`, which is how a restore finds them again.
"""

from __future__ import annotations

from datetime import datetime

from sqlite_utils import Database

from bot.store.delivery_rows import PENDING
from bot.store.timefmt import iso

MUTED, CANCELLED, EXPIRED = "muted", "cancelled", "expired"
UNREACHABLE_REASONS = ("blocked", "chat_not_found")  # bot.delivery.sender's reasons
_AHEAD = "patient_id = ? AND status = ? AND next_attempt_at > ?"


class Pauses:
    def __init__(self, db: Database) -> None:
        self.db = db

    def stop(self, patient_id: int) -> int:
        """The patient said stop: mark them stopped and mute every pending row; returns how
        many rows were muted."""
        with self.db.atomic():
            self.db.execute("UPDATE patients SET status = 'stopped' WHERE id = ?", [patient_id])
            return self.db.execute(
                "UPDATE deliveries SET status = ? WHERE patient_id = ? AND status = ?",
                [MUTED, patient_id, PENDING],
            ).rowcount

    def resume(self, patient_id: int, *, now: datetime) -> tuple[int, int]:
        """Active again: muted rows still ahead go back to pending, those past expiry expire.

        Rows whose time passed while muted stay muted: they were not wanted then.
        Returns (restored, expired).
        """
        with self.db.atomic():
            self.db.execute(
                "UPDATE patients SET status = 'active' WHERE id = ? AND status = 'stopped'",
                [patient_id],
            )
            return self._back_to_pending(patient_id, MUTED, now)

    def block(self, patient_id: int, *, reason: str) -> int:
        """The patient blocked the bot: an active row becomes unreachable and its pending rows
        are cancelled with `reason` (one of UNREACHABLE_REASONS). A stopped row stays stopped
        (nothing of it is pending). Returns how many rows were cancelled."""
        with self.db.atomic():
            changed = self.db.execute(
                "UPDATE patients SET status = 'unreachable' WHERE id = ? AND status = 'active'",
                [patient_id],
            ).rowcount
            if not changed:
                return 0
            return self.db.execute(
                "UPDATE deliveries SET status = ?, error = ? WHERE patient_id = ? AND status = ?",
                [CANCELLED, reason, patient_id, PENDING],
            ).rowcount

    def restore(self, patient_id: int, *, now: datetime) -> tuple[int, int] | None:
        """The patient is back (unblocked, or wrote again): an unreachable row is active again
        and the rows a block cancelled that are still ahead go back to pending (those past
        expiry expire). Returns (restored, expired), or None if the row was not unreachable."""
        with self.db.atomic():
            changed = self.db.execute(
                "UPDATE patients SET status = 'active' WHERE id = ? AND status = 'unreachable'",
                [patient_id],
            ).rowcount
            if not changed:
                return None
            return self._back_to_pending(patient_id, CANCELLED, now, reasons=UNREACHABLE_REASONS)

    def _back_to_pending(
        self, patient_id: int, status: str, now: datetime, *, reasons: tuple[str, ...] = ()
    ) -> tuple[int, int]:
        where, params = _AHEAD, [patient_id, status, iso(now)]
        if reasons:
            where += f" AND error IN ({', '.join('?' for _ in reasons)})"
            params += list(reasons)
        expired = self.db.execute(
            f"UPDATE deliveries SET status = ?, error = 'expired' WHERE {where}"
            " AND expires_at <= ?",
            [EXPIRED, *params, iso(now)],
        ).rowcount
        restored = self.db.execute(
            f"UPDATE deliveries SET status = ?, error = NULL WHERE {where}", [PENDING, *params]
        ).rowcount
        return restored, expired
