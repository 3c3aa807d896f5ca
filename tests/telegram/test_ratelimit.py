"""The rate limiter's per-call retries, against the stand-in's injected 429s over real HTTP.

Handler replies pass nothing and keep waiting `retry_after`, then resending; the outbox
passes NO_RETRIES and gets the 429 at once. The waits here are Telegram's own (one second),
not scheduled time.
"""

from __future__ import annotations

import asyncio
import time

import pytest
from telegram.error import RetryAfter
from telegram.ext import ExtBot

from bot.telegram.ratelimit import (
    HANDLER_RETRIES,
    NO_RETRIES,
    RateLimiter,
    Retries,
    build_rate_limiter,
)

TOKEN = "7000000001:ratelimit-tests"
CHAT, OTHER = 101, 102


@pytest.fixture
async def bot(standin):
    async with ExtBot(TOKEN, base_url=standin.base_url, rate_limiter=build_rate_limiter()) as bot:
        yield bot


@pytest.mark.parametrize(
    ("args", "floods", "requests", "delivered"),
    [
        pytest.param(None, 1, 2, True, id="handler_reply_waits_and_resends"),
        pytest.param(NO_RETRIES, 1, 1, False, id="outbox_send_gets_the_429_at_once"),
        pytest.param(Retries(1), 2, 2, False, id="one_retry_then_the_429"),
    ],
)
async def test_retries_after_a_429_are_chosen_per_call(
    standin, bot, args, floods, requests, delivered
):
    standin.add_fault("flood", chat_id=CHAT, retry_after=1, times=floods)
    started = time.monotonic()
    if delivered:
        await bot.send_message(CHAT, "Hello", rate_limit_args=args)
    else:
        with pytest.raises(RetryAfter):
            await bot.send_message(CHAT, "Hello", rate_limit_args=args)
    elapsed = time.monotonic() - started
    assert len(standin.select(chat_id=CHAT, ok_only=False)) == requests
    assert len(standin.messages(CHAT)) == int(delivered)
    assert elapsed >= requests - 1  # each retry first waited the retry_after second


async def test_handler_replies_retry_as_many_times_as_configured(standin, bot):
    assert build_rate_limiter().default == Retries(HANDLER_RETRIES)
    standin.add_fault("flood", chat_id=CHAT, retry_after=1, times=HANDLER_RETRIES + 1)
    with pytest.raises(RetryAfter):
        await bot.send_message(CHAT, "Hello")
    assert len(standin.select(chat_id=CHAT, ok_only=False)) == HANDLER_RETRIES + 1


def test_a_negative_retry_count_is_refused():
    with pytest.raises(ValueError, match="retries must be 0 or more, not -1"):
        Retries(-1)


async def test_a_429_holds_its_own_chat_only(standin, bot):
    # A reply to one patient meets a long flood wait; a reply to another goes out at once.
    standin.add_fault("flood", chat_id=CHAT, retry_after=1, times=1)
    held = asyncio.ensure_future(bot.send_message(CHAT, "to the held chat"))
    await standin.wait_for(lambda record: record.chat_id == CHAT and not record.ok, timeout=2)
    await asyncio.wait_for(bot.send_message(OTHER, "to another chat"), 0.5)
    assert not held.done()  # still waiting out its own chat's second
    await held
    assert len(standin.messages(CHAT)) == len(standin.messages(OTHER)) == 1


async def test_after_a_429_the_chats_next_reply_waits_for_the_rest_of_the_hold():
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    limiter = RateLimiter(sleep=sleep, monotonic=lambda: 100.0)
    answers = [RetryAfter(20), {"ok": True}, {"ok": True}, {"ok": True}]

    async def call() -> dict:
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    await limiter.initialize()
    data = {"chat_id": CHAT}
    assert await limiter.process_request(call, (), {}, "sendMessage", data, None) == {"ok": True}
    assert slept == [20.0]  # waited out the 429 once, then resent
    await limiter.process_request(call, (), {}, "sendMessage", data, None)
    assert slept == [20.0, 20.0]  # the clock stood still: the chat is still held
    await limiter.process_request(call, (), {}, "sendMessage", {"chat_id": OTHER}, None)
    assert slept == [20.0, 20.0]  # another chat never waits
