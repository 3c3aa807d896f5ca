"""The instance lock on PostgreSQL: a session advisory lock, held by a connection of its own
for as long as the bot runs (the server drops it when that connection ends, however the
process ends, like `flock` on SQLite's lock file). Bots take it in shared mode: several run
on one database at once, and whatever must have none running (an exclusive taker) is kept
out while any does. A holder is told by its connection's application_name, which carries its
owner id ("host:pid:random")."""

from __future__ import annotations

import psycopg

_KEY = 0x61667462  # "aftb": one bot per database
_APP = "aftercare "  # application_name prefix of the holding connection


def take(url: str, owner: str) -> psycopg.Connection | None:
    """The lock's connection (the lock taken shared, beside other bots), or None when a
    session holds it exclusively."""
    conn = psycopg.connect(url, autocommit=True, application_name=(_APP + owner)[:63])
    if conn.execute("SELECT pg_try_advisory_lock_shared(%s)", [_KEY]).fetchone()[0]:
        return conn
    conn.close()
    return None


def holder(url: str) -> tuple[str, str] | None:
    """(owner id, ISO start time of its session) of a bot holding the lock (the one running
    longest when several do), or None."""
    with psycopg.connect(url, autocommit=True) as conn:
        row = conn.execute(
            "SELECT a.application_name, to_char(a.backend_start AT TIME ZONE 'UTC',"
            ' \'YYYY-MM-DD"T"HH24:MI:SS.US"+00:00"\') FROM pg_locks l'
            " JOIN pg_stat_activity a ON a.pid = l.pid"
            " WHERE l.locktype = 'advisory' AND l.granted AND l.classid = 0 AND l.objid = %s"
            " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
            " ORDER BY a.backend_start LIMIT 1",
            [_KEY],
        ).fetchone()
    return None if row is None else (row[0].removeprefix(_APP), row[1])
