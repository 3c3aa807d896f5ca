"""`aftercare doctor` with AFTERCARE_DB naming a PostgreSQL database: ready with the running
bot's sessions noted, an empty database's migrations noted, an unreachable server one problem
with its fix."""

from __future__ import annotations

import asyncio
import re

import pytest
from click.testing import CliRunner
from sqlite_utils import Database

from bot.cli import load_commands
from bot.standin.harness import running_bot
from bot.store.migrations import migrations
from bot.store.postgres import close_pool
from tests.ops.test_doctor import TOKEN, _ready_db


def _doctor(standin, url: str):
    env = {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": standin.url, "AFTERCARE_DB": url}
    return CliRunner().invoke(load_commands(), ["doctor"], env=env)


@pytest.mark.postgres_only
async def test_all_good_on_postgresql_and_a_running_bot_noted(tmp_path, standin, database):
    _ready_db(database)
    async with running_bot(database, standin=standin):
        result = await asyncio.to_thread(_doctor, standin, database)
    assert result.exit_code == 0, result.output
    assert "problem" not in result.output
    assert "1 clinic(s)" in result.output
    assert re.search(
        r"^note     database: [1-9]\d* other session\(s\) are connected \(running bots\?\)$",
        result.output,
        re.MULTILINE,
    ), result.output
    assert f"; database {database} ready; 1 clinic(s);" in result.output


@pytest.mark.postgres_only
async def test_an_empty_database_is_a_note_and_no_clinics_a_problem(standin, database):
    from bot.store.postgres import PostgresDatabase

    close_pool(database)
    db = PostgresDatabase.connect(database)
    db.executescript("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    db.close()
    close_pool(database)
    result = await asyncio.to_thread(_doctor, standin, database)
    assert result.exit_code == 1
    every = len(migrations.pending(Database(memory=True)))
    assert f"note     database: {every} migration(s) are applied at the next start" in (
        result.output
    )
    assert "problem  clinics: no clinic has been added yet" in result.output


async def test_an_unreachable_server_is_one_problem_with_its_fix(standin):
    url = "postgresql://aftercare:secret@127.0.0.1:1/none"
    says = "postgresql://aftercare:***@127.0.0.1:1/none cannot be read: "
    result = await asyncio.to_thread(_doctor, standin, url)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    [problem] = [i for i, line in enumerate(lines) if line.startswith("problem  database: ")]
    assert says in lines[problem] and "secret" not in result.output
    assert lines[problem + 1] == "         fix: check the server, its role and AFTERCARE_DB"
