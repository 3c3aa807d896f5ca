"""Webhook mode end to end: the real Application's webhook server (as `aftercare run --webhook`)
and the stand-in posting updates to it with Telegram's secret header."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
import time

import aiohttp
import pytest

from bot.standin.driver import ChatDriver
from bot.standin.harness import running_bot
from bot.standin.webhook import SECRET_HEADER
from bot.wording.patients import general

PATIENT, EVE = 1001, 6666


def _update(update_id: int, chat_id: int, text: str) -> dict:
    user = {"id": chat_id, "is_bot": False, "first_name": "Eve"}
    message = {
        "message_id": 1,
        "date": int(time.time()),
        "chat": {"id": chat_id, "type": "private", "first_name": "Eve"},
        "from": user,
        "text": text,
        "entities": [{"type": "bot_command", "offset": 0, "length": len(text)}],
    }
    return {"update_id": update_id, "message": message}


async def _post(url: str, update: dict, headers: dict[str, str]) -> int:
    async with (
        aiohttp.ClientSession() as session,
        session.post(url, json=update, headers=headers) as answer,
    ):
        return answer.status


async def test_the_bot_sets_its_webhook_with_a_secret_and_answers_through_it(tmp_path, standin):
    async with running_bot(tmp_path / "bot.db", standin=standin, webhook_path="/tg") as bot:
        url = bot.services.settings.webhook_url
        assert standin.webhook.url == url and url.endswith("/tg")
        # No secret configured: one was generated for this run and handed to Telegram.
        assert len(bot.webhook_secret) >= 43
        assert standin.webhook.secret == bot.webhook_secret
        [set_call] = standin.calls("setWebhook")
        assert set_call.payload["secret_token"] == "(hidden)"  # the record never keeps it
        [welcome] = await ChatDriver(bot, PATIENT, "Pat").say("/start")
        assert "not a clinician" in welcome.text
        assert standin.webhook.delivered == 1
        assert standin.stats.get_updates == 0  # nothing polled


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({SECRET_HEADER: "not-the-secret"}, id="wrong_secret"),
        pytest.param({}, id="no_secret"),
    ],
)
async def test_an_update_without_the_right_secret_is_refused_403_and_not_answered(
    tmp_path, standin, headers
):
    async with running_bot(
        tmp_path / "bot.db", standin=standin, webhook_path="/tg", webhook_secret_setting="s3cr3t"
    ) as bot:
        url = bot.services.settings.webhook_url
        assert await _post(url, _update(900, EVE, "/help"), headers) == 403
        # The same update with the right secret is taken: the refusal was the secret's.
        assert await _post(url, _update(901, PATIENT, "/help"), {SECRET_HEADER: "s3cr3t"}) == 200
        [help_reply] = await standin.wait_for_messages(PATIENT, 1, 10)
        assert "/start" in help_reply.text
        assert standin.messages(EVE) == []


async def test_polling_again_deletes_the_webhook_and_gets_what_waited(tmp_path, standin):
    db = tmp_path / "bot.db"
    async with running_bot(db, standin=standin, webhook_path="/tg"):
        pass
    # The bot is down: Telegram keeps the update and notes why it could not deliver it.
    standin.inject_message(PATIENT, "/dance", first_name="Pat")
    for _ in range(250):  # the stand-in's first delivery attempt, a real HTTP round trip
        if standin.webhook.last_error:
            break
        await asyncio.sleep(0.02)
    info = standin.webhook.info()
    assert info["last_error_message"].startswith("Connection failed")
    assert info["pending_update_count"] == 1
    async with running_bot(db, standin=standin) as bot:
        assert standin.calls("deleteWebhook")
        assert standin.webhook.url == ""
        [reply] = await ChatDriver(bot, PATIENT, "Pat").expect()
        assert reply.text == general.UNKNOWN_COMMAND
        assert standin.webhook.info()["url"] == ""


async def test_aftercare_run_webhook_answers_serves_health_and_stops_on_sigterm(tmp_path, standin):
    webhook_port, health_port = _free_ports(2)
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": "123456:run-webhook-test",
        "TELEGRAM_API_BASE_URL": standin.url,
        "AFTERCARE_DB": str(tmp_path / "run.db"),
        "AFTERCARE_WEBHOOK_PORT": str(webhook_port),
        "AFTERCARE_HEALTH_PORT": str(health_port),
    }
    url = f"http://127.0.0.1:{webhook_port}/telegram"
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", "--webhook", url, env=env, cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    try:
        standin.inject_message(PATIENT, "/start", first_name="Pat")
        [reply] = await standin.wait_for_messages(PATIENT, 1, timeout=20)
        assert "not a clinician" in reply.text
        assert standin.webhook.url == url and standin.webhook.delivered == 1
        async with (
            aiohttp.ClientSession() as session,
            session.get(f"http://127.0.0.1:{health_port}/health") as answer,
        ):
            assert answer.status == 200
        process.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(process.wait(), timeout=20)
        output = (await process.stdout.read()).decode()
        assert code == 0, output
        assert "bot_stopped" in output
        assert standin.webhook.secret not in output  # the secret never reaches the logs
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


def _free_ports(count: int) -> list[int]:
    probes = [socket.socket() for _ in range(count)]
    try:
        for probe in probes:
            probe.bind(("127.0.0.1", 0))
        return [probe.getsockname()[1] for probe in probes]
    finally:
        for probe in probes:
            probe.close()
