"""One chat's updates one at a time across instances on one PostgreSQL database (webhook
mode): each instance's update processor also holds the chat's advisory lock
(`bot.store.chat_locks`), so a chat's second update, handed to another instance, waits for
the first; other chats do not wait."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from telegram import Chat, Message, Update

from bot.store.chat_locks import ChatLocks
from bot.telegram.chat_order import PerChatUpdates

pytestmark = pytest.mark.postgres_only


def update(update_id: int, chat_id: int) -> Update:
    chat = Chat(id=chat_id, type="private")
    message = Message(message_id=update_id, date=datetime.now(UTC), chat=chat, text="hi")
    return Update(update_id=update_id, message=message)


async def test_a_chats_update_on_another_instance_waits_for_the_first(database):
    instances = [PerChatUpdates(shared=ChatLocks(database)) for _ in range(2)]
    events: list[str] = []
    first_started = asyncio.Event()
    release_first = asyncio.Event()

    async def first() -> None:
        events.append("first starts")
        first_started.set()
        await release_first.wait()
        events.append("first ends")

    async def handler(name: str) -> None:
        events.append(name)

    try:
        one = asyncio.create_task(instances[0].do_process_update(update(1, 55), first()))
        await asyncio.wait_for(first_started.wait(), 5)
        # Instance b gets the same chat's next update, and another chat's.
        same = asyncio.create_task(instances[1].do_process_update(update(2, 55), handler("second")))
        other = instances[1].do_process_update(update(3, 66), handler("other chat"))
        await asyncio.wait_for(other, 5)  # another chat does not wait
        await asyncio.sleep(0.2)
        assert not same.done()  # the chat's second update waits for its first
        release_first.set()
        await asyncio.wait_for(asyncio.gather(one, same), 5)
    finally:
        for instance in instances:
            await instance.shutdown()
    assert events == ["first starts", "other chat", "first ends", "second"]


async def test_a_chats_lock_ends_with_its_instances_connection(database):
    dead, alive = ChatLocks(database), ChatLocks(database)
    try:
        await dead.hold(77).__aenter__()  # held, never released: the instance dies
        await dead.close()
        async with asyncio.timeout(2):
            async with alive.hold(77):
                pass
    finally:
        await alive.close()
