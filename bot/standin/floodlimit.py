"""Telegram's flood limits as strict sliding windows: at most 30 messages in any one second
overall, and at most one message to a chat in any one second.

The figures are the ones Telegram gives in its Bot FAQ ("My bot is hitting limits, how do I
avoid this?"): in a single chat no more than one message a second, and for bulk notifications
no more than about 30 messages a second. Telegram says it may allow short bursts over these;
the stand-in allows none, so a bot that keeps under it keeps under Telegram. A message the
limiter refuses (a 429) is not counted.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Hashable

OVERALL_PER_SECOND = 30  # Telegram's Bot FAQ: about 30 messages a second to different chats
PER_CHAT_PER_SECOND = 1  # Telegram's Bot FAQ: no more than one message a second in a chat


class SlidingWindow:
    """At most `limit` events in any `period` seconds: a log of the admitted times.

    Two events count as within one period when they are less than `period` apart, so with
    limit 1 and period 1 s, messages at 0.0 s and 1.0 s are both admitted.
    """

    def __init__(self, limit: int, period: float):
        if limit < 1 or period <= 0:
            raise ValueError("a window needs a limit of at least 1 and a positive period")
        self.limit = limit
        self.period = period
        self.times: deque[float] = deque()

    def wait(self, now: float) -> float:
        """Seconds until one more event fits (0 if one fits now)."""
        while self.times and self.times[0] <= now - self.period:
            self.times.popleft()
        if len(self.times) < self.limit:
            return 0.0
        return self.times[len(self.times) - self.limit] + self.period - now

    def add(self, now: float) -> None:
        self.times.append(now)

    @property
    def empty(self) -> bool:
        return not self.times


class FloodLimiter:
    """Admits a message to a chat or says how many seconds the sender must wait.

    `clock` is monotonic seconds (tests pass a manual one).
    """

    PRUNE_ABOVE = 4096

    def __init__(
        self,
        *,
        overall_limit: int = OVERALL_PER_SECOND,
        per_chat_limit: int = PER_CHAT_PER_SECOND,
        period: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ):
        if overall_limit < 1 or per_chat_limit < 1 or period <= 0:
            raise ValueError("flood limits must be at least 1 message in a positive period")
        self.clock = clock
        self.per_chat_limit = per_chat_limit
        self.period = period
        self.overall = SlidingWindow(overall_limit, period)
        self.chats: dict[Hashable, SlidingWindow] = {}

    def admit(self, chat_id: Hashable) -> float:
        """Count a message in both windows and return 0, or count none and return the wait."""
        now = self.clock()
        chat = self.chats.get(chat_id)
        if chat is None:
            self._prune(now)
            chat = self.chats[chat_id] = SlidingWindow(self.per_chat_limit, self.period)
        wait = max(self.overall.wait(now), chat.wait(now))
        if wait > 0:
            return wait
        self.overall.add(now)
        chat.add(now)
        return 0.0

    def _prune(self, now: float) -> None:
        # A window with nothing in its last period carries no history: forgetting it changes
        # nothing.
        if len(self.chats) < self.PRUNE_ABOVE:
            return
        for key, window in list(self.chats.items()):
            window.wait(now)
            if window.empty:
                del self.chats[key]
