"""Operating the bot on either database: `aftercare doctor` reads where the schema stands,
an unreachable server is one line naming it (never its password). (`aftercare backup` on
PostgreSQL runs pg_dump: tests/cli/test_backup_postgres.py.)"""

from __future__ import annotations

import asyncio
import os
from datetime import UTC, datetime

import pytest
from click.testing import CliRunner

from bot.cli import load_commands
from bot.ops.doctor import diagnose
from bot.settings import Settings
from bot.store import Store
from bot.store.instance import InstanceLock, running_instance

cli = load_commands()
NOWHERE = "postgresql://aftercare:s3cret@127.0.0.1:1/aftercare"  # port 1: refused at once


async def test_doctor_finds_the_database_migrated(store, database):
    found = await diagnose(Settings(db_path=database))
    assert [p for p in found.problems if p.area == "database"] == []
    assert any(good.startswith("database ") and good.endswith(" ready") for good in found.good)


async def test_doctor_names_an_unreachable_server_without_its_password():
    found = await diagnose(Settings(db_path=NOWHERE))
    [problem] = [p for p in found.problems if p.area == "database"]
    assert "127.0.0.1:1/aftercare cannot be read" in problem.what
    assert "s3cret" not in problem.what and "AFTERCARE_DB" in problem.fix


def test_a_command_on_an_unreachable_server_fails_in_one_line():
    result = CliRunner().invoke(cli, ["clinic", "list"], env={"AFTERCARE_DB": NOWHERE})
    assert result.exit_code == 2
    assert result.output.startswith("error: AFTERCARE_DB: cannot use the database postgresql://")
    assert "s3cret" not in result.output and result.output.count("\n") == 1


@pytest.mark.postgres_only
async def test_a_write_that_meets_a_lock_is_tried_again_until_it_lands(db, database):
    holder = Store.open(database)
    with holder.db.atomic():
        holder.db.execute("LOCK TABLE clinics IN EXCLUSIVE MODE")
        adding = asyncio.ensure_future(db(_add_clinic, db.store))
        await asyncio.sleep(1.5)  # the store thread's lock_timeout is 0.5 s: it met the lock
        assert not adding.done()
    clinic = await adding
    holder.close()
    assert db.retries >= 1
    assert db.store.clinics.get(clinic.id).name == "Glow"


def _add_clinic(store: Store):
    return store.clinics.add(
        name="Glow", phone="+44 1", timezone="Europe/London", now=datetime.now(UTC)
    )


@pytest.mark.postgres_only
def test_several_bots_share_a_postgresql_database_and_a_running_one_is_named(database):
    # Several instances run on one PostgreSQL database (issue 18): each takes the lock
    # shared; whatever needs none running still finds one, named, until the last stops.
    first = InstanceLock.take(database, datetime.now(UTC))
    second = InstanceLock.take(database, datetime.now(UTC))
    assert first.owner != second.owner and not (first.exclusive or second.exclusive)
    running = running_instance(database)
    assert running.owner == first.owner  # the one running longest
    assert running.describe().startswith(f"pid {os.getpid()} on ")
    first.release()
    assert running_instance(database).owner == second.owner
    second.release()
    assert running_instance(database) is None
