"""What differs between the two databases the store runs on, in one place.

The store's SQL is one text for both where SQLite (3.40) and PostgreSQL accept the same words
(`ON CONFLICT DO NOTHING`, `RETURNING id`, `IS NOT DISTINCT FROM`, `?` placeholders, which the
PostgreSQL adapter translates). Where they cannot agree, the statement takes its words from
`db.dialect`, never from an `if postgres` in domain code. `AFTERCARE_DB` names the database:
a file path or `sqlite:///path` (SQLite, the default), or `postgresql://...` (PostgreSQL).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

POSTGRES_SCHEMES = ("postgresql://", "postgres://")
SQLITE_SCHEME = "sqlite:///"


@dataclass(frozen=True)
class Dialect:
    """SQL words of one database. `greatest`: the scalar max of two values;
    `indexed_by(name)`: a table's index hint (SQLite's planner needs it for partial indexes);
    `skip_locked`: the clause that makes a claiming SELECT (outbox rows as `d`) take rows none
    other transaction holds (`FOR UPDATE ... SKIP LOCKED`; SQLite serialises its writers)."""

    name: str
    greatest: str
    index_hint: str
    skip_locked: str

    def indexed_by(self, index: str) -> str:
        return self.index_hint.format(index=index)


SQLITE = Dialect("sqlite", "max", " INDEXED BY {index}", "")
POSTGRES = Dialect("postgres", "GREATEST", "", " FOR UPDATE OF d SKIP LOCKED")


def dialect_of(db: object) -> Dialect:
    """The dialect of a store's database (a plain sqlite-utils Database is SQLite)."""
    return getattr(db, "dialect", SQLITE)


def is_postgres(target: str | Path) -> bool:
    """Whether an `AFTERCARE_DB` value names a PostgreSQL database (a postgresql:// URL)."""
    return str(target).strip().lower().startswith(POSTGRES_SCHEMES)


def sqlite_path(target: str | Path) -> str | Path:
    """The file an `AFTERCARE_DB` value names for SQLite: `sqlite:///x.db` is `x.db` (relative)
    and `sqlite:////srv/x.db` is `/srv/x.db`, as SQLAlchemy reads them; a plain path is itself."""
    text = str(target)
    return text[len(SQLITE_SCHEME) :] if text.lower().startswith(SQLITE_SCHEME) else target


def redact(target: str | Path) -> str:
    """An `AFTERCARE_DB` value fit for messages and logs: a URL's password left out."""
    parts = urlsplit(str(target))
    if not parts.password:
        return str(target)
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))
