"""The store on both databases: migrations at start-up, one schema, writes visible to other
connections, transactions whole or not at all (savepoints nested). Runs on SQLite and, with
AFTERCARE_TEST_POSTGRES set, on PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
from sqlite_utils import Database

from bot.store import Store
from bot.store.dialect import is_postgres
from bot.store.migrations import migrations
from bot.store.migrations_postgres import BODIES
from bot.store.probe import outbox_counts
from tests.delivery_fixtures import MONDAY_9AM, Step, add_clinic, enroll, plan_session

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
DAY = timedelta(days=1)
EVERY_MIGRATION = [m.name for m in migrations.pending(Database(memory=True))]


def _applied(store: Store, database: str) -> list[str]:
    if is_postgres(database):
        return [n for (n,) in store.db.execute("SELECT name FROM schema_migrations ORDER BY name")]
    return sorted(m.name for m in migrations.applied(store.db))


def _add_clinic(store: Store, name: str = "Glow"):
    return store.clinics.add(name=name, phone="+44 1", timezone="Europe/London", now=NOW)


def test_every_migration_has_a_postgresql_body_in_the_same_order():
    assert list(BODIES) == EVERY_MIGRATION


def test_open_migrates_and_reopening_applies_nothing_twice(database):
    store = Store.open(database)
    _add_clinic(store)
    assert _applied(store, database) == EVERY_MIGRATION
    store.close()
    store = Store.open(database)
    assert _applied(store, database) == EVERY_MIGRATION
    assert [c.name for c in store.clinics.all()] == ["Glow"]
    store.close()


def test_a_clinic_round_trips(store):
    clinic = store.clinics.add(
        name="Glow",
        phone="+44 1",
        timezone="Europe/Paris",
        now=NOW,
        window_start=time(8, 30),
        window_end=time(19, 0),
        series_interval_days=42,
    )
    assert store.clinics.get(clinic.id) == clinic
    assert (clinic.window_start, clinic.series_interval_days) == (time(8, 30), 42)
    assert store.clinics.get(999) is None


def test_writes_outside_a_transaction_are_seen_by_another_connection(store, database):
    _add_clinic(store)
    other = Store.open(database)
    assert [c.name for c in other.clinics.all()] == ["Glow"]
    other.close()


def test_a_failed_transaction_leaves_nothing_and_a_failed_savepoint_only_its_part(store):
    with pytest.raises(RuntimeError), store.db.atomic():
        _add_clinic(store, "Lost")
        raise RuntimeError("midway")
    with store.db.atomic():
        _add_clinic(store, "Kept")
        with pytest.raises(RuntimeError), store.db.atomic():
            _add_clinic(store, "Undone")
            raise RuntimeError("inner")
    assert [c.name for c in store.clinics.all()] == ["Kept"]


@pytest.mark.postgres_only
def test_the_postgresql_schema_has_the_sqlite_tables_and_columns(store):
    sqlite = Store.open(":memory:")
    want = {
        table: {row["name"] for row in sqlite.db.query(f'PRAGMA table_info("{table}")')}
        for table in sqlite.db.table_names()
        if table != "_sqlite_migrations"
    }
    have: dict[str, set[str]] = {}
    for row in store.db.query(
        "SELECT table_name, column_name FROM information_schema.columns"
        " WHERE table_schema = current_schema() AND table_name != 'schema_migrations'"
    ):
        have.setdefault(row["table_name"], set()).add(row["column_name"])
    # Tables ordered by SQLite's implicit rowid carry one of their own on PostgreSQL.
    for table in ("consent_prompts", "escalation_forwards"):
        have[table].discard("rowid")
    assert have == want


def test_the_health_probe_counts_the_outbox_from_a_connection_of_its_own(store, database):
    clinic = add_clinic(store)
    enroll(store, clinic, 101, [Step("now", MONDAY_9AM), Step("later", MONDAY_9AM + DAY)])
    counts = outbox_counts(database, MONDAY_9AM)
    assert (counts.waiting, counts.due, counts.failed) == (2, 1, 0)


@pytest.mark.parametrize(
    ("sqlite", "psycopg"),
    [
        pytest.param("a = ? AND b IN (?, ?)", "a = %s AND b IN (%s, %s)", id="marks"),
        pytest.param("a = '?' AND \"b?\" = ?", "a = '?' AND \"b?\" = %s", id="quoted_left_alone"),
        pytest.param("a LIKE 'x%' AND b = ?", "a LIKE 'x%%' AND b = %s", id="percent_doubled"),
    ],
)
def test_placeholders_are_translated_for_psycopg(sqlite, psycopg):
    from bot.store.postgres import _placeholders

    assert _placeholders(sqlite) == psycopg


def test_planning_a_session_again_counts_only_new_rows(store):
    clinic = add_clinic(store)
    steps = [Step("now", MONDAY_9AM), Step("later", MONDAY_9AM + DAY)]
    patient_id, session_id = enroll(store, clinic, 101, steps)
    again = [*steps, Step("after", MONDAY_9AM + 2 * DAY)]
    assert plan_session(store, clinic, patient_id, session_id, again, MONDAY_9AM) == 1
    assert plan_session(store, clinic, patient_id, session_id, again, MONDAY_9AM) == 0
