"""`aftercare db copy`: a real SQLite file copied into a real PostgreSQL database, every row
with its id, the sequences moved on, and every refusal one line that changes nothing."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import load_commands
from bot.inbox.escalation import open_escalation, record_forward
from bot.people.enrollment import accept, open_link
from bot.people.staff import invite_staff
from bot.store import Store
from bot.store.instance import InstanceLock
from tests.conftest import NOW, add_clinic, enroll_patient, make_services

STAFF, PATIENT, OTHER = 2001, 1001, 1002


def _clinic_with_a_patient(path: Path) -> None:
    """A clinic with staff, two patients (one half-way through consent), a timeline of
    deliveries, an escalation forwarded to staff: most tables hold rows."""
    services = make_services(Store.open(path))
    store = services.store
    clinic = add_clinic(store)
    open_link(store, invite_staff(store, clinic.id, NOW).token, STAFF, NOW)
    token = enroll_patient(store, clinic.id, "Zelda").invite.token
    open_link(store, token, PATIENT, NOW)
    accept(store, token, PATIENT, NOW, plan=services.plan_timeline)
    open_link(store, enroll_patient(store, clinic.id, "Yara").invite.token, OTHER, NOW)
    patient = store.patients.by_chat(PATIENT)
    escalation = open_escalation(
        store, clinic_id=clinic.id, patient_id=patient.id, kind="unknown", category=None,
        question="Can I swim?", now=NOW,
    )  # fmt: skip
    record_forward(store, escalation, chat_id=STAFF, message_id=41)
    store.close()


def _rows(db, table: str, columns: list[str] | None = None) -> list[tuple]:
    """A table's rows (`columns`, default all) as tuples of text, in id (or rowid) order:
    for comparing databases (SQLite reads its implicit rowid when it is asked for)."""
    columns = columns or [d[0] for d in _columns(db, table)]
    order = next((name for name in ("id", "rowid") if name in columns), "1")
    listed = ", ".join(f'"{name}"' for name in columns)
    rows = db.execute(f'SELECT {listed} FROM "{table}" ORDER BY {order}').fetchall()
    return [tuple(str(value) for value in row) for row in rows]


def _columns(db, table: str) -> list:
    return db.execute(f'SELECT * FROM "{table}" LIMIT 0').description


def _copy(*args: str):
    return CliRunner().invoke(load_commands(), ["db", "copy", *args])


@pytest.mark.postgres_only
def test_every_row_is_copied_with_its_id_and_new_rows_get_new_ids(tmp_path, database):
    source = tmp_path / "clinic.db"
    _clinic_with_a_patient(source)
    result = _copy(str(source), database)
    assert result.exit_code == 0, result.output
    assert "every count matches" in result.output

    sqlite, postgres = Store.open(source), Store.open(database)
    tables = [t for t in sqlite.db.table_names() if t != "_sqlite_migrations"]
    copied = {table: _rows(postgres.db, table) for table in tables}
    columns = {table: [d[0] for d in _columns(postgres.db, table)] for table in tables}
    assert {table: _rows(sqlite.db, table, columns[table]) for table in tables} == copied
    assert all(copied[table] for table in ("patients", "deliveries", "escalation_forwards"))
    n = len(copied["deliveries"])
    assert re.search(rf"^deliveries +{n} +{n}$", result.output, re.MULTILINE), result.output
    # The next id continues after the copied ones (the identity sequence was moved on).
    clinic = postgres.clinics.get(1)
    highest = int(copied["clinics"][-1][0])
    assert add_clinic(postgres, "Second Clinic").id == highest + 1 != clinic.id
    sqlite.close()
    postgres.close()


@pytest.mark.postgres_only
def test_a_target_holding_data_is_refused_and_left_as_it_was(tmp_path, database):
    source = tmp_path / "clinic.db"
    _clinic_with_a_patient(source)
    target = Store.open(database)
    add_clinic(target, "Already Here")
    result = _copy(str(source), database)
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        "error: not copied: the target database already holds data (in clinics):"
        " copy into a new, empty database"
    ]
    assert [row[1] for row in _rows(target.db, "clinics")] == ["Already Here"]
    assert _rows(target.db, "patients") == []
    target.close()


@pytest.mark.postgres_only
def test_a_count_that_differs_is_shown_and_exits_non_zero(tmp_path, database):
    source = tmp_path / "clinic.db"
    _clinic_with_a_patient(source)
    target = Store.open(database)
    # A target that silently drops rows (a trigger left behind by someone): the count catches it.
    target.db.executescript(
        "CREATE FUNCTION drop_row() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NULL; END';"
        " CREATE TRIGGER drop_rows BEFORE INSERT ON deliveries"
        " FOR EACH ROW EXECUTE FUNCTION drop_row();"
    )
    target.close()
    result = _copy(str(source), database)
    assert result.exit_code == 1
    assert re.search(r"^deliveries +[1-9]\d* +0  DIFFERS$", result.output, re.MULTILINE)
    assert result.output.strip().splitlines()[-1] == (
        "error: row counts differ in deliveries: do not switch to this copy"
    )


@pytest.mark.postgres_only
def test_refused_while_a_bot_runs_on_the_source(tmp_path, database):
    source = tmp_path / "clinic.db"
    _clinic_with_a_patient(source)
    lock = InstanceLock.take(source, NOW)
    try:
        result = _copy(str(source), database)
    finally:
        lock.release()
    assert result.exit_code == 1
    assert "a bot is running on" in result.output and "stop it first" in result.output
    target = Store.open(database)
    assert _rows(target.db, "clinics") == []
    target.close()


@pytest.mark.postgres_only
@pytest.mark.parametrize(
    ("source", "url", "says"),
    [
        pytest.param("missing.db", None, "there is no SQLite database at", id="missing-file"),
        pytest.param("clinic.db", "mysql://x@y/z", "must be a postgresql:// URL", id="bad-url"),
        pytest.param(
            "clinic.db",
            "postgresql://nobody:secret@127.0.0.1:1/none",
            "cannot use the database postgresql://nobody:***@127.0.0.1:1/none",
            id="unreachable",
        ),
    ],
)
def test_bad_input_is_one_line_naming_what(tmp_path, database, source, url, says):
    _clinic_with_a_patient(tmp_path / "clinic.db")
    result = _copy(str(tmp_path / source), url or database)
    assert result.exit_code == 1
    [line] = result.output.strip().splitlines()
    assert line.startswith("error: not copied: ") and says in line, line
    assert "secret" not in line and "Traceback" not in result.output


def test_without_the_postgres_extra_it_says_what_to_install(tmp_path, monkeypatch):
    _clinic_with_a_patient(tmp_path / "clinic.db")
    monkeypatch.setitem(sys.modules, "bot.store.postgres", None)  # as if psycopg were missing
    result = _copy(str(tmp_path / "clinic.db"), "postgresql://aftercare@127.0.0.1:1/x")
    assert result.exit_code == 1
    [line] = result.output.strip().splitlines()
    assert "psycopg is not installed: pip install 'aftercare-bot[postgres]'" in line
    assert InstanceLock.acquire(tmp_path / "clinic.db", NOW) is not None  # lock given back
