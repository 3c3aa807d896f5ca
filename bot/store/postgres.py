"""The store on PostgreSQL: an adapter offering the part of sqlite-utils' `Database` that the
store uses, over one psycopg 3 connection taken from a `psycopg_pool` pool.

`execute` returns a cursor (fetchone, fetchall, rowcount, iteration over tuples); `query`
yields rows as dicts; `executescript` runs several statements; `atomic()` is a transaction,
nested blocks savepoints; `conn.executemany` and `conn.in_transaction` as sqlite3 has them.
Placeholders are SQLite's `?`, translated here; Python booleans are written as 0/1 (the
schema keeps SQLite's integer flags). The connection runs in autocommit mode like the SQLite
one: a statement outside `atomic()` is its own transaction.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Generator, Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import psycopg
from psycopg import sql
from psycopg.pq import TransactionStatus
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool, PoolTimeout

from bot.store.dialect import POSTGRES

_POOLS: dict[str, ConnectionPool] = {}
_POOLS_LOCK = threading.Lock()
POOL_SIZE = 8  # connections one process keeps at most per database (a store holds one)
CONNECT_TIMEOUT = 10.0  # seconds to wait for a connection before giving up
# What /forget overwrites or deletes (`Patients.erase`, consent prompts, drafts): vacuumed after.
ERASED_TABLES = (
    "patients", "sessions", "escalations", "escalation_forwards", "deliveries",
    "consent_prompts", "drafts", "staff", "invites",
)  # fmt: skip
log = logging.getLogger(__name__)


class PostgresDatabase:
    """sqlite-utils' `Database`, the subset the store uses, on PostgreSQL."""

    dialect = POSTGRES

    def __init__(
        self, pool: ConnectionPool | None, connection: psycopg.Connection, lock_timeout: float = 0
    ) -> None:
        self._pool = pool
        self._held = connection
        self._lock_timeout = lock_timeout
        self.conn = _Conn(self)
        self._set_up(connection)

    def _set_up(self, connection: psycopg.Connection) -> None:
        """This store's session settings on a connection from the pool: a statement waits at
        most `lock_timeout` seconds for another transaction's lock (as SQLite's busy timeout;
        0 waits for ever), then fails with a transient error the worker retries."""
        if self._pool is not None:
            connection.execute(f"SET lock_timeout = {int(self._lock_timeout * 1000)}")

    @property
    def _connection(self) -> psycopg.Connection:
        """The connection, replaced by a new one from the pool when the server dropped it
        (a restart, a failover): the call that met the drop failed as a transient error and
        is tried again by the worker, outside any transaction."""
        if self._pool is not None and (self._held.broken or self._held.closed):
            self._pool.putconn(self._held)
            self._held = self._pool.getconn(timeout=CONNECT_TIMEOUT)
            self._set_up(self._held)
        return self._held

    @classmethod
    def connect(cls, url: str, *, lock_timeout: float = 0) -> PostgresDatabase:
        """A connection to `url` from this process's pool for it (`lock_timeout`: seconds a
        statement waits for a lock); raises psycopg errors (and psycopg_pool.PoolTimeout
        when the server cannot be reached)."""
        with _POOLS_LOCK:
            pool = _POOLS.get(url)
            if pool is None:
                # Once, directly: the server's own reason (refused, no such role or database)
                # at once, where the pool would only time out.
                psycopg.connect(url, connect_timeout=int(CONNECT_TIMEOUT)).close()
                pool = ConnectionPool(
                    url,
                    min_size=0,
                    max_size=POOL_SIZE,
                    kwargs={"autocommit": True},
                    check=ConnectionPool.check_connection,
                    open=True,
                    name="aftercare",
                )
                _POOLS[url] = pool
        return cls(pool, pool.getconn(timeout=CONNECT_TIMEOUT), lock_timeout)

    @classmethod
    def read_only(cls, url: str, *, timeout: float) -> PostgresDatabase:
        """A read-only session of its own (not pooled), each statement limited to `timeout`
        seconds: for looking from outside the bot's connection (health, doctor)."""
        limit = max(1, int(timeout * 1000))
        connection = psycopg.connect(
            url,
            autocommit=True,
            connect_timeout=max(1, int(timeout)),
            options=f"-c default_transaction_read_only=on -c statement_timeout={limit}",
        )
        return cls(None, connection)

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> psycopg.Cursor:
        return self.conn.execute(sql, params)

    def query(self, sql: str, params: Sequence[Any] | None = None) -> Iterator[dict[str, Any]]:
        cursor = self._connection.cursor(row_factory=dict_row)
        _run(cursor, sql, params)
        yield from cursor

    def executescript(self, sql: str) -> None:
        self._connection.execute(sql)

    @contextmanager
    def atomic(self) -> Generator[PostgresDatabase, None, None]:
        """A transaction (a savepoint when one is open): committed when the block ends, rolled
        back whole when it raises."""
        with self._connection.transaction():
            yield self

    @contextmanager
    def erasing(self) -> Generator[None, None, None]:
        """See `Store.erasing`. PostgreSQL has no secure_delete: an update or delete leaves the
        old row version (a dead tuple) in its page, and its key in the indexes, until VACUUM.
        Once the block has committed, the tables that hold a patient's data are vacuumed
        with index cleanup forced, so the old versions and their index entries go now rather
        than at autovacuum's next visit. A version an older open transaction may still see
        (a running pg_dump) outlives this VACUUM and goes at the next one. Freed space is
        reused, not zeroed: the bytes stay in the files until overwritten (the README says
        what that means, and what WAL archives and base backups keep)."""
        yield
        if self.conn.in_transaction:  # inside someone's transaction: VACUUM cannot run there
            log.warning("erase_vacuum_skipped reason=in_transaction")
            return
        self._connection.execute(f"VACUUM (INDEX_CLEANUP ON) {', '.join(ERASED_TABLES)}")

    def copy_rows(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        """Write `rows` (tuples in `columns`' order) into `table` with COPY: for bulk loads
        (`aftercare db copy`); raises psycopg errors (a value the column's type refuses)."""
        statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
            sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns))
        )
        with self._connection.cursor().copy(statement) as copy:
            for row in rows:
                copy.write_row(row)

    def table_names(self) -> list[str]:
        return [
            name
            for (name,) in self.execute(
                "SELECT table_name FROM information_schema.tables"
                " WHERE table_schema = current_schema() ORDER BY table_name"
            )
        ]

    def table(self, name: str) -> _Table:
        return _Table(self, name)

    def __getitem__(self, name: str) -> _Table:
        return _Table(self, name)

    def close(self) -> None:
        """Hand the connection back to the pool (rolled back if a transaction was left open)."""
        connection, self._held = self._held, None
        if connection is not None and self._pool is not None:
            self._pool.putconn(connection)
        elif connection is not None:
            connection.close()


