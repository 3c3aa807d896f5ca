"""The one row mapper: fields by name, converted by their type hints, on rows from real SQLite."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time

import pytest

from bot.store.rows import from_row
from bot.store.timefmt import iso

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Sample:
    id: int
    at: datetime
    until: datetime | None
    opens: time
    on: bool
    note: str | None


@pytest.fixture
def db(store):
    store.db.execute(
        "CREATE TABLE samples (id INTEGER, at TEXT, until TEXT, opens TEXT, on_ INTEGER,"
        " note TEXT, extra TEXT)"
    )
    return store.db


def _row(db, **values):
    db["samples"].insert(values)
    return next(db.query('SELECT *, on_ AS "on" FROM samples'))


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        pytest.param(
            {"id": 1, "at": iso(NOW), "until": None, "opens": "09:30", "on_": 1, "note": None},
            Sample(1, NOW, None, time(9, 30), True, None),
            id="nulls_stay_none",
        ),
        pytest.param(
            {"id": 2, "at": iso(NOW), "until": iso(NOW), "opens": "20:00", "on_": 0, "note": "x"},
            Sample(2, NOW, NOW, time(20, 0), False, "x"),
            id="every_converter",
        ),
    ],
)
def test_fields_are_read_by_name_and_converted_by_hint(db, values, expected):
    assert from_row(Sample, _row(db, **values)) == expected


def test_datetimes_come_back_in_utc(db):
    paris = datetime(2026, 3, 2, 10, 0).astimezone()
    row = _row(db, id=1, at=iso(paris), opens="09:00", on_=1)
    assert from_row(Sample, row).at.tzinfo is UTC


def test_given_values_win_and_a_prefix_picks_the_columns():
    row = {"s_id": 7, "s_at": iso(NOW), "s_until": None, "s_opens": "08:00", "s_on": 1}
    sample = from_row(Sample, row, prefix="s_", note="given")
    assert sample == Sample(7, NOW, None, time(8, 0), True, "given")


def test_a_missing_column_is_named():
    with pytest.raises(KeyError, match="opens"):
        from_row(Sample, {"id": 1, "at": iso(NOW), "until": None})
