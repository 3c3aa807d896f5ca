"""Moving a clinic's data from SQLite to PostgreSQL (`aftercare db copy`).

`copy_to_postgres` copies every table of this bot's SQLite database, every row with its id,
into a PostgreSQL database (migrated first, and refused unless it holds no data), in one
transaction: a failure leaves the target as empty as it was. Tables go referenced-first;
identity sequences are moved past the highest copied id, so the next row the bot writes
gets a new id. SQLite's implicit `rowid` (consent_prompts, escalation_forwards) lands in the
PostgreSQL column of that name. The source is held with the bot's instance lock for the
whole copy, so no bot starts on it meanwhile, and is refused while one runs.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from graphlib import TopologicalSorter
from pathlib import Path

from bot.store import Store, StoreOpenError
from bot.store.dialect import is_postgres, redact, sqlite_path
from bot.store.instance import InstanceLock, running_instance

# Bookkeeping of each database's own migration runner: not data, never copied.
_NOT_DATA = frozenset({"schema_migrations", "_sqlite_migrations"})
BATCH = 5000  # rows read from SQLite at a time


class CopyError(Exception):
    """Nothing was copied (or the copy was rolled back); the message says why, in one line."""


@dataclass(frozen=True)
class TableCount:
    """Rows of one table in the source and, after the copy, in the target."""

    table: str
    source: int
    target: int

    @property
    def matches(self) -> bool:
        return self.source == self.target


def copy_to_postgres(sqlite_file: str | Path, url: str, now: datetime) -> list[TableCount]:
    """Copy the SQLite database `sqlite_file` into the PostgreSQL database at `url`; returns
    the row counts of every table, source against target, in copy order.

    The source is migrated to this version's schema first (as `aftercare run` would).
    Raises CopyError when the file is missing or not usable, a bot runs on it, the URL is
    not a PostgreSQL one, the server cannot be used (or psycopg is not installed), the
    target already holds data, or a row cannot be written."""
    path = Path(sqlite_path(sqlite_file))
    if is_postgres(sqlite_file):
        raise CopyError("the source must be an SQLite file, not a PostgreSQL URL")
    if not path.is_file():
        raise CopyError(f"there is no SQLite database at {path}")
    if not is_postgres(url):
        raise CopyError(f"the target must be a postgresql:// URL, not {redact(url)!r}")
    lock = InstanceLock.acquire(path, now)
    if lock is None:
        running = running_instance(path)
        who = f" ({running.describe()})" if running else ""
        raise CopyError(f"a bot is running on {path}{who}: stop it first")
    try:
        source = _open(path, create=False)
        try:
            target = _open(url)
            try:
                return _copy(source, target)
            finally:
                target.close()
        finally:
            source.close()
    finally:
        lock.release()


def _open(where: str | Path, *, create: bool = True) -> Store:
    try:
        return Store.open(where, create=create)
    except StoreOpenError as error:
        raise CopyError(str(error)) from None


def _copy(source: Store, target: Store) -> list[TableCount]:
    src, dst = source.db, target.db
    tables = _tables_in_order(dst)
    holding = [table for table in tables if _count(dst, table)]
    if holding:
        raise CopyError(
            f"the target database already holds data (in {', '.join(holding[:3])}):"
            " copy into a new, empty database"
        )
    source_tables = {
        name
        for (name,) in src.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    }
    unknown = sorted(source_tables - set(tables) - _NOT_DATA)
    if unknown:
        raise CopyError(f"the target has no table {', '.join(unknown)}: is it this bot's schema?")
    from bot.store.postgres import connect_errors

    try:
        _copy_rows(src, dst, tables, source_tables)
    except connect_errors() as error:
        message = (str(error).strip().splitlines() or [type(error).__name__])[0]
        raise CopyError(f"the copy was rolled back, the target left empty: {message}") from None
    return [
        TableCount(table, _count(src, table) if table in source_tables else 0, _count(dst, table))
        for table in tables
    ]


def _copy_rows(src, dst, tables: list[str], source_tables: set[str]) -> None:
    with src.atomic(), dst.atomic():  # the source held still, the target written whole
        for table in tables:
            if table in source_tables:
                _copy_table(src, dst, table)
        for table, column in dst.execute(
            "SELECT table_name, column_name FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND is_identity = 'YES'"
        ).fetchall():
            dst.execute(
                f"SELECT setval(pg_get_serial_sequence(?, ?), COALESCE(MAX({column}), 0) + 1,"
                f" false) FROM {table}",
                [table, column],
            )


def _tables_in_order(dst) -> list[str]:
    """The target's data tables, each after the tables its foreign keys name."""
    graph: dict[str, set[str]] = {name: set() for name in dst.table_names()}
    for child, parent in dst.execute(
        "SELECT conrelid::regclass::text, confrelid::regclass::text FROM pg_constraint"
        " WHERE contype = 'f' AND connamespace = current_schema()::regnamespace"
    ).fetchall():
        if child != parent:
            graph[child].add(parent)
    order = list(TopologicalSorter(graph).static_order())
    return [name for name in order if name not in _NOT_DATA]


def _copy_table(src, dst, table: str) -> None:
    have = [row[1] for row in src.execute(f"PRAGMA table_info([{table}])")]
    want = [
        name
        for (name,) in dst.execute(
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position",
            [table],
        )
    ]
    lost = sorted(set(have) - set(want))
    if lost:
        raise CopyError(f"the target's {table} has no column {', '.join(lost)}")
    # SQLite's implicit rowid is PostgreSQL's explicit `rowid` column where the schema has one.
    columns = [name for name in want if name in have or name == "rowid"]
    listed = ", ".join(f'"{name}"' for name in columns)
    cursor = src.execute(f"SELECT {listed} FROM [{table}] ORDER BY rowid")
    dst.copy_rows(table, columns, _batches(cursor))


def _batches(cursor) -> Iterator[tuple]:
    while rows := cursor.fetchmany(BATCH):
        yield from rows


def _count(db, table: str) -> int:
    return db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
