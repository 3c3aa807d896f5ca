"""Commands and the database file: only `clinic add` makes one; a missing, read-only or
broken file is one line naming the file and why, exit code 2."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess

import pytest
from click.testing import CliRunner

from bot.cli import load_commands
from bot.store import Store

cli = load_commands()
GLOW = ["--name", "Glow", "--timezone", "Europe/London", "--phone", "+44 20 7946 0000"]


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """An empty working folder, AFTERCARE_DB unset: the default aftercare.db is looked for."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("AFTERCARE_DB", raising=False)
    monkeypatch.setenv("TELEGRAM_BOT_USERNAME", "GlowBot")
    (tmp_path / "q.jsonl").write_text(
        '{"q": "how long am I red?", "expect": "answer", "any": ["day"]}\n'
    )
    (tmp_path / "p.csv").write_text("first_name,session_at\nAmira,2026-03-02 10:30\n")
    return tmp_path


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["clinic", "list"], id="clinic_list"),
        pytest.param(["staff", "invite", "--clinic", "1"], id="staff_invite"),
        pytest.param(
            ["preview", "--session", "2026-03-02 10:30", "--clinic", "1"], id="preview_clinic"
        ),
        pytest.param(["ask", "can I swim?", "--clinic", "1"], id="ask_clinic"),
        pytest.param(["faq", "eval", "q.jsonl", "--clinic", "1"], id="faq_eval_clinic"),
        pytest.param(["enroll", "--clinic", "1", "--csv", "p.csv"], id="enroll"),
        pytest.param(["content", "check", "--clinic", "1"], id="content_check_clinic"),
        pytest.param(["passage", "list", "--clinic", "1"], id="passage_list"),
    ],
)
def test_commands_never_create_a_database_and_say_which_file(folder, args):
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    expected = folder / "aftercare.db"
    assert result.output.strip() == (
        f"error: AFTERCARE_DB: no database at {expected} "
        "(set AFTERCARE_DB, or start with `aftercare clinic add`)"
    )
    assert sorted(path.name for path in folder.iterdir()) == ["p.csv", "q.jsonl"]


def test_clinic_add_creates_the_database_and_others_then_find_it(folder):
    assert CliRunner().invoke(cli, ["clinic", "add", *GLOW]).exit_code == 0
    listed = CliRunner().invoke(cli, ["clinic", "list"])
    assert listed.exit_code == 0 and "Glow" in listed.output
    missing = CliRunner().invoke(cli, ["staff", "invite", "--clinic", "7"])
    assert f"no clinic 7 in {folder / 'aftercare.db'}" in missing.output


def test_a_file_that_is_not_a_database_is_named_with_the_reason(folder, monkeypatch):
    (folder / "notes.db").write_text("shopping list\n")
    monkeypatch.setenv("AFTERCARE_DB", "notes.db")
    result = CliRunner().invoke(cli, ["clinic", "add", *GLOW])
    assert result.exit_code == 2
    assert result.output.strip() == (
        f"error: AFTERCARE_DB: cannot use the database {folder / 'notes.db'}: "
        "the file is not an SQLite database"
    )
    assert (folder / "notes.db").read_text() == "shopping list\n"


def test_a_database_in_a_missing_folder_is_named_with_the_reason(folder, monkeypatch):
    monkeypatch.setenv("AFTERCARE_DB", str(folder / "gone" / "bot.db"))
    result = CliRunner().invoke(cli, ["clinic", "add", *GLOW])
    assert result.exit_code == 2
    assert f"cannot use the database {folder / 'gone' / 'bot.db'}: it cannot be opened" in (
        result.output
    )
    assert len(result.output.strip().splitlines()) == 1


@contextlib.contextmanager
def read_only(path):
    """Make `path` read-only for this process: chmod, or for root (whom chmod does not stop)
    the immutable attribute."""
    if os.geteuid() != 0:
        path.chmod(0o444)
        yield
        path.chmod(0o644)
        return
    if shutil.which("chattr") is None:
        pytest.skip("running as root without chattr: no way to make a file read-only")
    if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
        pytest.skip("this file system has no immutable attribute")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def test_a_read_only_database_is_one_line_naming_the_file(folder, monkeypatch):
    Store.open(folder / "bot.db").close()
    monkeypatch.setenv("AFTERCARE_DB", "bot.db")
    with read_only(folder / "bot.db"):
        result = CliRunner().invoke(cli, ["clinic", "list"])
    assert result.exit_code == 2
    assert result.output.strip() == (
        f"error: AFTERCARE_DB: cannot use the database {folder / 'bot.db'}: the file or its "
        "folder is read-only for this user (it needs write access to both)"
    )
