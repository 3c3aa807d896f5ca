"""`aftercare enroll --csv`: good rows enrolled with a link and QR image, bad rows named."""

import csv

import pytest
from click.testing import CliRunner

from bot.cli import load_commands
from bot.clock import ManualClock
from bot.people.enrollment import open_link
from bot.people.outcomes import ConsentAsked
from bot.store import Store
from tests.conftest import NOW, add_clinic

cli = load_commands()


@pytest.fixture
def db(store, cli_db, monkeypatch):
    monkeypatch.setenv("TELEGRAM_BOT_USERNAME", "GlowBot")
    add_clinic(store, "Glow")
    return cli_db


def run(*args):
    return CliRunner().invoke(cli, ["enroll", *args], obj={"clock": ManualClock(NOW)})


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_good_rows_get_links_and_qr_images_bad_rows_are_named(db, tmp_path):
    source = write(
        tmp_path / "today.csv",
        "\ufefffirst_name,session_at,session_number,series_length\n"
        "Amira,2026-03-02 10:30,1,3\n"
        "Bea 😀,2026-03-02 11:00,,\n"
        "\n"
        "Cleo,2026-02-30 09:00,,\n"
        "Dana,2026-03-01 16:45,2,\n",
    )
    result = run("--clinic", "1", "--csv", str(source))
    assert result.exit_code == 1
    assert "line 3: A first name can only contain letters" in result.output
    assert "line 5: There is no such date or time: 2026-02-30 09:00." in result.output
    assert "Enrolled 2 patient(s)" in result.output
    out = tmp_path / "today-links"
    rows = list(csv.DictReader((out / "links.csv").open(encoding="utf-8")))
    assert [(r["line"], r["first_name"], r["session"]) for r in rows] == [
        ("2", "Amira", "1/3"),
        ("6", "Dana", "2"),
    ]
    assert rows[0]["session_at"] == "2026-03-02 10:30"
    for row in rows:
        assert (out / row["qr_file"]).read_bytes().startswith(b"\x89PNG")
    store = Store.open(db)
    assert [line.patient.first_name for line in store.patients.roster(1)] == ["Dana", "Amira"]
    token = rows[0]["link"].split("start=")[1]
    assert isinstance(open_link(store, token, 1001, NOW), ConsentAsked)
    store.close()


@pytest.mark.parametrize(
    "content, fragment",
    [
        ("name,when\nAmira,2026-03-02 10:30\n", "missing column(s) first_name, session_at"),
        ("", "the file is empty"),
    ],
)
def test_an_unusable_file_enrolls_nobody(db, tmp_path, content, fragment):
    source = write(tmp_path / "x.csv", content)
    result = run("--clinic", "1", "--csv", str(source))
    assert result.exit_code == 2 and fragment in result.output
    assert not (tmp_path / "x-links").exists()
    store = Store.open(db)
    assert store.patients.count(1) == 0
    store.close()


def test_not_utf8_and_unknown_clinic_and_existing_output_are_refused(db, tmp_path):
    latin = tmp_path / "latin.csv"
    latin.write_bytes("first_name,session_at\nZoë,2026-03-02 10:30\n".encode("latin-1"))
    assert "not UTF-8" in run("--clinic", "1", "--csv", str(latin)).output
    good = write(tmp_path / "good.csv", "first_name,session_at\nAmira,2026-03-02 10:30\n")
    assert "no clinic 7" in run("--clinic", "7", "--csv", str(good)).output
    assert run("--clinic", "1", "--csv", str(good)).exit_code == 0
    again = run("--clinic", "1", "--csv", str(good))
    assert again.exit_code == 2 and "already exists" in again.output
    store = Store.open(db)
    assert store.patients.count(1) == 1
    store.close()


def test_a_row_with_extra_fields_is_skipped(db, tmp_path):
    source = write(
        tmp_path / "extra.csv",
        "first_name,session_at\nAmira,2026-03-02 10:30,oops\nBea,2026-03-02 10:40\n",
    )
    result = run("--clinic", "1", "--csv", str(source), "--out", str(tmp_path / "o"))
    assert "line 2: 3 fields but the header has 2" in result.output
    assert "Enrolled 1 patient(s)" in result.output


def _links(out):
    return list(csv.DictReader((out / "links.csv").open(encoding="utf-8")))


def test_the_same_csv_enrolled_twice_enrolls_nobody_twice(db, tmp_path):
    source = write(
        tmp_path / "today.csv",
        "first_name,session_at,ref\n"
        "Amira,2026-03-02 10:30,\n"  # matched by name and session time
        "Bea,2026-03-02 11:00,B-7\n"  # matched by the clinic's booking reference
        "Cleo,2026-03-02 11:30,\n",
    )
    first = run("--clinic", "1", "--csv", str(source), "--out", str(tmp_path / "one"))
    assert first.exit_code == 0 and "Enrolled 3 patient(s)" in first.output
    links = {row["first_name"]: row for row in _links(tmp_path / "one")}
    store = Store.open(db)
    open_link(store, links["Cleo"]["link"].split("start=")[1], 1003, NOW)  # Cleo opened hers
    store.close()

    # Bea's booking reference finds her even with her name spelt differently the second time.
    write(source, source.read_text().replace("Bea,", "Béa,").replace("Amira", "amira"))
    again = run("--clinic", "1", "--csv", str(source), "--out", str(tmp_path / "two"))
    assert again.exit_code == 0, again.output
    assert "Enrolled 0 patient(s)" in again.output
    assert "3 row(s) were already enrolled: 2 link(s) issued again, 1 already opened" in (
        again.output
    )
    cleo = links["Cleo"]["patient"]
    assert f"line 4: already enrolled as patient #{cleo}, who opened the link (invited)" in (
        again.output
    )
    reissued = {row["patient"]: row for row in _links(tmp_path / "two")}
    assert set(reissued) == {links["Amira"]["patient"], links["Bea"]["patient"]}
    for row in reissued.values():
        assert row["status"] == "reissued"
    assert reissued[links["Amira"]["patient"]]["link"] == links["Amira"]["link"]
    store = Store.open(db)
    assert store.patients.count(1) == 3
    token = links["Bea"]["link"].split("start=")[1]
    assert isinstance(open_link(store, token, 1002, NOW), ConsentAsked)  # the link still works
    store.close()


def test_a_row_with_another_booking_reference_is_a_new_enrollment(db, tmp_path):
    source = write(tmp_path / "a.csv", "first_name,session_at,ref\nAmira,2026-03-02 10:30,B-1\n")
    run("--clinic", "1", "--csv", str(source), "--out", str(tmp_path / "one"))
    write(source, "first_name,session_at,ref\nAmira,2026-03-02 10:30,B-2\n")
    again = run("--clinic", "1", "--csv", str(source), "--out", str(tmp_path / "two"))
    assert "Enrolled 1 patient(s)" in again.output and "already enrolled" not in again.output
    store = Store.open(db)
    assert store.patients.count(1) == 2
    store.close()
