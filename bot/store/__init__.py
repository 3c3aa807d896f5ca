"""The store: every SQL statement of the bot lives in this package, one module per noun.

`Store.open` creates or migrates the schema (numbered migrations in `migrations.py`). The
connection runs in autocommit mode; a write of several statements goes inside
`db.atomic()` so it lands whole or not at all. Rows come back as frozen dataclasses read by one
mapper (`rows.from_row`: fields by column name, ISO times, HH:MM, 0/1 converted by type hint).
Deleted content is overwritten on disk (`secure_delete`), and `erasing()` also empties the
write-ahead log afterwards. Transactions take the write lock up front (`connection.py`), and the
running bot reaches its store only through one thread (`worker.StoreThread`), so the event loop
never waits on the database.

`AFTERCARE_DB=postgresql://...` puts the same store on PostgreSQL: `postgres.PostgresDatabase`
offers the part of sqlite-utils' Database the store uses, the SQL is one text for both where
they agree, and `db.dialect` (`dialect.py`) holds the words where they do not. Its schema is
`schema_postgres`, its migrations `migrations_postgres` (one numbered list).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from sqlite_utils import Database

from bot.store.clinic_changes import ClinicChanges
from bot.store.clinics import Clinics
from bot.store.connection import BUSY_TIMEOUT, ImmediateDatabase
from bot.store.consent_prompts import ConsentPrompts
from bot.store.content import ContentOverrides
from bot.store.deliveries import Deliveries
from bot.store.dialect import is_postgres, redact, sqlite_path
from bot.store.drafts import Drafts
from bot.store.escalations import Escalations
from bot.store.events import Events
from bot.store.exports import Exports
from bot.store.faq_entries import FaqEntries
from bot.store.figures import Figures
from bot.store.group_chats import GroupChats
from bot.store.invites import Invites
from bot.store.meta import Meta
from bot.store.migrations import migrations
from bot.store.passage_switches import PassageSwitches
from bot.store.patients import Patients
from bot.store.pauses import Pauses
from bot.store.retention import Retention
from bot.store.sessions import Sessions
from bot.store.staff import Staff

log = logging.getLogger(__name__)


class StoreOpenError(Exception):
    """The database file cannot be used; the message says which file and why, in one line.
    `missing`: there is no file at all."""

    def __init__(self, message: str, *, missing: bool = False) -> None:
        super().__init__(message)
        self.missing = missing


class Store:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.meta = Meta(db)
        self.clinics = Clinics(db)
        self.staff = Staff(db)
        self.invites = Invites(db)
        self.patients = Patients(db)
        self.sessions = Sessions(db)
        self.escalations = Escalations(db)
        self.events = Events(db)
        self.content = ContentOverrides(db)
        self.faq_entries = FaqEntries(db)
        self.passage_switches = PassageSwitches(db)
        self.deliveries = Deliveries(db)
        self.pauses = Pauses(db)
        self.consent_prompts = ConsentPrompts(db)
        self.group_chats = GroupChats(db)
        self.drafts = Drafts(db)
        self.clinic_changes = ClinicChanges(db)
        self.figures = Figures(db)
        self.exports = Exports(db)
        self.retention = Retention(db)

    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        create: bool = True,
        busy_timeout: float = BUSY_TIMEOUT,
        check_same_thread: bool = False,
    ) -> Store:
        """Open and migrate the database at `path` (":memory:" works); with `create` False a
        missing file is an error instead of a new database. `busy_timeout`: seconds a
        statement waits for another connection's lock; `check_same_thread`: only this thread
        may use the store (the bot's store thread).

        A `postgresql://` URL opens (and migrates) that PostgreSQL database instead
        (`bot.store.postgres`); `sqlite:///file` is the file.

        Raises StoreOpenError (naming the file and why) when the file is missing, unreadable,
        read-only or not a database, or the server cannot be used.
        """
        if is_postgres(path):
            return cls(_open_postgres(str(path), busy_timeout))
        path = sqlite_path(path)
        memory = str(path) == ":memory:"
        where = "memory" if memory else str(Path(path).resolve())
        if not memory and not create and not Path(path).is_file():
            raise StoreOpenError(f"no database at {where}", missing=True)
        try:
            mode = "rw" if not create else "rwc"
            target = ":memory:" if memory else f"file:{quote(where)}?mode={mode}"
            conn = sqlite3.connect(
                target, uri=True, isolation_level=None, check_same_thread=check_same_thread
            )
            db = _prepare(conn, memory, busy_timeout)
            migrations.apply(db)
        except sqlite3.Error as error:
            raise StoreOpenError(f"cannot use the database {where}: {_why(error)}") from None
        return cls(db)

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def erasing(self) -> Iterator[None]:
        """Erase for good: what is deleted or overwritten inside is zeroed on disk (even on a
        connection where secure_delete was turned off), and afterwards the write-ahead log,
        which still holds the old pages, is copied into the database and truncated."""
        with self.db.erasing():
            yield


def _prepare(conn: sqlite3.Connection, memory: bool, busy_timeout: float) -> Database:
    """Pragmas for every connection, and a write probe, so that a read-only file is refused
    here rather than at the first write."""
    conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA secure_delete = ON")
    db = ImmediateDatabase(conn)
    if not memory:
        db.enable_wal()
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            conn.execute(f"PRAGMA user_version = {int(version)}")
        finally:
            conn.execute("ROLLBACK")
    return db


def _open_postgres(url: str, busy_timeout: float) -> Database:
    """The PostgreSQL database at `url`, connected and migrated; StoreOpenError otherwise.
    `busy_timeout` becomes the session's lock_timeout."""
    where = redact(url)
    try:
        from bot.store import migrations_postgres
        from bot.store.postgres import PostgresDatabase, connect_errors
    except ImportError:
        raise StoreOpenError(
            f"AFTERCARE_DB names a PostgreSQL database ({where}) but psycopg is not installed:"
            " pip install 'aftercare-bot[postgres]'"
        ) from None
    try:
        db = PostgresDatabase.connect(url, lock_timeout=busy_timeout)
    except connect_errors() as error:
        raise StoreOpenError(f"cannot use the database {where}: {_first_line(error)}") from None
    try:
        migrations_postgres.apply(db, [m.name for m in migrations.pending(Database(memory=True))])
    except BaseException as error:
        db.close()
        if isinstance(error, connect_errors()):  # e.g. no right to create tables there
            raise StoreOpenError(f"cannot use the database {where}: {_first_line(error)}") from None
        raise
    return db  # type: ignore[return-value]  # the subset of Database the store uses


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


def _why(error: sqlite3.Error) -> str:
    """What an operator can do about an error SQLite gave while opening."""
    code = getattr(error, "sqlite_errorname", "")
    if code.startswith("SQLITE_READONLY"):
        return "the file or its folder is read-only for this user (it needs write access to both)"
    if code == "SQLITE_NOTADB":
        return "the file is not an SQLite database"
    if code == "SQLITE_CANTOPEN":
        return "it cannot be opened (does the folder exist, and is the path a file?)"
    if code == "SQLITE_BUSY":
        return "another program holds a lock on it"
    return str(error)
