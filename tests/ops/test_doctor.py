"""`aftercare doctor` against the stand-in and real temporary databases: one row per problem
it must find, each with what to do; all good exits 0 with a summary."""

from __future__ import annotations

import asyncio
import shutil
import socket
import sqlite3
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from click.testing import CliRunner

from bot.cli import load_commands
from bot.ops.doctor import diagnose
from bot.settings import Settings
from bot.standin.harness import running_bot
from bot.store import Store
from content.seeds import SEEDS_DIR
from content.timeline import CONTENT_DIR
from tests.conftest import add_clinic

TOKEN = "7000000001:" + "A" * 35
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
STAFF_CHAT = 2001


def _ready_db(path) -> None:
    store = Store.open(path)
    clinic = add_clinic(store, now=NOW)
    store.staff.add(clinic_id=clinic.id, chat_id=STAFF_CHAT, now=NOW, role="admin")
    store.close()


def _sql(statement: str):
    def change(ctx) -> None:
        with sqlite3.connect(ctx.db) as conn:
            conn.executescript(statement)

    return change


def _with(**fields):
    def change(ctx) -> None:
        ctx.settings = replace(ctx.settings, **fields)

    return change


def _db_file(make):
    def change(ctx) -> None:
        ctx.db.unlink()
        make(ctx.db)

    return change


def _corrupt(path) -> None:
    _ready_db(path)
    data = bytearray(path.read_bytes())
    data[4096:8192] = b"\x55" * 4096
    path.write_bytes(bytes(data))


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _revoked(ctx) -> None:
    ctx.standin.token = TOKEN  # Telegram knows only the new token
    ctx.settings = replace(ctx.settings, token="7000000001:" + "B" * 35)


def _failing_webhook(ctx) -> None:
    ctx.standin.webhook.url = "https://bot.example.com/tg"
    ctx.standin.webhook.last_error = (0, "Wrong response from the webhook: 502 Bad Gateway")


def _folder_missing(ctx) -> None:
    ctx.settings = replace(ctx.settings, db_path=str(ctx.db.parent / "nowhere" / "bot.db"))


def _broken_content(ctx) -> None:
    shutil.copytree(CONTENT_DIR, ctx.content, ignore=shutil.ignore_patterns("*.py", "__py*"))
    timeline = ctx.content / "timeline.yaml"
    timeline.write_text(timeline.read_text().replace("more receptive to serums", "ready for"))


class Ctx:
    def __init__(self, tmp_path, standin):
        self.db = tmp_path / "bot.db"
        self.content = tmp_path / "content"
        self.standin = standin
        self.settings = Settings(token=TOKEN, api_base_url=standin.url, db_path=str(self.db))


ROWS = [
    pytest.param(_with(token=""), "token", "is not set", id="token_missing"),
    pytest.param(_with(token="123:abc"), "token", "does not look like", id="token_malformed"),
    pytest.param(_revoked, "telegram", "refused the token", id="token_revoked"),
    pytest.param(
        lambda ctx: _with(api_base_url=f"http://127.0.0.1:{_closed_port()}")(ctx),
        "telegram",
        "no answer from http://127.0.0.1:",
        id="api_unreachable",
    ),
    pytest.param(
        _with(bot_username="OtherBot"), "telegram", "is OtherBot, but", id="username_mismatch"
    ),
    pytest.param(_failing_webhook, "webhook", "502 Bad Gateway", id="webhook_failing"),
    pytest.param(_folder_missing, "database", "does not exist", id="db_folder_missing"),
    pytest.param(
        _db_file(lambda p: p.write_text("id,name\n")),
        "database",
        "is not an SQLite database",
        id="db_not_sqlite",
    ),
    pytest.param(_db_file(_corrupt), "database", "is damaged", id="db_corrupt"),
    pytest.param(
        _sql(
            "INSERT INTO _sqlite_migrations (migration_set, name, applied_at)"
            " VALUES ('aftercare', 'm999_future', '2027-01-01')"
        ),
        "database",
        "newer version of the bot (m999_future)",
        id="db_from_newer_version",
    ),
    pytest.param(_sql("DELETE FROM staff"), "clinic 1", "no staff member", id="no_staff"),
    pytest.param(
        _sql("UPDATE clinics SET timezone = 'Europe/Lodnon'"),
        "clinic 1",
        "unknown time zone 'Europe/Lodnon'",
        id="bad_timezone",
    ),
    pytest.param(
        _sql("UPDATE clinics SET phone = 'ring us'"),
        "clinic 1",
        "is not a phone number",
        id="bad_phone",
    ),
    pytest.param(
        _sql("UPDATE clinics SET series_interval_days = 2"),
        "clinic 1",
        "a series interval of 2 days is too short for the timeline",
        id="interval_shorter_than_the_care_steps",
    ),
    pytest.param(
        _sql("UPDATE clinics SET window_start = '20:00', window_end = '09:00'"),
        "clinic 1",
        "send window 20:00-09:00 is empty",
        id="empty_window",
    ),
    pytest.param(
        _sql("UPDATE staff SET role = 'staff'"), "clinic 1", "its team has no admin", id="no_admin"
    ),
    pytest.param(
        _sql("UPDATE clinics SET approved_at = NULL"),
        "clinic 1",
        "has not passed its go-live review",
        id="not_live",
    ),
    pytest.param(
        _sql("UPDATE clinics SET opening_hours = 'Mon 18:00-09:00'"),
        "clinic 1",
        "18:00-09:00 ends before it starts",
        id="bad_opening_hours",
    ),
    pytest.param(
        _sql("UPDATE clinics SET out_of_hours_phone = 'ring us'"),
        "clinic 1",
        "'ring us' is not a phone number",
        id="bad_out_of_hours",
    ),
    pytest.param(
        _sql("DELETE FROM staff; DELETE FROM clinics"),
        "clinics",
        "no clinic has been added",
        id="no_clinics",
    ),
    pytest.param(_broken_content, "content", "timeline.yaml", id="content_quote_changed"),
]


