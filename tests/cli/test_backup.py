"""`aftercare backup` and `aftercare restore` around the real running bot."""

from __future__ import annotations

import asyncio
import os

from click.testing import CliRunner

from bot.cli import load_commands
from bot.standin.driver import ChatDriver
from bot.standin.harness import running_bot
from bot.store import Store

cli = load_commands()


def _invoke(db, *args: str):
    return CliRunner().invoke(cli, list(args), env={"AFTERCARE_DB": str(db)})


async def test_backup_while_the_bot_runs_then_restore_once_it_stopped(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    db, copy = tmp_path / "bot.db", tmp_path / "copy.db"
    async with running_bot(db) as bot:
        bot.store.meta.set(marker="in-the-backup")
        await ChatDriver(bot, 1001, "Pat").say("/start")  # the bot at work
        made = await asyncio.to_thread(_invoke, db, "backup", str(copy))
        assert made.exit_code == 0, made.output
        assert made.output.startswith(f"Backed up to {copy} (")
        bot.store.meta.set(marker="after-the-backup")
        refused = await asyncio.to_thread(_invoke, db, "restore", str(copy))
        assert refused.exit_code == 1
        assert refused.output.strip().splitlines() == [
            f"error: not restored: a bot is running on {db} (pid {os.getpid()}); stop it first"
        ]
        assert bot.store.meta.get("marker") == "after-the-backup"
    restored = _invoke(db, "restore", str(copy))
    assert restored.exit_code == 0, restored.output
    [kept] = tmp_path.glob("bot.db.before-restore-*")
    assert f"kept as {kept}" in restored.output
    for path, marker in ((db, "in-the-backup"), (kept, "after-the-backup")):
        store = Store.open(path)
        try:
            assert store.meta.get("marker") == marker
        finally:
            store.close()


def test_restoring_a_file_that_is_no_database_changes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    db, notes = tmp_path / "bot.db", tmp_path / "notes.db"
    store = Store.open(db)
    store.meta.set(marker="kept")
    store.close()
    notes.write_text("not a database\n")
    result = _invoke(db, "restore", str(notes))
    assert result.exit_code == 1
    assert result.output == f"error: not restored: {notes} is not an SQLite database\n"
    assert not list(tmp_path.glob("*.before-restore-*"))
    store = Store.open(db)
    try:
        assert store.meta.get("marker") == "kept"
    finally:
        store.close()
