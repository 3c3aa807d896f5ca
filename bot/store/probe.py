"""A look at the database from outside the bot's own connection, for the health check.

A fresh read-only connection each time: it proves the file is still there and readable (a
volume unmounted, a file moved away or locked by another program all show), and it never
shares or changes the bot's connection.
"""

from __future__ import annotations

from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from bot.store.deliveries import FAILED, PENDING, SENDING
from bot.store.readonly import connect_read_only
from bot.store.timefmt import iso


@dataclass(frozen=True)
class OutboxCounts:
    """Outbox rows: `waiting` to be sent (pending or being sent), of which `due` now, and
    `failed` for good."""

    waiting: int
    due: int
    failed: int


def outbox_counts(db_path: str | Path, now: datetime, *, timeout: float = 1.0) -> OutboxCounts:
    """Count the outbox at `now`; raises sqlite3.Error (psycopg.Error on PostgreSQL) when the
    database cannot be read within `timeout` seconds."""
    with closing(connect_read_only(db_path, timeout=timeout)) as conn:
        rows = conn.execute(
            "SELECT status, count(*),"
            " coalesce(sum(CASE WHEN next_attempt_at <= ? THEN 1 ELSE 0 END), 0)"
            " FROM deliveries WHERE status IN (?, ?, ?) GROUP BY status",
            [iso(now), PENDING, SENDING, FAILED],
        ).fetchall()
    by_status = {status: (count, due) for status, count, due in rows}
    pending, due = by_status.get(PENDING, (0, 0))
    return OutboxCounts(
        waiting=pending + by_status.get(SENDING, (0, 0))[0],
        due=due,
        failed=by_status.get(FAILED, (0, 0))[0],
    )
