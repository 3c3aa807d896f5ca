"""Migration m009: rows planned when "1d" meant 24 hours in UTC are re-planned as calendar days.

The database is built at the schema before the migration, with rows planned the old way
(the session time plus the offset as a duration, then the send window), then opened as the
upgraded bot opens it.
"""

from datetime import UTC, datetime, timedelta

import pytest
from sqlite_utils import Database

from bot.delivery.plan import plan, series_interval
from bot.delivery.window import next_send_time
from bot.store import Store
from bot.store.delivery_rows import NewDelivery
from bot.store.migrations import migrations
from bot.store.replan import replan_unsent
from bot.store.timefmt import iso
from content.timeline import load_timeline
from tests.conftest import add_clinic, add_patient, add_session

MIGRATION = "m009_calendar_days"
# Saturday 28 March 2026, 19:30 GMT: London's clocks go forward that night.
SESSION = datetime(2026, 3, 28, 19, 30, tzinfo=UTC)
ENROLLED = SESSION + timedelta(minutes=5)


@pytest.fixture(scope="module")
def timeline():
    return load_timeline()


def old_due(step, clinic):
    """How the planner worked before: the offset added in UTC, then the send window."""
    return next_send_time(
        SESSION + step.offset.resolve(series_interval(clinic)), clinic, step.immediate
    )


@pytest.fixture
def old_database(tmp_path, timeline):
    """A database at the schema before m009 with one session's timeline planned the old way;
    returns its path and the rows' ids by step."""
    path = tmp_path / "old.db"
    db = Database(path)
    migrations.apply(db, stop_before=MIGRATION)
    store = Store(db)
    clinic = add_clinic(store, now=ENROLLED, approved=False)  # the schema has no approval yet
    patient_id = add_patient(store, clinic, 1001, now=ENROLLED)
    session_id = add_session(store, clinic, patient_id, SESSION)
    rows = []
    for step in timeline.steps:
        due = old_due(step, clinic)
        rows.append(
            NewDelivery(
                patient_id, session_id, clinic.id, step.id, step.group, due,
                due + step.expires, step.immediate,
            )
        )  # fmt: skip
    store.deliveries.insert(rows)
    ids = {r["step_id"]: r["id"] for r in db.query("SELECT id, step_id FROM deliveries")}
    db.close()
    return path, clinic, ids


def times(store, delivery_id):
    row = store.deliveries.get(delivery_id)
    return row.status, row.due_at, row.expires_at, row.next_attempt_at


def test_old_rows_are_replanned_with_the_planner(old_database, timeline):
    path, clinic, ids = old_database
    store = Store.open(path)
    expected = {item.step_id: item for item in plan(timeline, session_at=SESSION, clinic=clinic)}
    for step_id, delivery_id in ids.items():
        item = expected[step_id]
        assert times(store, delivery_id) == ("pending", item.due_at, item.expires_at, item.due_at)
    # Day 1 was planned for Monday 09:00 BST; it now comes on Sunday at 19:30 BST.
    day1 = store.deliveries.get(ids["day1_redness"])
    assert day1.due_at == datetime(2026, 3, 29, 18, 30, tzinfo=UTC)
    assert MIGRATION in {m.name for m in migrations.applied(store.db)}
    assert replan_unsent(store.db, timeline) == 0  # nothing left planned the old way
    store.close()


def test_only_rows_not_yet_sent_move(old_database, timeline):
    path, clinic, ids = old_database
    db = Database(path)
    db.execute(
        "UPDATE deliveries SET status = 'sent', sent_at = ? WHERE id = ?",
        [iso(SESSION), ids["day2_settling"]],
    )
    db.execute("UPDATE deliveries SET status = 'expired' WHERE id = ?", [ids["book_next"]])
    db.execute("UPDATE deliveries SET status = 'muted' WHERE id = ?", [ids["week1_collagen"]])
    # A failed attempt put day 1 off to Tuesday: the retry keeps its later time.
    retry = datetime(2026, 3, 31, 12, 0, tzinfo=UTC)
    db.execute(
        "UPDATE deliveries SET attempts = 1, next_attempt_at = ? WHERE id = ?",
        [iso(retry), ids["day1_redness"]],
    )
    db.close()
    store = Store.open(path)
    new = {item.step_id: item for item in plan(timeline, session_at=SESSION, clinic=clinic)}
    for done in ("day2_settling", "book_next"):
        old = old_due(timeline.step(done), clinic)
        assert old != new[done].due_at
        assert store.deliveries.get(ids[done]).due_at == old
    week1, day1 = new["week1_collagen"], new["day1_redness"]
    assert times(store, ids["week1_collagen"]) == (
        "muted", week1.due_at, week1.expires_at, week1.due_at,
    )  # fmt: skip
    assert times(store, ids["day1_redness"]) == ("pending", day1.due_at, day1.expires_at, retry)
    store.close()


def test_a_row_whose_step_left_the_timeline_keeps_its_times(old_database):
    path, _clinic, ids = old_database
    db = Database(path)
    db.execute("UPDATE deliveries SET step_id = 'retired' WHERE id = ?", [ids["day1_redness"]])
    query = "SELECT due_at, expires_at, next_attempt_at FROM deliveries WHERE id = ?"
    before = db.execute(query, [ids["day1_redness"]]).fetchone()
    db.close()
    store = Store.open(path)
    assert store.db.execute(query, [ids["day1_redness"]]).fetchone() == before
    store.close()
