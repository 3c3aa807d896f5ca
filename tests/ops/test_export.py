"""CSV export on a real store: rows as the database holds them, times on the clinic's clock,
no patient words, names only when asked for, formulas neutralised, progress reported."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

import pytest

from bot.ops import export
from bot.store.timefmt import iso
from tests.conftest import NOW, add_clinic, add_patient


@pytest.mark.parametrize(
    ("value", "written"),
    [
        pytest.param('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")', id="equals"),
        pytest.param("+44 20", "'+44 20", id="plus"),
        pytest.param("-Bea", "'-Bea", id="minus"),
        pytest.param("@SUM(A1)", "'@SUM(A1)", id="at"),
        pytest.param("\t=1", "'\t=1", id="tab"),
        pytest.param("  =1", "'  =1", id="after_spaces"),
        pytest.param("＝1", "'＝1", id="full_width"),
        pytest.param("Amira", "Amira", id="plain"),
        pytest.param("", "", id="empty"),
        pytest.param(-3, -3, id="negative_number"),
    ],
)
def test_neutral(value, written):
    assert export.neutral(value) == written


@pytest.mark.parametrize(
    ("day", "zone", "utc"),
    [
        pytest.param("2026-03-02", "Europe/London", datetime(2026, 3, 2, 0, tzinfo=UTC), id="gmt"),
        pytest.param(
            "2026-07-01", "Europe/London", datetime(2026, 6, 30, 23, tzinfo=UTC), id="bst"
        ),
        pytest.param(
            " 2026-03-02 ", "Asia/Tokyo", datetime(2026, 3, 1, 15, tzinfo=UTC), id="tokyo"
        ),
    ],
)
def test_since_is_the_start_of_that_day_on_the_clinics_clock(day, zone, utc):
    from zoneinfo import ZoneInfo

    assert export.start_of_day(day, ZoneInfo(zone)) == utc


@pytest.mark.parametrize(
    ("clinic_id", "since", "what", "says"),
    [
        pytest.param(9, "2026-03-01", "events", "no clinic with id 9", id="clinic"),
        pytest.param(1, "1 March", "events", "is not a date", id="date"),
        pytest.param(1, "2026-02-30", "events", "is not a date", id="impossible_date"),
        pytest.param(1, "2026-03-01", "patients", "--what must be one of", id="what"),
    ],
)
def test_bad_input_is_named(store, clinic_id, since, what, says):
    add_clinic(store)
    with pytest.raises(export.ExportError, match=says):
        export.prepare(store, clinic_id, since, what, names=False)


def _csv(store, job, **kwargs) -> list[dict[str, str]]:
    out = io.StringIO()
    export.write(store, job, out, **kwargs)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def test_events_on_the_clinics_clock_with_names_only_when_asked(store):
    glow = add_clinic(store, timezone="Asia/Tokyo")
    other = add_clinic(store, "Other Clinic")
    patient = add_patient(store, glow, 1001)
    store.db.execute("UPDATE patients SET first_name = '=cmd|calc' WHERE id = ?", [patient])
    store.events.record("delivered", now=NOW, clinic_id=glow.id, patient_id=patient)
    store.events.record("delivered", now=NOW - timedelta(days=3), clinic_id=glow.id)
    store.events.record("delivered", now=NOW, clinic_id=other.id)
    job = export.prepare(store, glow.id, "2026-03-01", "events", names=False)
    rows = _csv(store, job)
    assert rows == [{"id": "1", "at": "2026-03-02 23:00:00", "event": "delivered",
                     "patient": str(patient)}]  # fmt: skip
    named = _csv(store, export.prepare(store, glow.id, "2026-03-01", "events", names=True))
    assert list(named[0]) == ["id", "at", "event", "patient", "first_name"]
    assert named[0]["first_name"] == "'=cmd|calc"


def test_an_export_with_no_rows_still_has_its_header(store):
    glow = add_clinic(store)
    out = io.StringIO()
    job = export.prepare(store, glow.id, "2026-03-01", "escalations", names=False)
    assert export.write(store, job, out) == 0
    header = out.getvalue().strip().split(",")
    assert header[:3] == ["id", "patient", "kind"] and "question" not in header


def test_progress_is_reported_in_steps_and_adds_up(store):
    glow = add_clinic(store)
    store.db.conn.executemany(
        "INSERT INTO events (at, clinic_id, name) VALUES (?, ?, 'delivered')",
        [(iso(NOW), glow.id)] * 1234,
    )
    job = export.prepare(store, glow.id, "2026-03-01", "events", names=False)
    steps: list[int] = []
    assert export.count(store, job) == 1234
    assert len(_csv(store, job, progress=steps.append)) == 1234
    assert steps == [500, 500, 234]
