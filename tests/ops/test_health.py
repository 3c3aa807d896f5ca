"""The health endpoint of the real running bot, on a manual clock: 200 while the database
answers and the outbox passes, 503 with the reason when not (on both databases where the
test takes `database`)."""

from __future__ import annotations

import asyncio
import socket
from datetime import UTC, datetime, timedelta

import aiohttp
import pytest
from click.testing import CliRunner

from bot.cli import load_commands
from bot.clock import ManualClock, ScaledClock
from bot.ops.health import HealthCheck
from bot.standin.harness import running_bot
from bot.store import Store
from tests.delivery_fixtures import MONDAY_9AM, add_clinic, daily_steps, enroll


async def _get(url: str) -> tuple[int, dict]:
    async with aiohttp.ClientSession() as session, session.get(url) as answer:
        return answer.status, await answer.json()


def _planned(db) -> None:
    """Three steps from tomorrow on; the first is then failed for good."""
    store = Store.open(db)
    clinic = add_clinic(store)
    enroll(store, clinic, 5001, daily_steps(MONDAY_9AM + timedelta(days=1), 3))
    first = store.deliveries.waiting_for_patient(1)[0]
    store.deliveries.mark_failed(first.id, reason="blocked", attempts=1)
    enroll(store, clinic, 5002, daily_steps(MONDAY_9AM + timedelta(days=1), 2))
    store.close()


async def test_a_passing_bot_is_healthy_and_counts_its_rows(database):
    db = database
    _planned(db)
    clock = ManualClock(MONDAY_9AM)
    async with running_bot(db, clock=clock, health_port=0) as bot:
        await bot.app.bot_data["outbox"].run_once()
        clock.advance(seconds=30)
        status, body = await _get(bot.health_url)
        assert status == 200
        assert body["status"] == "ok" and body["reasons"] == []
        assert body["database"] == {"reachable": True}
        assert body["outbox"] == {"running": True, "last_pass_age": 30.0}
        assert body["rows"] == {"waiting": 4, "due": 0, "failed": 1}
        # A day on, each patient's first step falls due; the first patient's had failed.
        clock.advance(days=1, minutes=1)
        status, body = await _get(bot.health_url)
        assert body["rows"] == {"waiting": 4, "due": 1, "failed": 1}


async def test_no_outbox_pass_for_over_two_minutes_is_503_until_the_next(tmp_path):
    clock = ManualClock(MONDAY_9AM)
    async with running_bot(tmp_path / "bot.db", clock=clock, health_port=0) as bot:
        outbox = bot.app.bot_data["outbox"]
        await outbox.run_once()
        clock.advance(seconds=119)
        assert (await _get(bot.health_url))[0] == 200
        clock.advance(seconds=62)
        status, body = await _get(bot.health_url)
        assert status == 503
        assert body["status"] == "unhealthy"
        assert body["reasons"] == ["the last outbox pass was 181 s ago (limit 120 s)"]
        await outbox.run_once()
        assert (await _get(bot.health_url))[0] == 200


async def test_a_new_bot_has_two_minutes_for_its_first_pass(tmp_path):
    clock = ManualClock(MONDAY_9AM)
    async with running_bot(tmp_path / "bot.db", clock=clock, health_port=0) as bot:
        status, body = await _get(bot.health_url)
        assert status == 200 and body["outbox"]["last_pass_age"] is None
        clock.advance(minutes=3)
        status, body = await _get(bot.health_url)
        assert status == 503
        assert body["reasons"] == ["no outbox pass 180 s ago (limit 120 s)"]


async def test_a_database_gone_from_its_place_is_503_with_the_reason(tmp_path):
    db = tmp_path / "bot.db"
    clock = ManualClock(MONDAY_9AM)
    async with running_bot(db, clock=clock, health_port=0) as bot:
        await bot.app.bot_data["outbox"].run_once()
        db.rename(tmp_path / "moved.db")  # e.g. the volume was unmounted under the bot
        try:
            status, body = await _get(bot.health_url)
        finally:
            (tmp_path / "moved.db").rename(db)
        assert status == 503
        assert body["database"]["reachable"] is False
        assert body["reasons"][0].startswith("database unreachable: unable to open")
        assert body["rows"] is None
        assert (await _get(bot.health_url))[0] == 200


async def test_aftercare_health_exits_0_when_healthy_and_1_when_not(
    tmp_path, monkeypatch, database
):
    clock = ManualClock(MONDAY_9AM)
    cli = load_commands()
    monkeypatch.chdir(tmp_path)
    async with running_bot(database, clock=clock, health_port=0) as bot:
        port = bot.app.bot_data["presence"].health.port
        env = {"AFTERCARE_HEALTH_PORT": str(port), "AFTERCARE_HEALTH_HOST": "0.0.0.0"}
        healthy = await asyncio.to_thread(CliRunner().invoke, cli, ["health"], env=env)
        assert healthy.exit_code == 0, healthy.output
        assert '"status": "ok"' in healthy.output
        clock.advance(minutes=5)
        sick = await asyncio.to_thread(CliRunner().invoke, cli, ["health"], env=env)
        assert sick.exit_code == 1
        assert "no outbox pass 300 s ago" in sick.output
    gone = CliRunner().invoke(cli, ["health", "--timeout", "1"], env=env)
    assert gone.exit_code == 1
    assert "is the bot running?" in gone.output


async def test_a_taken_health_port_stops_the_start_naming_the_setting(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(OSError, match=f"127.0.0.1:{port}.*AFTERCARE_HEALTH_PORT"):
            async with running_bot(tmp_path / "bot.db", health_port=port):
                pass


@pytest.mark.parametrize(
    ("real_seconds", "healthy"),
    [
        pytest.param(119, True, id="under_two_real_minutes"),
        pytest.param(121, False, id="over_two_real_minutes"),
    ],
)
def test_ages_are_real_seconds_under_a_scaled_clock(tmp_path, real_seconds, healthy):
    Store.open(tmp_path / "bot.db").close()
    real = [1000.0]
    clock = ScaledClock(86400, 1000.0, datetime(2026, 3, 2, tzinfo=UTC), lambda: real[0])

    class Outbox:
        last_pass = clock.now()  # a simulated day passes every real second

    check = HealthCheck(tmp_path / "bot.db", clock, Outbox())
    real[0] += real_seconds
    assert check.check().healthy is healthy
