"""One message at a time per chat, at least `interval` seconds apart (Telegram: about 1 s).

Measured from the end of the previous send, which is when the server had certainly counted
it, so network jitter cannot squeeze two messages into one second at the server. Other
chats are never held up. Real time: this is Telegram's limit, not a scheduled time.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime


class Slot:
    def __init__(self) -> None:
        self.used = True

    def unused(self) -> None:
        self.used = False


class ChatPacer:
    def __init__(self, interval: float = 1.0, monotonic=time.monotonic) -> None:
        self.interval = interval
        self._monotonic = monotonic
        self._locks: dict[int, asyncio.Lock] = {}
        self._users: dict[int, int] = {}
        self._last: dict[int, float] = {}

    @asynccontextmanager
    async def turn(self, chat_id: int) -> AsyncIterator[Slot]:
        """Wait for this chat's next slot and hold it while the body sends.

        A body that ends up sending nothing calls `slot.unused()`, so the next message to
        the chat need not wait for it.
        """
        lock = self._locks.setdefault(chat_id, asyncio.Lock())
        self._users[chat_id] = self._users.get(chat_id, 0) + 1
        try:
            async with lock:
                wait = self._last.get(chat_id, -self.interval) + self.interval - self._monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
                slot = Slot()
                try:
                    yield slot
                finally:
                    if slot.used:
                        self._last[chat_id] = max(self._last.get(chat_id, 0.0), self._monotonic())
        finally:
            self._users[chat_id] -= 1
            if not self._users[chat_id]:
                del self._users[chat_id], self._locks[chat_id]
                self._forget_idle()

    def hold_off(self, chat_id: int, seconds: float) -> None:
        """Telegram asked this chat to wait (429): no send to it for `seconds`."""
        self._last[chat_id] = self._monotonic() + seconds - self.interval

    def _forget_idle(self) -> None:
        if len(self._last) < 10_000:
            return
        now = self._monotonic()
        self._last = {
            c: t for c, t in self._last.items() if t + self.interval > now or c in self._users
        }


class FloodHolds:
    """Chats Telegram asked to wait (a 429), and until when, in the outbox's clock time.

    The outbox defers a held chat's rows to that time instead of sleeping it out, so a wait
    of minutes for one chat holds up nothing else.
    """

    def __init__(self) -> None:
        self._until: dict[int, datetime] = {}

    def hold(self, chat_id: int, until: datetime) -> None:
        self._until[chat_id] = max(until, self._until.get(chat_id, until))

    def until(self, chat_id: int, now: datetime) -> datetime | None:
        """When the chat's hold ends, or None when it is not held at `now`."""
        end = self._until.get(chat_id)
        if end is not None and end <= now:
            del self._until[chat_id]
            return None
        return end
