"""Copies of the database: `backup` while the bot runs, `restore` while it does not.

Both go through SQLite's online backup API, so a copy is one consistent snapshot even while the
bot writes (in WAL mode, readers never block the writer), and a restore lands whole. A file is
checked (`PRAGMA integrity_check`, and that it holds this bot's schema) before it is trusted.
When the database is PostgreSQL (a postgresql:// URL) the copy is a `pg_dump` in custom format
and a restore goes through `pg_restore` (`pgdump.py`), with the same checks and messages.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from bot.store import pgdump
from bot.store.dialect import is_postgres
from bot.store.migrations import migrations
from bot.store.readonly import connect_read_only

_HEADER = b"SQLite format 3\x00"


class BackupError(Exception):
    """The copy was not made; the message is one line saying why, for the operator."""


@dataclass(frozen=True)
class Copied:
    """A finished copy: where it went and how big it is, in bytes."""

    path: Path
    size: int


def backup(db_path: str | Path, target: str | Path) -> Copied:
    """Copy the live database at `db_path` to `target` (replaced whole if it exists).

    The copy is written beside `target` under a temporary name, checked, then renamed, so a
    failed backup never leaves a half file under the name. Raises BackupError.
    """
    if is_postgres(db_path):
        return _dump(str(db_path), Path(target))
    source, target = Path(db_path), Path(target)
    if not source.is_file():
        raise BackupError(f"there is no database at {source} (check AFTERCARE_DB)")
    if target.exists() and target.resolve() == source.resolve():
        raise BackupError("the backup file is the database itself: choose another name")
    if not target.parent.is_dir():
        raise BackupError(f"the folder {target.parent} does not exist")
    partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
    try:
        with closing(connect_read_only(source)) as src, closing(sqlite3.connect(partial)) as dst:
            src.backup(dst)
            # A backup file stands alone: no -wal/-shm files beside it when it is opened.
            dst.execute("PRAGMA journal_mode = DELETE")
        problem = check_file(partial)
        if problem:
            raise BackupError(f"the copy failed its check: {problem}")
        partial.replace(target)
    except sqlite3.Error as error:
        raise BackupError(f"the database could not be copied: {error}") from None
    except OSError as error:
        raise BackupError(f"cannot write {target}: {error.strerror}") from None
    finally:
        partial.unlink(missing_ok=True)
    return Copied(target, target.stat().st_size)


def check_file(path: str | Path, *, postgres: bool = False) -> str | None:
    """None when `path` is a sound copy of this bot's database (a pg_dump of it when
    `postgres`), else what is wrong, in words."""
    path = Path(path)
    if postgres:
        try:
            return pgdump.check_dump(path)
        except pgdump.DumpError as error:
            return str(error)
    try:
        with path.open("rb") as file:
            header = file.read(len(_HEADER))
    except FileNotFoundError:
        return f"there is no file {path}"
    except OSError as error:
        return f"cannot read {path}: {error.strerror}"
    if header != _HEADER:
        return f"{path} is not an SQLite database"
    try:
        with closing(connect_read_only(path)) as conn:
            result = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            if result != ["ok"]:
                return f"{path} is damaged (integrity check: {result[0][:120]})"
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
            if not {migrations.migrations_table, "deliveries", "clinics"} <= tables:
                return f"{path} is an SQLite database, but not this bot's"
    except sqlite3.DatabaseError as error:
        return f"{path} is damaged ({error})"
    return None


def restore(source: str | Path, db_path: str | Path) -> Copied:
    """Replace the database at `db_path` with the checked copy at `source`.

    The caller makes sure no bot runs on `db_path` (`instance.running_instance`) and keeps it
    so (`InstanceLock`). Pages go through the backup API into the database itself, so its
    WAL is dealt with by SQLite and a failure leaves the old contents. Raises BackupError.
    """
    problem = check_file(source, postgres=is_postgres(db_path))
    if problem:
        raise BackupError(f"not restored: {problem}")
    if is_postgres(db_path):
        try:
            pgdump.restore(Path(source), str(db_path))
        except pgdump.DumpError as error:
            raise BackupError(f"not restored: {error}") from None
        return Copied(Path(source), Path(source).stat().st_size)
    try:
        with (
            closing(connect_read_only(Path(source))) as src,
            closing(sqlite3.connect(db_path)) as dst,
        ):
            dst.execute("PRAGMA busy_timeout = 5000")
            src.backup(dst)
    except sqlite3.Error as error:
        raise BackupError(f"not restored: {error}") from None
    return Copied(Path(db_path), Path(db_path).stat().st_size)


def _dump(url: str, target: Path) -> Copied:
    """`backup` on PostgreSQL: pg_dump to a temporary name beside `target`, checked, renamed."""
    if not target.parent.is_dir():
        raise BackupError(f"the folder {target.parent} does not exist")
    partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
    try:
        pgdump.dump(url, partial)
        problem = pgdump.check_dump(partial)
        if problem:
            raise BackupError(f"the copy failed its check: {problem}")
        partial.replace(target)
    except pgdump.DumpError as error:
        raise BackupError(str(error)) from None
    except OSError as error:
        raise BackupError(f"cannot write {target}: {error.strerror}") from None
    finally:
        partial.unlink(missing_ok=True)
    return Copied(target, target.stat().st_size)
