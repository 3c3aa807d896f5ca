"""Where a database stands against this version's migrations, read without changing it."""

from __future__ import annotations

from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from bot.store.dialect import is_postgres
from bot.store.migrations import migrations
from bot.store.readonly import connect_read_only


@dataclass(frozen=True)
class SchemaState:
    """`pending`: migrations the next start applies; `unknown`: applied by a newer version."""

    pending: list[str]
    unknown: list[str]


def schema_state(db_path: str | Path) -> SchemaState:
    """Read the migrations applied to the database at `db_path` (read-only; raises sqlite3.Error
    when it cannot be read, psycopg.Error for a PostgreSQL URL)."""
    known = [m.name for m in migrations.pending(Database(memory=True))]
    if is_postgres(db_path):
        with closing(read_only(db_path)) as db:
            found = db.execute("SELECT to_regclass('schema_migrations') IS NOT NULL").fetchone()
            rows = db.execute("SELECT name FROM schema_migrations") if found[0] else []
            applied = {name for (name,) in rows}
        return SchemaState([n for n in known if n not in applied], sorted(applied - set(known)))
    with closing(connect_read_only(db_path)) as conn:
        db = Database(conn)
        applied = {m.name for m in migrations.applied(db)}
        pending = [m.name for m in migrations.pending(db)]
    known = {m.name for m in migrations.pending(Database(memory=True))}
    return SchemaState(pending, sorted(applied - known))


def read_only(db_path: str | Path) -> Database:
    """The database at `db_path` opened read-only, for looking (doctor); the caller closes it.
    A PostgreSQL URL gets a read-only session (`PostgresDatabase.read_only`)."""
    if is_postgres(db_path):
        return connect_read_only(db_path)  # type: ignore[return-value]  # already a Database
    return Database(connect_read_only(db_path))
