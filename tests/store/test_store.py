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
