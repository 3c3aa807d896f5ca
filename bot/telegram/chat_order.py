"""Updates of one chat in the order they came, different chats side by side.

python-telegram-bot processes one update at a time by default: a handler waiting for its
chat (a 429's minutes, a locked database) would hold up every other patient. This update
processor runs updates of different chats concurrently and keeps each chat's own in order,
so a reply that has to wait delays only its own chat.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

MAX_CONCURRENT_UPDATES = 256


class PerChatUpdates(BaseUpdateProcessor):
    """One update at a time per chat (updates without a chat share one queue)."""

    def __init__(self, max_concurrent_updates: int = MAX_CONCURRENT_UPDATES) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[int | None, asyncio.Lock] = {}
        self._waiting: dict[int | None, int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        chat = None
        if isinstance(update, Update) and update.effective_chat is not None:
            chat = update.effective_chat.id
        lock = self._locks.setdefault(chat, asyncio.Lock())
        self._waiting[chat] = self._waiting.get(chat, 0) + 1
        try:
            async with lock:  # asyncio's locks are fair: the chat's updates keep their order
                await coroutine
        finally:
            self._waiting[chat] -= 1
            if not self._waiting[chat]:
                del self._waiting[chat], self._locks[chat]

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""
