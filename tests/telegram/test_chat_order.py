"""Updates of one chat in order, other chats side by side (`PerChatUpdates`)."""

from __future__ import annotations

import asyncio

from telegram import Update

from bot.telegram.chat_order import PerChatUpdates


def update(update_id: int, chat_id: int) -> Update:
    chat = {"id": chat_id, "type": "private", "first_name": "Pat"}
    message = {"message_id": update_id, "date": 0, "chat": chat, "text": "hi"}
    return Update.de_json({"update_id": update_id, "message": message}, None)


async def test_a_waiting_chat_holds_up_only_its_own_next_update():
    processor = PerChatUpdates()
    order: list[str] = []
    release = asyncio.Event()

    async def handle(name: str, wait: bool = False) -> None:
        order.append(f"{name} start")
        if wait:
            await release.wait()  # e.g. a reply waiting out a 429
        order.append(f"{name} end")

    first = asyncio.ensure_future(processor.process_update(update(1, 10), handle("a1", True)))
    second = asyncio.ensure_future(processor.process_update(update(2, 10), handle("a2")))
    other = asyncio.ensure_future(processor.process_update(update(3, 20), handle("b")))
    await asyncio.wait_for(other, 1)
    assert order == ["a1 start", "b start", "b end"]  # chat 20 went ahead; a2 waits its turn
    release.set()
    await asyncio.gather(first, second)
    assert order[3:] == ["a1 end", "a2 start", "a2 end"]
