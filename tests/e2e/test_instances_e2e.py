"""Long polling with several instances on one PostgreSQL database: one polls (the poller lock,
`bot.store.leadership`), the others run everything else; when the poller stops, or is
killed, another starts polling within seconds and the bot answers again.

The stand-in answers getUpdates to whoever asks; the test looks at who polls (the instances'
`PollingTurn`, or the `polling_started` log line of a real `aftercare run`).
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import time

import pytest

from bot.standin.botapi import BotAPIStandIn
from bot.standin.harness import running_bot
from bot.standin.webhook import SECRET_HEADER
from bot.telegram.polling import EVERY, TURN
from tests.e2e.processes import logs, start_bot
from tests.e2e.test_webhook_e2e import _post, _update

pytestmark = pytest.mark.postgres_only

STRANGER = 1777  # someone writing to the bot: any answer shows an update was handled
TAKEOVER = 2 * EVERY + 1.0  # seconds: the next look at the lock, and some slack


async def until(condition, timeout: float, why: str = "") -> float:
    """Wait (real time) until `condition()` holds; returns the seconds it took."""
    start = time.monotonic()
    while not condition():
        assert time.monotonic() - start < timeout, f"never happened: {why}"
        await asyncio.sleep(0.05)
    return time.monotonic() - start


async def test_one_instance_polls_and_another_takes_over_when_it_stops(database):
    async with BotAPIStandIn() as standin:
        first_bot, second_bot = contextlib.AsyncExitStack(), contextlib.AsyncExitStack()
        async with second_bot:
            first = await first_bot.enter_async_context(running_bot(database, standin=standin))
            second = await second_bot.enter_async_context(running_bot(database, standin=standin))
            turns = [first.app.bot_data[TURN], second.app.bot_data[TURN]]
            assert [turn.polling for turn in turns] == [True, False]
            standin.inject_message(STRANGER, "/start", first_name="Sam")
            await standin.wait_for_messages(STRANGER, 1, timeout=5)

            await first_bot.aclose()  # the poller stops (a deploy, a SIGTERM)
            took = await until(lambda: turns[1].polling, TAKEOVER, "the second never polled")
            assert took <= TAKEOVER
            standin.inject_message(STRANGER, "/start", first_name="Sam")
            await standin.wait_for_messages(STRANGER, 2, timeout=5)


async def test_a_killed_poller_is_replaced_within_seconds(tmp_path, database):
    async with BotAPIStandIn() as standin:
        env = {"AFTERCARE_DB": database}
        first = await start_bot(tmp_path, standin.url, "first.log", speed=1, **env)
        second = None
        try:
            polling = lambda name: "polling_started" in logs(tmp_path, name)  # noqa: E731
            await until(lambda: polling("first.log"), 20, logs(tmp_path, "first.log"))
            second = await start_bot(tmp_path, standin.url, "second.log", speed=1, **env)
            await until(lambda: "bot_ready" in logs(tmp_path, "second.log"), 20, "second ready")
            assert not polling("second.log")
            standin.inject_message(STRANGER, "/start", first_name="Sam")
            await standin.wait_for_messages(STRANGER, 1, timeout=10)

            first.send_signal(signal.SIGKILL)
            await first.wait()
            await until(lambda: polling("second.log"), TAKEOVER, logs(tmp_path, "second.log"))
            standin.inject_message(STRANGER, "/start", first_name="Sam")
            await standin.wait_for_messages(STRANGER, 2, timeout=10)
        finally:
            for process in (first, second):
                if process is not None and process.returncode is None:
                    process.send_signal(signal.SIGKILL)
                    await process.wait()


async def test_in_webhook_mode_every_instance_serves_updates_with_one_secret(database):
    async with BotAPIStandIn() as standin, contextlib.AsyncExitStack() as bots:
        instances = [
            await bots.enter_async_context(
                running_bot(database, standin=standin, webhook_path="/tg")
            )
            for _ in range(2)
        ]
        first, second = (bot.webhook_secret for bot in instances)
        assert first == second and len(first) >= 43  # generated once, kept for all
        assert standin.webhook.secret == first
        for n, bot in enumerate(instances):  # the load balancer sends one update to each
            url = bot.services.settings.webhook_url
            update = _update(500 + n, STRANGER + n, "/help")
            assert await _post(url, update, {SECRET_HEADER: first}) == 200
            [reply] = await standin.wait_for_messages(STRANGER + n, 1, timeout=10)
            assert "/start" in reply.text
        assert standin.stats.get_updates == 0  # nobody polls
