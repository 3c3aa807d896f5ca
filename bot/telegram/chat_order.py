"""Updates of one chat in the order they came, different chats side by side.

python-telegram-bot processes one update at a time by default: a handler waiting for its
chat (a 429's minutes, a locked database) would hold up every other patient. This update
processor runs updates of different chats concurrently and keeps each chat's own in order,
so a reply that has to wait delays only its own chat.

At most RUNNING updates are handled at once; when more wait for a place, a patient's red flag
takes the next one (`bot.telegram.update_slots`), so a thousand questions at once do not keep
"my throat feels tight" waiting behind them. With `shared` (webhook mode, several instances on
one PostgreSQL database) a chat's update also holds that chat's lock across instances.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable
from contextlib import AbstractAsyncContextManager
from typing import Any, Protocol

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from bot.telegram.update_slots import PrioritySlots, update_priority

# Updates handled at once: enough replies waiting to keep Telegram's 30 a second busy, few
# enough that a red flag let in ahead of the rest does not queue behind hundreds of questions
# on the store's thread.
RUNNING = 64
# Updates taken in before python-telegram-bot stops fetching more (each a waiting task).
MAX_CONCURRENT_UPDATES = 10_000


class ChatLocks(Protocol):
    """A chat's lock across instances (`bot.store.chat_locks`)."""

    def hold(self, chat_id: int) -> AbstractAsyncContextManager[None]: ...

    async def close(self) -> None: ...


class PerChatUpdates(BaseUpdateProcessor):
    """One update at a time per chat (updates without a chat share one queue), at most
    `running` at once, red flags first among those waiting for a place."""

    def __init__(
        self,
        running: int = RUNNING,
        max_concurrent_updates: int = MAX_CONCURRENT_UPDATES,
        *,
        shared: ChatLocks | None = None,
    ) -> None:
        super().__init__(max_concurrent_updates)
        self._shared = shared
        self._places = PrioritySlots(running)
        self._locks: dict[int | None, asyncio.Lock] = {}
        self._waiting: dict[int | None, int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        chat = None
        if isinstance(update, Update) and update.effective_chat is not None:
            chat = update.effective_chat.id
        lock = self._locks.setdefault(chat, asyncio.Lock())
        self._waiting[chat] = self._waiting.get(chat, 0) + 1
        try:
            # asyncio's locks are fair: the chat's updates keep their order. Its words are read
            # for a red flag only if it has to wait for a place.
            places = self._places.place(lambda: update_priority(update))
            async with lock, self._across(chat), places:
                await coroutine
        finally:
            self._waiting[chat] -= 1
            if not self._waiting[chat]:
                del self._waiting[chat], self._locks[chat]

    def _across(self, chat: int | None) -> AbstractAsyncContextManager[None]:
        if self._shared is None or chat is None:
            return contextlib.nullcontext()
        return self._shared.hold(chat)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Close the connection of the locks across instances, if any."""
        if self._shared is not None:
            await self._shared.close()
