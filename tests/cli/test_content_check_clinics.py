"""`aftercare content check` holds the timeline against the clinics in AFTERCARE_DB, read-only:
a timeline edit that would send an existing clinic's booking prompt before its care messages
is a problem; no database means no clinic to check, and none is created."""

import hashlib
import shutil

import pytest
import yaml
from click.testing import CliRunner
from sqlite_utils import Database

from bot.cli import load_commands
from bot.store.migrations import migrations
from content.timeline import CONTENT_DIR
from tests.conftest import add_clinic

cli = load_commands()


@pytest.fixture
def clinics_13_and_28_days(store, cli_db):
    """Two clinics as an older version stored them, without checking the interval."""
    add_clinic(store, "Clinic 1", series_interval_days=28)
    add_clinic(store, "Clinic 2", series_interval_days=13)


@pytest.fixture
def week1_on_day8(tmp_path):
    """The shipped content with the week-1 step moved to day 8: still in order for every
    interval the content check assumes (2 to 12 weeks), too late for a 13-day series."""
    directory = tmp_path / "content"
    directory.mkdir()
    for path in CONTENT_DIR.glob("*.yaml"):
        shutil.copy(path, directory / path.name)
    path = directory / "timeline.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    next(s for s in data["steps"] if s["id"] == "week1_collagen")["offset"] = "8d"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return directory


def check(*args):
    return CliRunner().invoke(cli, ["content", "check", *map(str, args)])


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_an_edit_that_breaks_an_existing_clinic_is_a_problem(clinics_13_and_28_days, week1_on_day8):
    assert check().exit_code == 0  # the shipped timeline fits both
    result = check(week1_on_day8)
    assert result.exit_code == 1
    assert "clinic 2 (Clinic 2): a series interval of 13 days is too short" in result.output
    assert "book_next (interval - 5d) would be sent before step week1_collagen (8d)" in (
        result.output
    )
    assert "clinic 1 " not in result.output
    assert "1 clinic(s) whose series interval does not fit" in result.output


def test_clinic_option_checks_only_that_clinic(clinics_13_and_28_days, week1_on_day8):
    assert check(week1_on_day8, "--clinic", 1).exit_code == 0
    named = check(week1_on_day8, "--clinic", 2)
    assert named.exit_code == 1 and "clinic 2 (Clinic 2)" in named.output
    missing = check(week1_on_day8, "--clinic", 9)
    assert missing.exit_code == 2 and "no clinic 9" in missing.output


def test_the_database_is_only_read(cli_db, week1_on_day8):
    db = Database(cli_db)
    migrations.apply(db, stop_before="m009_calendar_days")  # an older bot's database
    db.execute(
        "INSERT INTO clinics (name, phone, timezone, series_interval_days, created_at)"
        " VALUES ('Old Clinic', '+44 20 7946 0000', 'Europe/London', 13, '2026-01-01')"
    )
    db.close()
    before = digest(cli_db)
    assert check(week1_on_day8).exit_code == 1
    assert digest(cli_db) == before
    db = Database(cli_db)
    assert "m009_calendar_days" in {m.name for m in migrations.pending(db)}
    db.close()


def test_without_a_database_nothing_is_checked_or_created(cli_db, week1_on_day8):
    assert check(week1_on_day8).exit_code == 0
    named = check(week1_on_day8, "--clinic", 1)
    assert named.exit_code == 2
    assert "no database at" in named.output and "AFTERCARE_DB" in named.output
    assert not cli_db.exists()
