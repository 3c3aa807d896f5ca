"""Read-only connections, for looking at a database from outside the bot's own connection
(health, backups, doctor): they never create, migrate or change a file."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote

from bot.store.dialect import is_postgres


def connect_read_only(path: str | Path, *, timeout: float = 5.0) -> sqlite3.Connection:
    """Open the database at `path` read-only, waiting up to `timeout` seconds for a lock;
    raises sqlite3.OperationalError when it cannot be opened. A PostgreSQL URL gets a
    read-only session of its own (psycopg errors), with the same execute/close."""
    if is_postgres(path):
        from bot.store.postgres import PostgresDatabase

        return PostgresDatabase.read_only(str(path), timeout=timeout)  # type: ignore[return-value]
    uri = f"file:{quote(str(Path(path).resolve()))}?mode=ro"
    return sqlite3.connect(uri, uri=True, timeout=timeout)
