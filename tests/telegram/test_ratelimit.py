"""The rate limiter's per-call retries, against the stand-in's injected 429s over real HTTP.

Handler replies pass nothing and keep waiting `retry_after`, then resending; the outbox
passes OUTBOX (no retries) and gets the 429 at once. The waits here are Telegram's own (one second),
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
    OUTBOX,
    URGENT,
    RateLimiter,
    SendOptions,
    build_rate_limiter,
)
from bot.telegram.throttle import Throttle

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
        pytest.param(OUTBOX, 1, 1, False, id="outbox_send_gets_the_429_at_once"),
        pytest.param(SendOptions(retries=1), 2, 2, False, id="one_retry_then_the_429"),
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
    assert build_rate_limiter().default == SendOptions(HANDLER_RETRIES)
    standin.add_fault("flood", chat_id=CHAT, retry_after=1, times=HANDLER_RETRIES + 1)
    with pytest.raises(RetryAfter):
        await bot.send_message(CHAT, "Hello")
    assert len(standin.select(chat_id=CHAT, ok_only=False)) == HANDLER_RETRIES + 1


def test_a_negative_retry_count_is_refused():
    with pytest.raises(ValueError, match="retries must be 0 or more, not -1"):
        SendOptions(-1)


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
    # The hold's arithmetic on a standing clock: bot.telegram.throttle.Gate's tests cover
    # the time passing (test_throttle.py: a 429 holds only its chat until the time given).
    limiter = RateLimiter(Throttle(monotonic=lambda: 100.0))
    answers = [RetryAfter(20), {"ok": True}]

    async def call() -> dict:
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    data = {"chat_id": CHAT}
    held = asyncio.ensure_future(limiter.process_request(call, (), {}, "sendMessage", data, None))
    while answers and isinstance(answers[0], Exception):
        await asyncio.sleep(0)
    await asyncio.sleep(0)
    other = {"chat_id": OTHER}
    assert await limiter.process_request(call, (), {}, "sendMessage", other, None) == {"ok": True}
    assert not held.done()  # its retry waits for the chat's 20 seconds; another chat never waits
    assert limiter.throttle.gate.waiting == 1
    held.cancel()


async def test_waiting_sends_go_urgent_then_replies_then_the_outbox(standin):
    """One place at a time, held while three sends queue up in the worst order: they reach
    Telegram as the red flag's reply, the ordinary reply, then the scheduled message."""
    limiter = RateLimiter(Throttle(limit=1, period=0.01))
    async with ExtBot(TOKEN, base_url=standin.base_url, rate_limiter=limiter) as bot:
        async with limiter.throttle.slot("held"):
            sends = [
                asyncio.create_task(bot.send_message(CHAT + n, text, rate_limit_args=options))
                for n, (text, options) in enumerate(
                    [("scheduled", OUTBOX), ("ordinary", None), ("urgent", URGENT)]
                )
            ]
            while limiter.throttle.gate.waiting < len(sends):
                await asyncio.sleep(0)
        await asyncio.gather(*sends)
    assert [m.text for m in standin.messages()] == ["urgent", "ordinary", "scheduled"]


async def test_a_deadline_counts_from_the_moment_a_send_is_let_go(standin):
    """A send that waited its turn is not timed out for waiting; one that takes too long once
    it is let go is."""
    limiter = RateLimiter(Throttle(limit=1, period=0.01))
    quick = SendOptions(retries=0, deadline=0.3)
    async with ExtBot(TOKEN, base_url=standin.base_url, rate_limiter=limiter) as bot:
        async with limiter.throttle.slot("held"):
            waiting = asyncio.create_task(bot.send_message(CHAT, "waited", rate_limit_args=quick))
            await asyncio.sleep(0.5)  # longer than its deadline, still in the queue
        await waiting
        standin.add_fault("timeout", chat_id=OTHER, hold=2.0)
        with pytest.raises(TimeoutError):
            await bot.send_message(OTHER, "hangs", rate_limit_args=quick)
    assert [m.text for m in standin.messages()] == ["waited"]
