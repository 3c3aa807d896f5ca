"""Which waiting update is handled next when many arrive at once: red flags first.

The bot handles a bounded number of updates at a time (`PrioritySlots`); when updates have
to wait for a place, a patient's message that reads as a red flag (the red-flag rules on the
raw text, `bot.faq.redflags`) takes the next free place, ahead of everything that came
before it. Only waiting updates are read this way, so a quiet bot pays nothing for it.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from telegram import Update

from bot.faq import redflags
from bot.telegram.throttle import Priority


def update_priority(update: object) -> Priority:
    """URGENT for a text message whose words are a red flag, else REPLY."""
    if not isinstance(update, Update) or update.message is None or not update.message.text:
        return Priority.REPLY
    flag = redflags.check(update.message.text)
    return Priority.URGENT if flag is not None and flag.urgent else Priority.REPLY


class PrioritySlots:
    """At most `size` holders at once; waiters get places by priority, then in order.

    Raises ValueError for a size below 1.
    """

    def __init__(self, size: int) -> None:
        if size < 1:
            raise ValueError("there must be at least one place")
        self.size = size
        self.taken = 0
        self._waiting: list[tuple[int, int, asyncio.Future[None]]] = []
        self._order = itertools.count()

    @property
    def full(self) -> bool:
        return self.taken >= self.size

    @asynccontextmanager
    async def place(self, priority: Callable[[], int]) -> AsyncIterator[None]:
        """Hold a place while the body runs; `priority` is asked only if the caller must wait."""
        if self.full or self._waiting:
            woken = asyncio.get_running_loop().create_future()
            entry = (int(priority()), next(self._order), woken)
            heapq.heappush(self._waiting, entry)
            try:
                await woken  # the place is handed over, already counted as taken
            except BaseException:
                if woken.done() and not woken.cancelled():
                    self._release()
                else:
                    self._waiting.remove(entry)
                    heapq.heapify(self._waiting)
                raise
        else:
            self.taken += 1
        try:
            yield
        finally:
            self._release()

    def _release(self) -> None:
        self.taken -= 1
        while self._waiting and not self.full:
            _, _, woken = heapq.heappop(self._waiting)
            if not woken.done():
                self.taken += 1
                woken.set_result(None)
