"""`aftercare passage off|on|list` and `aftercare content check --clinic` on a real database."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from click.testing import CliRunner

from bot.cli import load_commands
from bot.clock import ManualClock
from bot.store import Store

cli = load_commands()
NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


@pytest.fixture
def db(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("AFTERCARE_DB", str(tmp_path / "p.db"))
    store = Store.open(tmp_path / "p.db")
    store.clinics.add(
        name="Harbour Skin", phone="+44 131 496 0000", timezone="Europe/London", now=NOW
    )
    store.close()
    return tmp_path / "p.db"


def run(*args: str):
    return CliRunner().invoke(cli, list(args), obj={"clock": ManualClock(NOW)})


def test_off_then_list_then_on(db) -> None:
    off = run("passage", "off", "--clinic", "1", "004#3", "--author", "Dr Lee")
    assert off.exit_code == 0, off.output
    assert "Switched off: 004#3 “Moreover, microneedling can also enhance" in off.output
    listed = run("passage", "list", "--clinic", "1", "--off")
    assert listed.output.splitlines() == [
        "off  004#3 “Moreover, microneedling can also enhance absorption of skincare…” "
        "(Microneedling for healthier skin, its effects and its risks)  "
        "(Dr Lee, 2026-03-02 09:30 UTC)"
    ]
    assert run("passage", "on", "--clinic", "1", "004#3").exit_code == 0
    assert run("passage", "list", "--clinic", "1", "--off").output == ""
    store = Store.open(db)
    history = store.passage_switches.history(1, "004_f59c8c46db378ab5#3")
    store.close()
    assert [(s.state, s.author) for s in history] == [("off", "Dr Lee"), ("on", "cli")]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        pytest.param(["off", "--clinic", "9", "004#3"], "No clinic with id 9", id="clinic"),
        pytest.param(["off", "--clinic", "1", "004#77"], "No passage '004#77'", id="passage"),
        pytest.param(["list", "--clinic", "9"], "No clinic with id 9", id="list_clinic"),
    ],
)
def test_bad_input_exits_1_and_changes_nothing(db, args, says) -> None:
    result = run("passage", *args)
    assert result.exit_code == 1
    assert says in result.output
    store = Store.open(db)
    assert list(store.db.query("SELECT * FROM passage_switches")) == []
    store.close()


def test_content_check_names_steps_quoting_a_switched_off_passage(db) -> None:
    assert run("content", "check", "--clinic", "1").exit_code == 0
    run("passage", "off", "--clinic", "1", "004#3")
    result = run("content", "check", "--clinic", "1")
    assert result.exit_code == 1
    assert "timeline.yaml: step serum_now: quotes 004#3 “Moreover" in result.output
    assert run("content", "check").exit_code == 0  # without --clinic: the shipped content


def test_ask_for_the_clinic_no_longer_quotes_it(db) -> None:
    question = "can u use retinol w microneedling?"
    assert "retinol or peptides" in run("ask", question, "--clinic", "1").output
    run("passage", "off", "--clinic", "1", "000#9")
    assert "retinol or peptides" not in run("ask", question, "--clinic", "1").output
