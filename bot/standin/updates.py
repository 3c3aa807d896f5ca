"""The queue of updates waiting for the bot, served by real getUpdates long polling."""

from __future__ import annotations

import asyncio
from typing import Any

from bot.standin.records import Broadcast
from bot.standin.validation import ApiError

_CONFLICT = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)


class UpdateQueue:
    """Updates stay until a getUpdates `offset` confirms them, as on Telegram's servers."""

    def __init__(self) -> None:
        self.updates: list[dict[str, Any]] = []
        self._next_id = 1
        self._changed = Broadcast()
        self._generation = 0
        self._closed = False

    def push(self, body: dict[str, Any]) -> dict[str, Any]:
        update = {"update_id": self._next_id, **body}
        self._next_id += 1
        self.updates.append(update)
        self._changed.notify()
        return update

    @property
    def pending(self) -> int:
        return len(self.updates)

    def confirm(self, offset: int) -> None:
        """Forget every update before `offset` (a getUpdates offset, or a webhook's 2xx)."""
        self.updates = [u for u in self.updates if u["update_id"] >= offset]

    def drop_pending(self) -> None:
        self.updates.clear()

    def open(self) -> None:
        self._closed = False

    def close(self) -> None:
        """End every long poll now (the server is stopping)."""
        self._closed = True
        self._changed.notify()

    async def poll(
        self, offset: int | None, limit: int, timeout: float, allowed: list[str] | None
    ) -> list[dict[str, Any]]:
        """getUpdates: confirm up to `offset`, then hold up to `timeout` s for an update."""
        if offset is not None and offset > 0:
            self.confirm(offset)
        elif offset is not None and offset < 0:
            self.updates = self.updates[offset:]
        # A newer long poll ends an older one with 409, as Telegram does.
        self._generation += 1
        generation = self._generation
        self._changed.notify()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            ready = [u for u in self.updates if not allowed or _kind(u) in allowed]
            if ready or self._closed:
                return ready[:limit]
            if generation != self._generation:
                raise ApiError(409, _CONFLICT)
            remaining = deadline - loop.time()
            if remaining <= 0:
                return []
            await self._changed.wait(remaining)


def _kind(update: dict[str, Any]) -> str:
    return next(key for key in update if key != "update_id")