@pytest.mark.parametrize(("change", "area", "says"), ROWS)
async def test_each_problem_is_found_with_what_to_do(tmp_path, standin, change, area, says):
    ctx = Ctx(tmp_path, standin)
    _ready_db(ctx.db)
    change(ctx)
    content = ctx.content if ctx.content.exists() else None
    found = await diagnose(ctx.settings, content_dir=content, seeds_dir=SEEDS_DIR)
    mine = [p for p in found.problems if p.area == area and says in p.what]
    assert len(mine) == 1, found.problems
    assert mine[0].fix
    others = [p for p in found.problems if p not in mine]
    # Only what follows from the row's own change: a database that cannot be read has no clinics.
    assert all(p.area == "clinics" for p in others), others
    assert TOKEN not in repr(found)


async def test_all_good_exits_0_with_a_summary_and_notes_a_running_bot(
    tmp_path, standin, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "bot.db"
    _ready_db(db)
    env = {
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": standin.url,
        "AFTERCARE_DB": str(db),
    }
    cli = load_commands()
    async with running_bot(db, standin=standin):
        result = await asyncio.to_thread(CliRunner().invoke, cli, ["doctor"], env=env)
    assert result.exit_code == 0, result.output
    assert "problem" not in result.output
    assert "All good: Telegram knows the bot as @AftercareDemoBot" in result.output
    assert "1 clinic(s)" in result.output
    assert "note     database: a bot is running on it (pid" in result.output


async def test_problems_exit_1_each_with_its_fix(tmp_path, standin, monkeypatch):
    monkeypatch.chdir(tmp_path)
    db = tmp_path / "bot.db"
    _ready_db(db)
    with sqlite3.connect(db) as conn:
        conn.execute("DELETE FROM staff")
    env = {
        "TELEGRAM_BOT_TOKEN": "12:short",
        "TELEGRAM_API_BASE_URL": standin.url,
        "AFTERCARE_DB": str(db),
    }
    result = await asyncio.to_thread(CliRunner().invoke, load_commands(), ["doctor"], env=env)
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "problem  token: TELEGRAM_BOT_TOKEN does not look like a bot token",
        "         fix: copy the token again from @BotFather (/mybots, API Token) into "
        "TELEGRAM_BOT_TOKEN",
        "problem  clinic 1: no staff member has joined: red flags and questions would reach nobody",
        "         fix: aftercare staff invite --clinic 1, and open the link in Telegram",
        "2 problem(s). Fix them, then run aftercare doctor again.",
    ]


def test_a_bad_setting_is_one_problem_and_exit_1(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(load_commands(), ["doctor"], env={"AFTERCARE_HEALTH_PORT": "x"})
    assert result.exit_code == 1
    assert result.output.startswith("problem  settings: AFTERCARE_HEALTH_PORT must be")
