"""The real Application over HTTP against the stand-in: /start, /help, unknown commands,
flood limits; and `aftercare run` as a process, stopped with SIGTERM."""

from __future__ import annotations

import asyncio
import os
import signal
import sys

from bot.standin.botapi import BotAPIStandIn
from bot.standin.driver import ChatDriver
from bot.standin.harness import running_bot
from bot.wording.patients import general

PATIENT = 1001


async def test_start_help_and_unknown_command_are_answered(tmp_path):
    async with running_bot(tmp_path / "bot.db") as bot:
        chat = ChatDriver(bot, PATIENT, "Pat")
        [welcome] = await chat.say("/start")
        assert "not a clinician" in welcome.text
        [help_reply] = await chat.say("/help")
        assert "/start" in help_reply.text
        [unknown] = await chat.say("/dance")
        assert unknown.text == general.UNKNOWN_COMMAND
        commands = bot.standin.calls("setMyCommands")
        assert commands and commands[-1].ok


async def test_flood_limit_429_is_honoured_not_dropped(tmp_path):
    async with (
        BotAPIStandIn(flood_limits=True) as standin,
        running_bot(tmp_path / "bot.db", standin=standin) as bot,
    ):
        standin.add_fault("flood", method="sendMessage", chat_id=PATIENT, retry_after=1)
        chat = ChatDriver(bot, PATIENT, "Pat")
        loop = asyncio.get_running_loop()
        asked = loop.time()
        [reply] = await chat.say("/help")
        assert loop.time() - asked >= 1.0  # waited retry_after before trying again
        assert "/start" in reply.text
        refused = [r for r in standin.calls("sendMessage") if not r.ok]
        assert len(refused) == 1 and "Too Many Requests" in refused[0].error
        assert standin.stats.too_many_requests == 1
        assert len(standin.messages(PATIENT)) == 1  # delivered once, not twice


async def test_aftercare_run_against_the_standin_answers_and_stops_on_sigterm(tmp_path):
    async with BotAPIStandIn() as standin:
        env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": "123456:run-test",
            "TELEGRAM_API_BASE_URL": standin.url,
            "AFTERCARE_DB": str(tmp_path / "run.db"),
            "AFTERCARE_HEALTH_PORT": "0",  # any free port: runs side by side
        }
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "run",
            env=env,
            cwd=tmp_path,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.STDOUT,
        )
        try:
            standin.inject_message(PATIENT, "/start", first_name="Pat")
            [reply] = await standin.wait_for_messages(PATIENT, 1, timeout=20)
            assert "not a clinician" in reply.text
            process.send_signal(signal.SIGTERM)
            code = await asyncio.wait_for(process.wait(), timeout=20)
            output = (await process.stdout.read()).decode()
            assert code == 0, output
            assert "bot_stopped" in output
            assert "123456:run-test" not in output  # the token never reaches the logs
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()


async def test_a_button_nobody_handles_is_answered_not_left_spinning(tmp_path):
    async with running_bot(tmp_path / "bot.db") as bot:
        chat = ChatDriver(bot, PATIENT, "Pat")
        [welcome] = await chat.say("/start")
        after = bot.standin.next_index
        bot.standin.inject_callback(PATIENT, "old:button", message_id=welcome.message_id)
        answer = await bot.standin.wait_for(
            lambda r: r.method == "answerCallbackQuery", 5, after=after
        )
        assert answer.payload.get("text") == general.BUTTON_EXPIRED