def close_pool(url: str) -> None:
    """Close this process's pool for `url` and its idle connections (tests, before a database
    is dropped or copied)."""
    with _POOLS_LOCK:
        pool = _POOLS.pop(url, None)
    if pool is not None:
        pool.close()


def connect_errors() -> tuple[type[BaseException], ...]:
    """What `PostgresDatabase.connect` raises when the server cannot be used."""
    return (psycopg.Error, PoolTimeout)


class _Conn:
    """The sqlite3.Connection methods the store calls on `db.conn`."""

    def __init__(self, db: PostgresDatabase) -> None:
        self._db = db

    @property
    def in_transaction(self) -> bool:
        return self._db._connection.info.transaction_status != TransactionStatus.IDLE

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> psycopg.Cursor:
        return _run(self._db._connection.cursor(), sql, params)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> psycopg.Cursor:
        cursor = self._db._connection.cursor()
        rows = [_values(row) for row in rows]
        if rows:
            cursor.executemany(_placeholders(sql), rows)
        else:  # rowcount 0, as sqlite3 gives for no rows
            cursor.execute("SELECT 1 WHERE false")
        return cursor


class _Table:
    """`db.table(name)`: inserts of dict rows, for tests and bulk loads."""

    def __init__(self, db: PostgresDatabase, name: str) -> None:
        self.db, self.name = db, name
        self.last_pk: Any = None

    def insert(self, row: dict[str, Any]) -> _Table:
        columns = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        sql = f"INSERT INTO {self.name} ({columns}) VALUES ({marks})"
        cursor = self.db.execute(f"{sql} RETURNING *", list(row.values()))
        first = cursor.fetchone()
        self.last_pk = first[0] if first else None
        return self

    def insert_all(self, rows: Iterable[dict[str, Any]], batch_size: int = 1000) -> _Table:
        """Insert dict rows, each with the first row's keys, `batch_size` a statement batch
        (sqlite-utils' keyword; bulk loads such as the benchmarks' seeding)."""
        rows = iter(rows)
        while batch := list(itertools.islice(rows, batch_size)):
            columns = ", ".join(batch[0])
            marks = ", ".join("?" for _ in batch[0])
            self.db.conn.executemany(
                f"INSERT INTO {self.name} ({columns}) VALUES ({marks})",
                [list(row.values()) for row in batch],
            )
        return self


def _run(cursor: psycopg.Cursor, sql: str, params: Sequence[Any] | None) -> psycopg.Cursor:
    if params:
        cursor.execute(_placeholders(sql), _values(params))
    else:
        cursor.execute(sql)
    return cursor


def _values(params: Sequence[Any]) -> list[Any]:
    """Parameters as the schema stores them: booleans as 0/1."""
    return [int(v) if isinstance(v, bool) else v for v in params]


@lru_cache(maxsize=1024)
def _placeholders(sql: str) -> str:
    """SQLite's `?` placeholders as psycopg's `%s` (and a literal % doubled), leaving quoted
    strings and identifiers alone."""
    out, quote = [], ""
    for char in sql:
        if quote:
            if char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        elif char == "?":
            char = "%s"
        if char == "%":
            char = "%%"
        out.append(char)
    return "".join(out)
