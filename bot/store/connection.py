"""How the bot talks to SQLite: transactions that take the write lock up front, and which
errors are worth trying again.

A plain `BEGIN` reads first and asks for the write lock at its first write; when another
connection wrote in between, SQLite answers "database is locked" at once, without waiting
out the busy timeout. `BEGIN IMMEDIATE` asks for the lock before the first read, and waits
for it (up to `busy_timeout`) like any single statement does.
"""

from __future__ import annotations

import logging
import sqlite3
import sys
from collections.abc import Generator
from contextlib import contextmanager

from sqlite_utils import Database

from bot.store.dialect import SQLITE

log = logging.getLogger(__name__)

BUSY_TIMEOUT = 5.0  # seconds a statement waits for another connection's lock

# Worth trying again later: another connection holds a lock, or the disk is full or failing
# for a while. Anything else (a constraint, a syntax error) is a bug or bad input.
_TRANSIENT = {
    sqlite3.SQLITE_BUSY,
    sqlite3.SQLITE_LOCKED,
    sqlite3.SQLITE_FULL,
    sqlite3.SQLITE_IOERR,
}


def database_errors() -> tuple[type[Exception], ...]:
    """What the store raises for the database's own reasons, whichever database it runs on:
    psycopg's errors join SQLite's once psycopg is in use (never imported for SQLite alone,
    which keeps its start-up light). For `except database_errors() as error:`."""
    psycopg = sys.modules.get("psycopg")
    return (sqlite3.Error,) if psycopg is None else (sqlite3.Error, psycopg.Error)


class ImmediateDatabase(Database):
    """sqlite-utils' Database whose outermost `atomic()` is `BEGIN IMMEDIATE`.

    Nested blocks stay savepoints. Every transaction of the bot and of the command line takes
    the write lock before it reads, so none fails half-way on a lock upgrade.
    """

    dialect = SQLITE

    @contextmanager
    def erasing(self) -> Generator[None, None, None]:
        """See `Store.erasing`: secure_delete on, then the write-ahead log checkpointed."""
        self.execute("PRAGMA secure_delete = ON")
        yield
        busy, _frames, _copied = self.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy:  # another connection was reading: the log is emptied at its next checkpoint
            log.warning("wal_checkpoint_busy")

    @contextmanager
    def atomic(self) -> Generator[Database, None, None]:
        if self.conn.in_transaction:
            with super().atomic():
                yield self
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
        except BaseException:
            self.rollback()
            raise
        else:
            try:
                self.conn.execute("COMMIT")
            except BaseException:
                self.rollback()
                raise


def is_transient(error: BaseException) -> bool:
    """Whether `error` is the database saying "not now": SQLite locked, busy, disk full or
    failing; PostgreSQL's operational errors (connection lost, serialization failure,
    deadlock, lock not available, disk full, server restarting)."""
    if not isinstance(error, sqlite3.Error):
        return isinstance(error, database_errors()) and _pg_operational(error)
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(error, sqlite3.OperationalError) and code is None:
        # Raised by the module itself (no code attached), e.g. "database is locked".
        text = str(error).lower()
        return "locked" in text or "busy" in text or "disk" in text
    return isinstance(error, sqlite3.Error) and code is not None and (code & 0xFF) in _TRANSIENT


def _pg_operational(error: BaseException) -> bool:
    import psycopg

    return isinstance(error, psycopg.OperationalError)
