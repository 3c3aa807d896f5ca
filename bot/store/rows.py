"""Reading rows as dataclasses: one mapper for every table, and the bases of the table classes
(`Table`, and `Versioned` for tables that keep every version of a clinic's change).

A field is read from the column of the same name and converted by its type hint: `datetime`
from the stored ISO-8601 UTC text (`timefmt.parse`), `time` from "HH:MM", `bool` from 0/1;
NULL stays None. Anything else is taken as SQLite returns it.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, time
from functools import cache
from typing import Any, ClassVar, Generic, TypeVar

from sqlite_utils import Database

from bot.store.timefmt import iso, parse

T = TypeVar("T")

_CONVERTERS: dict[type, Callable[[Any], Any]] = {
    datetime: parse,
    time: time.fromisoformat,
    bool: bool,
}


def from_row(cls: type[T], row: Mapping[str, Any], *, prefix: str = "", **given: Any) -> T:
    """A `cls` dataclass from a row: each field not in `given` from column `prefix + name`.

    A field with a default may be missing from the row (a query that does not select it);
    any other missing column raises KeyError naming it.
    """
    values = dict(given)
    for name, convert, optional in _fields(cls):
        if name not in values:
            if optional and prefix + name not in row:
                continue  # a field with a default that this query does not select
            value = row[prefix + name]
            values[name] = value if value is None or convert is None else convert(value)
    return cls(**values)


@cache
def _fields(cls: type) -> tuple[tuple[str, Callable[[Any], Any] | None, bool], ...]:
    """(field name, converter or None, has a default) for each field of `cls`."""
    hints = typing.get_type_hints(cls)
    return tuple(
        (f.name, _converter(hints[f.name]), f.default is not dataclasses.MISSING)
        for f in dataclasses.fields(cls)
    )


def _converter(hint: Any) -> Callable[[Any], Any] | None:
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        kinds = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        hint = kinds[0] if len(kinds) == 1 else None
    return _CONVERTERS.get(hint)


class Table(Generic[T]):
    """What every table class shares: the database, and reading rows as `row_type`."""

    row_type: ClassVar[type]
    table: ClassVar[str]  # for the helpers that write

    def __init__(self, db: Database) -> None:
        self.db = db

    def _read(self, row: Mapping[str, Any]) -> T:
        """One row as the table's dataclass; a table whose columns differ overrides this."""
        return from_row(self.row_type, row)

    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[T]:
        """Every row `sql` selects, read."""
        return [self._read(row) for row in self.db.query(sql, params)]

    def _one(self, sql: str, params: Sequence[Any] = ()) -> T | None:
        """The first row `sql` selects, read; None when it selects nothing."""
        rows = self._all(sql, params)
        return rows[0] if rows else None

    def _insert_id(self, sql: str, params: Sequence[Any]) -> int:
        """Run an INSERT of one row and return its new id (`RETURNING id`: both databases
        have it; the rows are read to the end, as SQLite needs before a commit)."""
        return self.db.execute(f"{sql} RETURNING id", params).fetchall()[0][0]

    def _stamp(self, column: str, now: datetime, where: str, params: Sequence[Any]) -> bool:
        """Set `column` (a time such as deleted_at) to `now` on the rows matching `where` that
        do not have it yet; False when there were none. Marks instead of deleting, for audit."""
        cursor = self.db.execute(
            f"UPDATE {self.table} SET {column} = ? WHERE {where} AND {column} IS NULL",
            [iso(now), *params],
        )
        return cursor.rowcount > 0


class Versioned(Table[T]):
    """A table of numbered versions: a change is a new row, the newest version wins, and older
    ones stay for the audit trail (who changed what, when)."""

    def _next_version(self, where: str, params: Sequence[Any]) -> int:
        """The version number a new row matching `where` gets: 1, or the highest so far + 1.
        Call inside the transaction that inserts it."""
        sql = f"SELECT coalesce(max(version), 0) + 1 FROM {self.table} WHERE {where}"
        return self.db.execute(sql, params).fetchone()[0]

    def _newest(self, where: str, params: Sequence[Any]) -> T | None:
        """The newest version among the rows matching `where`, or None."""
        sql = f"SELECT * FROM {self.table} WHERE {where} ORDER BY version DESC LIMIT 1"
        return self._one(sql, params)

    def _newest_each(self, key: str, where: str, params: Sequence[Any]) -> dict[Any, T]:
        """The newest version of each `key` among the rows matching `where`, by that key."""
        rows = self.db.query(
            f"SELECT * FROM {self.table} WHERE {where} ORDER BY {key}, version", params
        )
        # Ordered by version, so the newest of each key is the one left in the dict.
        return {row[key]: self._read(row) for row in rows}

    def _versions(self, where: str, params: Sequence[Any]) -> list[T]:
        """Every version among the rows matching `where`, oldest first."""
        return self._all(f"SELECT * FROM {self.table} WHERE {where} ORDER BY version", params)
