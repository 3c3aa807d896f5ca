"""Outbox claims: a due row moves to `sending` for one process, with a lease.

A claim names its process (`lease_owner`, the instance lock's owner id) and lasts until
`lease_until` (Unix seconds, real time). Just before the message goes out the process marks
the send as started (`start_send`): only such a row can have reached the patient when its
process dies. `recover_sending` hands back the rows of a process that is gone: a claim whose
send never started goes back untouched; one whose send started counts an attempt and is sent
again (at most one repeat for that crash, which beats losing it).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlite_utils import Database

from bot.store.delivery_rows import PENDING, ROW_SQL, SENDING, DeliveryRow
from bot.store.timefmt import iso


class Claims:
    """Mixed into `Deliveries` (a `rows.Table`, which gives `db` and `_all`)."""

    db: Database
    _all: Callable[[str, Sequence[Any]], list[DeliveryRow]]  # the Table's

    def claim_due(
        self, now: datetime, limit: int, *, owner: str | None = None, lease_until: float = 0.0
    ) -> list[DeliveryRow]:
        """Atomically move up to `limit` due rows, oldest first, from pending to sending,
        leased to `owner` until `lease_until` (Unix seconds)."""
        with self.db.atomic():
            rows = self._all(
                f"{ROW_SQL} WHERE d.status = ? AND d.next_attempt_at <= ?"
                " ORDER BY d.next_attempt_at, d.id LIMIT ?",
                [PENDING, iso(now), limit],
            )
            self.db.conn.executemany(
                "UPDATE deliveries SET status = ?, claimed_at = ?, lease_owner = ?,"
                " lease_until = ?, send_started_at = NULL WHERE id = ? AND status = ?",
                [(SENDING, iso(now), owner, lease_until, r.id, PENDING) for r in rows],
            )
        return [replace(r, status=SENDING, lease_owner=owner) for r in rows]

    def start_send(self, delivery_id: int, owner: str | None, now: datetime) -> bool:
        """Mark a claim's send as started; False when the row is no longer `owner`'s claim
        (erased by /forget, or taken back), and then it must not be sent."""
        return bool(
            self.db.execute(
                "UPDATE deliveries SET send_started_at = ?"
                " WHERE id = ? AND status = ? AND lease_owner IS ?",
                [iso(now), delivery_id, SENDING, owner],
            ).rowcount
        )

    def recover_sending(
        self,
        now: datetime,
        *,
        keep_owner: str | None = None,
        lapsed_at: float | None = None,
        resend_at: datetime | None = None,
    ) -> int:
        """Hand back rows left `sending` by another process: every claim not `keep_owner`'s,
        or with `lapsed_at` (Unix seconds) only those whose lease ended by then. A send that
        had started counts an attempt and goes again at `resend_at` (default `now`) at the
        earliest. Returns how many rows were handed back."""
        lapsed = math.inf if lapsed_at is None else lapsed_at
        theirs = "status = ? AND lease_owner IS NOT ? AND coalesce(lease_until, 0) <= ?"
        params = [SENDING, keep_owner or "", lapsed]
        with self.db.atomic():
            interrupted = self.db.execute(
                "UPDATE deliveries SET status = ?, attempts = attempts + 1,"
                " error = 'interrupted', lease_owner = NULL,"
                " next_attempt_at = max(next_attempt_at, ?)"
                f" WHERE {theirs} AND send_started_at IS NOT NULL",
                [PENDING, iso(resend_at or now), *params],
            ).rowcount
            untouched = self.db.execute(
                f"UPDATE deliveries SET status = ?, lease_owner = NULL WHERE {theirs}",
                [PENDING, *params],
            ).rowcount
        return interrupted + untouched

    def release(self, delivery_id: int, owner: str | None) -> None:
        """Hand an unsent claim back untouched (the process is stopping): pending again."""
        self.db.execute(
            "UPDATE deliveries SET status = ?, lease_owner = NULL"
            " WHERE id = ? AND status = ? AND lease_owner IS ?",
            [PENDING, delivery_id, SENDING, owner],
        )
