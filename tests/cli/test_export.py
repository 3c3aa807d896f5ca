"""`aftercare export` and `aftercare report uncovered` on a real database file."""

from __future__ import annotations

import csv
import io

import pytest
from click.testing import CliRunner

from bot.cli import load_commands
from bot.cli.export import PROGRESS_FROM
from bot.clock import ManualClock
from bot.inbox.escalation import open_escalation
from bot.store.timefmt import iso
from tests.conftest import NOW, add_clinic, add_patient

cli = load_commands()


def run(*args: str):
    return CliRunner().invoke(cli, list(args), obj={"clock": ManualClock(NOW)})


@pytest.fixture
def glow(store, cli_db):
    clinic = add_clinic(store)
    for words in ("Can I wear makeup tomorrow?", "makeup after 2 days?", "Sauna this week?"):
        patient = add_patient(store, clinic, 1000 + len(words))
        open_escalation(
            store, clinic_id=clinic.id, patient_id=patient, kind="unknown", category=None,
            question=words, now=NOW,
        )  # fmt: skip
    return clinic


def test_export_writes_csv_to_standard_output_or_a_file(glow, tmp_path):
    result = run("export", "--clinic", "1", "--since", "2026-03-01", "--what", "escalations")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["kind"] for row in rows] == ["unknown"] * 3
    assert all("makeup" not in value for row in rows for value in row.values())
    target = tmp_path / "out.csv"
    to_file = run("export", "--clinic", "1", "--since", "2026-03-01", "-o", str(target),
                  "--what", "events")  # fmt: skip
    assert to_file.exit_code == 0 and to_file.stderr == f"Wrote 3 events rows to {target}.\n"
    assert target.read_text(encoding="utf-8").splitlines()[0] == "id,at,event,patient"


@pytest.mark.parametrize(
    ("args", "says"),
    [
        pytest.param(
            ["--clinic", "7", "--since", "2026-03-01"], "no clinic with id 7", id="clinic"
        ),
        pytest.param(["--clinic", "1", "--since", "yesterday"], "is not a date", id="date"),
    ],
)
def test_bad_export_input_exits_1_naming_it(glow, args, says):
    result = run("export", *args)
    assert result.exit_code == 1 and says in result.stderr and result.stdout == ""


def test_a_long_export_shows_a_progress_bar_on_standard_error(glow, store):
    store.db.conn.executemany(
        "INSERT INTO events (at, clinic_id, name) VALUES (?, ?, 'delivered')",
        [(iso(NOW), glow.id)] * PROGRESS_FROM,
    )
    long = run("export", "--clinic", "1", "--since", "2026-03-01", "--what", "events")
    assert long.exit_code == 0
    assert f"Exporting {PROGRESS_FROM + 3} events" in long.stderr
    assert len(long.stdout.splitlines()) == PROGRESS_FROM + 3 + 1
    short = run("export", "--clinic", "1", "--since", "2026-03-01", "--what", "escalations")
    assert short.stderr == ""


def test_report_uncovered_counts_terms_never_words(glow):
    result = run("report", "uncovered", "--clinic", "1", "--since", "2026-03-01")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Glow Clinic: questions the guide did not cover since 2026-03-01: 3")
    assert lines[2:] == ["    2  makeup"]
    assert "tomorrow" not in result.stdout and "Sauna" not in result.stdout
    bad = run("report", "uncovered", "--clinic", "1", "--since", "03/01")
    assert bad.exit_code == 1 and "is not a date" in bad.stderr
