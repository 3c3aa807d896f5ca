"""`aftercare backup` and `aftercare restore` on PostgreSQL: pg_dump while the bot runs,
pg_restore once every instance has stopped, and a clear line when the tools are missing."""

from __future__ import annotations

import asyncio

import pytest
from click.testing import CliRunner

from bot.cli import load_commands
from bot.standin.driver import ChatDriver
from bot.standin.harness import running_bot
from bot.store import Store, pgdump
from bot.store.dialect import redact
from bot.store.postgres import close_pool

cli = load_commands()
pytestmark = pytest.mark.postgres_only


def _invoke(db, *args: str):
    return CliRunner().invoke(cli, list(args), env={"AFTERCARE_DB": str(db)})


def _marker(url: str) -> str | None:
    store = Store.open(url)
    try:
        return store.meta.get("marker")
    finally:
        store.close()


async def test_dump_while_the_bot_runs_then_restore_once_it_stopped(tmp_path, database):
    copy = tmp_path / "aftercare.dump"
    async with running_bot(database) as bot:
        bot.store.meta.set(marker="in-the-backup")
        await ChatDriver(bot, 1001, "Pat").say("/start")  # the bot at work
        made = await asyncio.to_thread(_invoke, database, "backup", str(copy))
        assert made.exit_code == 0, made.output
        assert made.output.startswith(f"Backed up to {copy} (")
        assert pgdump.check_dump(copy) is None
        bot.store.meta.set(marker="after-the-backup")
        refused = await asyncio.to_thread(_invoke, database, "restore", str(copy))
        assert refused.exit_code == 1
        [line] = refused.output.strip().splitlines()
        assert line.startswith("error: not restored: ") and "stop every instance first" in line
        assert bot.store.meta.get("marker") == "after-the-backup"
    close_pool(database)  # the stopped bot's idle connections
    restored = _invoke(database, "restore", str(copy))
    assert restored.exit_code == 0, restored.output
    [kept] = tmp_path.glob("aftercare.dump.before-restore-*")
    assert f"kept as {kept}" in restored.output
    assert _marker(database) == "in-the-backup"
    assert pgdump.check_dump(kept) is None  # what it held before: restorable in its turn
    close_pool(database)
    assert _invoke(database, "restore", str(kept)).exit_code == 0
    assert _marker(database) == "after-the-backup"


def test_restoring_a_file_that_is_no_dump_changes_nothing(tmp_path, database):
    store = Store.open(database)
    store.meta.set(marker="kept")
    store.close()
    close_pool(database)
    notes = tmp_path / "notes.dump"
    notes.write_text("not a dump\n")
    result = _invoke(database, "restore", str(notes))
    assert result.exit_code == 1
    [line] = result.output.strip().splitlines()
    assert line.startswith(f"error: not restored: {notes} is not a PostgreSQL dump in custom")
    assert not list(tmp_path.glob("*.before-restore-*"))
    assert _marker(database) == "kept"


def test_without_pg_dump_it_says_what_to_install(tmp_path, database, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(pgdump, "INSTALLED", str(tmp_path / "*" / "bin"))
    result = _invoke(database, "backup", str(tmp_path / "aftercare.dump"))
    assert result.exit_code == 1
    assert result.output == (
        "error: pg_dump is not installed: install PostgreSQL's client tools"
        " (Debian: apt-get install postgresql-client) or put them on PATH\n"
    )
    assert not list(tmp_path.iterdir())


def test_a_failing_dump_names_the_server_without_its_password(tmp_path):
    url = "postgresql://aftercare:secret@127.0.0.1:1/none"
    result = _invoke(url, "backup", str(tmp_path / "aftercare.dump"))
    assert result.exit_code == 1
    [line] = result.output.strip().splitlines()
    assert line.startswith(f"error: pg_dump failed on {redact(url)}: "), line
    assert "secret" not in line and not list(tmp_path.iterdir())
