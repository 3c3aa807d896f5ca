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
from datetime import datetime, timedelta
from typing import Any

from sqlite_utils import Database

from bot.store.delivery_rows import PENDING, ROW_SQL, SENDING, DeliveryRow
from bot.store.dialect import dialect_of
from bot.store.timefmt import iso


class Claims:
    """Mixed into `Deliveries` (a `rows.Table`, which gives `db` and `_all`)."""

    db: Database
    _all: Callable[[str, Sequence[Any]], list[DeliveryRow]]  # the Table's

    def claim_due(
        self,
        now: datetime,
        limit: int,
        *,
        owner: str | None = None,
        lease_until: float = 0.0,
        spacing: timedelta = timedelta(0),
    ) -> list[DeliveryRow]:
        """Atomically move up to `limit` due rows from pending to sending, leased to `owner`
        until `lease_until` (Unix seconds): immediate steps first, then oldest first, and at
        most one row per chat, none for a chat that has one sending. Each claimed chat's other
        scheduled rows due before `now + spacing` move to then, so a person's backlog goes
        out spaced and never stands in front of other people's messages (an immediate step,
        the serum message, is never put off)."""
        dialect = dialect_of(self.db)
        # On PostgreSQL the candidates are row-locked, and rows another process is claiming
        # right now are passed over (SKIP LOCKED), so two outbox loops never take one row.
        with self.db.atomic():
            busy = {chat for (chat,) in self.db.execute(_BUSY_CHATS)}
            immediate = self._all(
                ROW_SQL.replace(_FROM, _FROM + dialect.indexed_by("deliveries_due_immediate"), 1)
                + " WHERE d.status = 'pending' AND d.immediate = 1 AND d.next_attempt_at <= ?"
                f" ORDER BY d.next_attempt_at, d.id LIMIT ?{dialect.skip_locked}",
                [iso(now), limit],
            )
            oldest = self._all(
                f"{ROW_SQL} WHERE d.status = ? AND d.next_attempt_at <= ?"
                f" ORDER BY d.next_attempt_at, d.id LIMIT ?{dialect.skip_locked}",
                [PENDING, iso(now), 2 * limit + len(busy)],
            )
            rows = _one_per_chat([*immediate, *oldest], busy, limit)
            self.db.conn.executemany(
                "UPDATE deliveries SET status = ?, claimed_at = ?, lease_owner = ?,"
                " lease_until = ?, send_started_at = NULL WHERE id = ? AND status = ?",
                [(SENDING, iso(now), owner, lease_until, r.id, PENDING) for r in rows],
            )
            if spacing:
                until = iso(now + spacing)
                self.db.conn.executemany(
                    "UPDATE deliveries SET next_attempt_at = ? WHERE status = ? AND immediate = 0"
                    " AND next_attempt_at < ? AND id != ? AND patient_id IN"
                    " (SELECT id FROM patients WHERE chat_id = ?)",
                    [(until, PENDING, until, r.id, r.chat_id) for r in rows if r.chat_id],
                )
        return [replace(r, status=SENDING, lease_owner=owner) for r in rows]

    def start_send(self, delivery_id: int, owner: str | None, now: datetime) -> bool:
        """Mark a claim's send as started; False when the row is no longer `owner`'s claim
        (erased by /forget, or taken back), and then it must not be sent."""
        return bool(
            self.db.execute(
                "UPDATE deliveries SET send_started_at = ?"
                " WHERE id = ? AND status = ? AND lease_owner IS NOT DISTINCT FROM ?",
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
        theirs = "status = ? AND lease_owner IS DISTINCT FROM ? AND coalesce(lease_until, 0) <= ?"
        greatest = dialect_of(self.db).greatest
        params = [SENDING, keep_owner or "", lapsed]
        with self.db.atomic():
            interrupted = self.db.execute(
                "UPDATE deliveries SET status = ?, attempts = attempts + 1,"
                " error = 'interrupted', lease_owner = NULL,"
                f" next_attempt_at = {greatest}(next_attempt_at, ?)"
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
            " WHERE id = ? AND status = ? AND lease_owner IS NOT DISTINCT FROM ?",
            [PENDING, delivery_id, SENDING, owner],
        )


# The few due immediate rows come from their partial index (m015) without reading a backlog;
# the literal 'pending' and 1 in the query are what lets SQLite use it (named after _FROM).
_FROM = " FROM deliveries d"
_BUSY_CHATS = (
    "SELECT DISTINCT p.chat_id FROM deliveries d JOIN patients p ON p.id = d.patient_id"
    f" WHERE d.status = '{SENDING}' AND p.chat_id IS NOT NULL"
)


def _one_per_chat(rows: list[DeliveryRow], busy: set[int], limit: int) -> list[DeliveryRow]:
    """The first row of each chat not `busy`, in the order given, at most `limit`."""
    chosen: list[DeliveryRow] = []
    seen, chats = set(), set(busy)
    for row in rows:
        if row.id in seen or (row.chat_id is not None and row.chat_id in chats):
            continue
        seen.add(row.id)
        chats.add(row.chat_id)
        chosen.append(row)
        if len(chosen) == limit:
            break
    return chosen
