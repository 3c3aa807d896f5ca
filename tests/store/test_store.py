import sqlite3
from datetime import UTC, datetime, time

import pytest

from bot.store import Store
from bot.store.migrations import migrations
from bot.store.timefmt import iso, parse

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_open_creates_schema_in_wal_mode(tmp_path):
    store = Store.open(tmp_path / "x.db")
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert {"clinics", "patients", "sessions", "deliveries", "escalations"} <= set(
        store.db.table_names()
    )
    assert migrations.pending(store.db) == []


def test_reopening_applies_nothing_twice_and_keeps_data(tmp_path):
    store = Store.open(tmp_path / "x.db")
    store.clinics.add(name="Glow", phone="+44 1", timezone="Europe/London", now=NOW)
    applied = len(migrations.applied(store.db))
    store.close()
    store = Store.open(tmp_path / "x.db")
    assert len(migrations.applied(store.db)) == applied
    assert [c.name for c in store.clinics.all()] == ["Glow"]


def test_clinic_round_trip_in_memory():
    store = Store.open(":memory:")
    clinic = store.clinics.add(
        name="Glow",
        phone="+44 1",
        timezone="Europe/Paris",
        now=NOW,
        booking_url="https://glow.example/book",
        window_start=time(8, 30),
        window_end=time(19, 0),
        series_interval_days=42,
    )
    assert store.clinics.get(clinic.id) == clinic
    assert clinic.window_start == time(8, 30)
    assert store.clinics.get(999) is None


def test_writes_commit_without_explicit_transaction(tmp_path):
    store = Store.open(tmp_path / "x.db")
    store.clinics.add(name="Glow", phone="1", timezone="UTC", now=NOW)
    other = sqlite3.connect(tmp_path / "x.db")
    assert other.execute("SELECT count(*) FROM clinics").fetchone()[0] == 1


def test_times_are_fixed_width_utc_and_refuse_naive():
    assert iso(NOW) == "2026-03-02T09:00:00.000000+00:00"
    assert parse(iso(NOW)) == NOW
    with pytest.raises(ValueError):
        iso(datetime(2026, 1, 1))


def test_every_connection_overwrites_deleted_content(tmp_path):
    for path in (tmp_path / "x.db", ":memory:"):
        store = Store.open(path)
        assert store.db.execute("PRAGMA secure_delete").fetchone()[0] == 1
        store.close()


def test_patients_enrolled_before_pseudonyms_get_one_when_migrated(tmp_path):
    from sqlite_utils import Database

    db = Database(tmp_path / "old.db")
    migrations.apply(db, stop_before="m005_patient_pseudonyms")
    db.execute(
        "INSERT INTO clinics (id, name, phone, timezone, created_at)"
        " VALUES (1, 'Glow', '+44 1', 'Europe/London', ?)",
        [iso(NOW)],
    )
    for status in ("active", "active", "forgotten"):
        db.execute(
            "INSERT INTO patients (clinic_id, status, created_at) VALUES (1, ?, ?)",
            [status, iso(NOW)],
        )
    db.close()
    store = Store.open(tmp_path / "old.db")
    names = [store.patients.get(n).pseudonym for n in (1, 2, 3)]
    assert len(set(names[:2])) == 2 and all(len(name) == 10 for name in names[:2])
    assert names[2] is None  # a forgotten patient gets none
    new = store.patients.add(clinic_id=1, first_name="Amira", now=NOW)
    assert new.pseudonym not in names and len(new.pseudonym) == 10
    store.close()
