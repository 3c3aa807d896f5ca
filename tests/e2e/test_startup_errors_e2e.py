"""`aftercare run` as an operator starts it: each start-up failure is one line naming the
setting and what to do, exit code 2, no traceback and no token; an unreachable Bot API is
waited for until it answers."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
import time
from pathlib import Path

import pytest

from bot.standin.botapi import BotAPIStandIn

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "7000000001:operator-test-token-Zq9"
RIGHT = "7000000001:the-token-botfather-gave"


def _env(tmp_path: Path, **values: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "AFTERCARE_"))}
    env.update(
        PYTHONPATH=str(ROOT),
        TELEGRAM_BOT_TOKEN=TOKEN,
        AFTERCARE_DB=str(tmp_path / "bot.db"),
        AFTERCARE_HEALTH_PORT="0",  # any free port: runs side by side
    )
    env.update(values)
    return env


async def _run(tmp_path: Path, **values: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=tmp_path, env=_env(tmp_path, **values),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip


async def _finished(process: asyncio.subprocess.Process) -> tuple[int, str]:
    out, err = await asyncio.wait_for(process.communicate(), timeout=60)
    return process.returncode, (out + err).decode()


async def _answers(standin: BotAPIStandIn) -> None:
    """The bot is polling: a /start gets its welcome."""
    standin.inject_message(1001, "/start", first_name="Pat")
    [welcome] = await standin.wait_for_messages(1001, 1, timeout=30)
    assert "not a clinician" in welcome.text


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize(
    ("values", "named"),
    [
        pytest.param({"TELEGRAM_BOT_TOKEN": ""}, "TELEGRAM_BOT_TOKEN is not set", id="no_token"),
        pytest.param(
            {"AFTERCARE_DB": "/nonexistent-folder/bot.db"},
            "AFTERCARE_DB: cannot use the database /nonexistent-folder/bot.db: it cannot be opened",
            id="database_folder_missing",
        ),
        pytest.param(
            {"AFTERCARE_CLOCK_SPEED": "fast"}, "AFTERCARE_CLOCK_SPEED must be a number", id="speed"
        ),
    ],
)
async def test_a_setting_that_cannot_work_is_one_line_and_exit_2(tmp_path, values, named):
    code, output = await _finished(await _run(tmp_path, **values))
    assert code == 2, output
    assert output.splitlines() == [output.strip()] and output.startswith(f"error: {named}")
    assert TOKEN not in output and "Traceback" not in output


async def test_a_rejected_token_is_one_line_without_the_token(tmp_path):
    async with BotAPIStandIn(token=RIGHT) as standin:
        code, output = await _finished(await _run(tmp_path, TELEGRAM_API_BASE_URL=standin.url))
    assert code == 2, output
    [line] = output.splitlines()
    assert line.startswith(
        f"error: TELEGRAM_BOT_TOKEN was rejected by the Bot API at {standin.url}"
    )
    assert "@BotFather" in line and TOKEN not in output and "operator-test" not in output


async def test_an_address_given_with_bot_works(tmp_path):
    async with BotAPIStandIn(token=TOKEN) as standin:
        process = await _run(tmp_path, TELEGRAM_API_BASE_URL=f"{standin.url}/bot")
        try:
            await _answers(standin)
        finally:
            process.send_signal(signal.SIGTERM)
            code, output = await _finished(process)
    assert code == 0, output


async def test_an_unreachable_api_is_waited_for_until_it_answers(tmp_path):
    port = _free_port()  # nothing listens there yet
    url = f"http://127.0.0.1:{port}"
    process = await _run(tmp_path, TELEGRAM_API_BASE_URL=url)
    standin = BotAPIStandIn(token=TOKEN)
    try:
        said = await asyncio.wait_for(process.stderr.readline(), timeout=60)
        assert b"telegram_unreachable url=" + url.encode() + b" tries=1" in said
        await standin.start(port=port)  # the Bot API comes back
        await _answers(standin)
        started = time.monotonic()
        process.send_signal(signal.SIGTERM)
        code, output = await _finished(process)
        assert code == 0 and time.monotonic() - started < 30
        output = said.decode() + output
        assert TOKEN not in output and "Traceback" not in output
        assert "telegram_reached" in output and "bot_stopped" in output
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
        await standin.stop()


async def test_a_stop_while_waiting_for_the_api_ends_quietly(tmp_path):
    url = f"http://127.0.0.1:{_free_port()}"
    process = await _run(tmp_path, TELEGRAM_API_BASE_URL=url)
    try:
        said = await asyncio.wait_for(process.stderr.readline(), timeout=60)
        assert b"telegram_unreachable" in said
        process.send_signal(signal.SIGTERM)
        code, output = await _finished(process)
        assert code == 0, output
        assert "Traceback" not in output and TOKEN not in output
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
