"""The stand-in's flood limits, raw HTTP bodies, control API, client and CLI command."""

from __future__ import annotations

import asyncio
import datetime as dtm
import json
import re
import signal
import socket
import sys

import aiohttp
import pytest
from telegram import Bot
from telegram.error import Forbidden, RetryAfter
from telegram.ext import AIORateLimiter, ExtBot

from bot.standin.botapi import BotAPIStandIn
from bot.standin.client import ControlError
from bot.standin.floodlimit import FloodLimiter
from bot.standin.records import StandInTimeout
from tests.standin.conftest import TOKEN

CHAT = 4242


class ManualClock:
    def __init__(self, now: float = 1000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now


# -- flood limits ---------------------------------------------------------------------------


def test_overall_limit_admits_a_second_and_a_bit_at_once_then_thirty_a_second():
    clock = ManualClock()
    limiter = FloodLimiter(clock=clock)

    burst = sum(limiter.admit(chat) == 0 for chat in range(40))
    clock.now += 0.5
    half_second_later = sum(limiter.admit(100 + chat) == 0 for chat in range(40))
    start, admitted = clock.now, 0
    for step in range(1, 1001):  # ten seconds of attempts every 10 ms, one chat each
        clock.now = start + step / 100
        admitted += limiter.admit(1000 + step) == 0

    assert burst == 33  # 30 a second plus 10% room for network jitter
    assert half_second_later == 15
    assert admitted == 300


def test_each_chat_gets_a_small_burst_then_one_message_a_second():
    clock = ManualClock()
    limiter = FloodLimiter(clock=clock)

    assert [limiter.admit(CHAT) for _ in range(3)] == [0, 0, 0]
    assert limiter.admit(CHAT) == pytest.approx(1.0)
    assert limiter.admit(CHAT + 1) == 0  # other chats are not held up
    clock.now += 0.75
    assert limiter.admit(CHAT) == pytest.approx(0.25)
    clock.now += 0.25
    assert limiter.admit(CHAT) == 0
    assert limiter.admit(CHAT) == pytest.approx(1.0)


async def test_flood_limits_answer_429_with_retry_after_over_http(monkeypatch):
    monkeypatch.setenv("PTB_TIMEDELTA", "1")
    clock = ManualClock()
    standin = BotAPIStandIn(flood_limits=True, clock=clock)
    async with standin, Bot(TOKEN, base_url=standin.base_url) as bot:
        for n in range(3):
            await bot.send_message(CHAT, f"burst {n}")
        with pytest.raises(RetryAfter) as raised:
            await bot.send_message(CHAT, "too soon")
        clock.now += 1
        await bot.send_message(CHAT, "in time")
        others = await asyncio.gather(
            *(bot.send_message(chat, "broadcast") for chat in range(1, 41)),
            return_exceptions=True,
        )

    assert raised.value.retry_after == dtm.timedelta(seconds=1)
    assert len(standin.messages(CHAT)) == 4
    # 33 tokens at the start, 4 spent on CHAT, 1 second (30 tokens) refilled up to 33 again.
    assert sum(isinstance(o, RetryAfter) for o in others) == 40 - 32
    assert standin.stats.rate_limited == standin.stats.too_many_requests == 9


async def test_a_fixed_retry_after_is_reported_as_configured(monkeypatch):
    monkeypatch.setenv("PTB_TIMEDELTA", "1")
    standin = BotAPIStandIn(flood_limits=True, clock=ManualClock(), retry_after=5)
    async with standin, Bot(TOKEN, base_url=standin.base_url) as bot:
        for _ in range(3):
            await bot.send_message(CHAT, "burst")
        with pytest.raises(RetryAfter) as raised:
            await bot.send_message(CHAT, "too soon")
    assert raised.value.retry_after == dtm.timedelta(seconds=5)


async def test_a_client_paced_by_ptbs_aioratelimiter_gets_no_429(monkeypatch):
    monkeypatch.setenv("PTB_TIMEDELTA", "1")
    chats = range(1, 46)  # half again the per-second limit, one message each
    async with BotAPIStandIn(flood_limits=True) as standin:
        limiter = AIORateLimiter()
        async with ExtBot(TOKEN, base_url=standin.base_url, rate_limiter=limiter) as paced:
            await asyncio.gather(*(paced.send_message(chat, "reminder") for chat in chats))
    # The unpaced baseline on a clock that stands still: the whole burst lands within one
    # second however slowly a loaded machine sends it, so its 429s do not depend on timing.
    baseline = BotAPIStandIn(flood_limits=True, clock=ManualClock())
    async with baseline, Bot(TOKEN, base_url=baseline.base_url) as unpaced:
        results = await asyncio.gather(
            *(unpaced.send_message(chat, "reminder") for chat in chats),
            return_exceptions=True,
        )

    assert standin.stats.too_many_requests == 0
    assert len(standin.messages()) == len(chats)
    assert any(isinstance(r, RetryAfter) for r in results)  # the same burst, unpaced
    assert baseline.stats.too_many_requests == sum(isinstance(r, RetryAfter) for r in results)


# -- raw HTTP -------------------------------------------------------------------------------


@pytest.fixture
async def http():
    async with aiohttp.ClientSession() as session:
        yield session


async def test_form_json_query_and_multipart_bodies_are_all_understood(standin, http):
    api = f"{standin.base_url}{TOKEN}"
    markup = {"inline_keyboard": [[{"text": "Yes", "callback_data": "yes"}]]}

    form = await http.post(
        f"{api}/SENDMESSAGE",
        data={"chat_id": str(CHAT), "text": "form", "reply_markup": json.dumps(markup)},
    )
    as_json = await http.post(f"{api}/sendMessage", json={"chat_id": CHAT, "text": "json"})
    query = await http.get(f"{api}/sendmessage", params={"chat_id": CHAT, "text": "query"})
    upload = aiohttp.FormData({"chat_id": str(CHAT), "caption": "file"})
    upload.add_field("photo", b"\x89PNG fake", filename="qr.png", content_type="image/png")
    multipart = await http.post(f"{api}/sendPhoto", data=upload)

    bodies = [await r.json() for r in (form, as_json, query, multipart)]
    assert [r.status for r in (form, as_json, query, multipart)] == [200] * 4
    assert all(b["ok"] for b in bodies)
    assert bodies[0]["result"]["reply_markup"] == markup
    assert [m.text for m in standin.messages(CHAT)] == ["form", "json", "query", "file"]
    assert standin.messages(CHAT)[3].payload["photo_bytes"] == len(b"\x89PNG fake")


@pytest.mark.parametrize(
    ("path", "status", "description"),
    [
        (f"/bot{TOKEN}/sendCarrierPigeon", 404, "Not Found: method not found"),
        ("/botnot-a-token/getMe", 404, "Not Found"),
        ("/elsewhere", 404, "Not Found"),
    ],
)
async def test_unknown_methods_and_paths_answer_in_telegrams_shape(
    standin, http, path, status, description
):
    response = await http.post(f"{standin.url}{path}")
    assert response.status == status
    assert await response.json() == {"ok": False, "error_code": status, "description": description}


async def test_error_bodies_carry_telegrams_parameters(standin, http):
    standin.add_fault("flood", retry_after=3)
    flood = await http.post(f"{standin.base_url}{TOKEN}/sendMessage", data={"chat_id": "1"})
    bad_markup = await http.post(
        f"{standin.base_url}{TOKEN}/sendMessage",
        data={"chat_id": "1", "text": "x", "reply_markup": "{not json"},
    )

    assert flood.status == 429
    assert await flood.json() == {
        "ok": False,
        "error_code": 429,
        "description": "Too Many Requests: retry after 3",
        "parameters": {"retry_after": 3},
    }
    assert (await bad_markup.json())["description"] == (
        "Bad Request: can't parse reply keyboard markup JSON object"
    )


async def test_a_configured_token_rejects_others_with_401(http):
    async with BotAPIStandIn(token="123:right") as standin:
        wrong = await http.get(f"{standin.base_url}123:wrong/getMe")
        right = await http.get(f"{standin.base_url}123:right/getMe")
    assert (wrong.status, (await wrong.json())["description"]) == (401, "Unauthorized")
    assert (await right.json())["result"]["id"] == 123


# -- control API and client ----------------------------------------------------------------


async def test_client_plays_the_user_and_reads_what_the_bot_sent(standin, client, bot):
    update = await client.inject_message(CHAT, "/start", first_name="Kim")
    [received] = await bot.get_updates()
    assert received.update_id == update["update_id"]
    assert received.message.from_user.first_name == "Kim"

    after = standin.next_index
    waiting = asyncio.create_task(client.wait_for_messages(CHAT, 2, after=after))
    await bot.send_message(
        CHAT,
        "Welcome",
        reply_markup={"inline_keyboard": [[{"text": "Yes", "callback_data": "yes"}]]},
    )
    await bot.send_message(CHAT, "Second")
    records = await waiting

    assert [r.text for r in records] == ["Welcome", "Second"]
    assert records[0].button_data() == ["yes"]
    assert [r.text for r in await client.sent(chat_id=CHAT, after=records[1].index)] == ["Second"]
    press = await client.inject_callback(CHAT, "yes")
    assert press["callback_query"]["message"]["message_id"] == records[0].message_id
    assert (await client.stats())["messages_accepted"] == 2
    assert await client.clear() == standin.next_index
    assert await client.sent() == []


async def test_client_arms_faults_and_blocks_chats(standin, client, bot):
    fault = await client.add_fault("blocked", chat_id=CHAT, times=2)
    assert (fault["kind"], fault["times"]) == ("blocked", 2)
    for _ in range(2):
        with pytest.raises(Forbidden):
            await bot.send_message(CHAT, "hi")
    await bot.send_message(CHAT, "hi")

    await client.block(CHAT + 1)
    with pytest.raises(Forbidden):
        await bot.send_message(CHAT + 1, "hi")
    await client.unblock(CHAT + 1)
    await bot.send_message(CHAT + 1, "hi")

    await client.add_fault("server_error", method="*", probability=1.0)
    await client.clear_faults()
    await bot.send_message(CHAT, "fine")
    assert standin.stats.faults_injected == 2
    assert len(standin.messages()) == 3


async def test_client_wait_times_out_with_what_was_received(client, bot):
    await bot.send_message(CHAT, "only this")
    with pytest.raises(StandInTimeout) as raised:
        await client.wait_for_messages(CHAT, 2, timeout=0.2)
    assert [r.text for r in raised.value.received if r.is_message] == ["only this"]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda c: c.inject_message(CHAT, "  "), "needs some text"),
        (lambda c: c.inject_callback(CHAT, "yes"), "no bot message"),
        (lambda c: c.add_fault("meteor"), "unknown fault kind"),
        (lambda c: c.add_fault("flood", colour="red"), "unknown fault options"),
    ],
)
async def test_control_api_refuses_bad_input_and_changes_nothing(standin, client, call, message):
    with pytest.raises(ControlError, match=message):
        await call(client)
    assert standin.pending == 0
    assert standin.faults.faults == []


async def test_control_api_rejects_a_body_that_is_not_json(standin, http):
    response = await http.post(f"{standin.url}/_sandbox/messages", data=b"chat_id=1")
    assert response.status == 400
    assert "JSON object" in (await response.json())["error"]


# -- the CLI command -----------------------------------------------------------------------


async def start_cli(*args: str) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "standin",
        *args,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def test_cli_serves_until_sigterm(http):
    process = await start_cli("--port", "0", "--username", "CliBot")
    line = (await asyncio.wait_for(process.stdout.readline(), 10)).decode()
    match = re.fullmatch(r"Bot API stand-in listening on (http://127\.0\.0\.1:\d+)\n", line)
    assert match, line
    health = await (await http.get(f"{match.group(1)}/_sandbox/health")).json()
    process.send_signal(signal.SIGTERM)
    assert await asyncio.wait_for(process.wait(), 10) == 0
    assert health["bot"]["username"] == "CliBot"


async def test_cli_explains_a_busy_port():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        process = await start_cli("--port", str(taken.getsockname()[1]))
        _, stderr = await asyncio.wait_for(process.communicate(), 10)
    assert process.returncode == 1
    assert "cannot listen on 127.0.0.1" in stderr.decode()
    assert "Traceback" not in stderr.decode()
