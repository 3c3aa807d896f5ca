"""Per-chat pacing: one message a second per chat (Telegram's limit), other chats never wait."""

from __future__ import annotations

import asyncio

from bot.delivery.pacer import ChatPacer

INTERVAL = 0.2  # real seconds: this is Telegram's rate limit, not scheduled time


async def _send(pacer: ChatPacer, chat_id: int, log: list, *, used: bool = True) -> None:
    async with pacer.turn(chat_id) as slot:
        log.append((chat_id, asyncio.get_running_loop().time()))
        if not used:
            slot.unused()


async def test_two_messages_to_one_chat_are_an_interval_apart():
    pacer, log = ChatPacer(INTERVAL), []
    await asyncio.gather(_send(pacer, 1, log), _send(pacer, 1, log))
    assert log[1][1] - log[0][1] >= INTERVAL * 0.95


async def test_other_chats_are_not_held_up():
    pacer, log = ChatPacer(INTERVAL), []
    await _send(pacer, 1, log)
    await _send(pacer, 2, log)
    assert log[1][1] - log[0][1] < INTERVAL / 2


async def test_a_turn_that_sent_nothing_does_not_delay_the_next():
    pacer, log = ChatPacer(INTERVAL), []
    await _send(pacer, 1, log, used=False)
    await _send(pacer, 1, log)
    assert log[1][1] - log[0][1] < INTERVAL / 2


async def test_hold_off_after_a_429_delays_that_chat():
    pacer, log = ChatPacer(INTERVAL), []
    pacer.hold_off(1, 2 * INTERVAL)
    start = asyncio.get_running_loop().time()
    await _send(pacer, 1, log)
    assert log[0][1] - start >= 2 * INTERVAL * 0.95
