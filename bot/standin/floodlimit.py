"""Telegram's flood limits as token buckets: ~30 messages a second overall, ~1 a second per chat.

Token buckets, not fixed windows: python-telegram-bot's AIORateLimiter is a leaky bucket
(aiolimiter) that lets a full second's worth through at once and then paces, so a server with
a sliding one-second log would answer 429 to a client that kept to the rules. The overall
bucket holds 10% more than a second's worth to absorb network jitter between the client's
limiter and our clock. Private chats get a small burst (AIORateLimiter does not pace them);
their long-run rate is still `per_chat_rate`.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Hashable


class TokenBucket:
    """`capacity` tokens, refilled at `rate` a second; one token per message."""

    def __init__(self, rate: float, capacity: float, now: float):
        self.rate = rate
        self.capacity = capacity
        self.tokens = capacity
        self.updated = now

    def refill(self, now: float) -> None:
        elapsed = max(0.0, now - self.updated)
        self.tokens = min(self.capacity, self.tokens + elapsed * self.rate)
        self.updated = now

    def wait(self) -> float:
        """Seconds until one token is available (0 if one is now)."""
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.rate

    @property
    def full(self) -> bool:
        return self.tokens >= self.capacity


class FloodLimiter:
    """Admits a message to a chat or says how many seconds the sender must wait."""

    PRUNE_ABOVE = 4096

    def __init__(
        self,
        *,
        global_rate: float = 30,
        per_chat_rate: float = 1,
        per_chat_burst: float = 3,
        global_burst: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ):
        if global_rate <= 0 or per_chat_rate <= 0:
            raise ValueError("flood limit rates must be positive")
        self.clock = clock
        self.per_chat_rate = per_chat_rate
        self.per_chat_burst = max(1.0, per_chat_burst)
        if global_burst is None:
            global_burst = global_rate + max(1, math.ceil(global_rate / 10))
        self.overall = TokenBucket(global_rate, max(1.0, global_burst), clock())
        self.chats: dict[Hashable, TokenBucket] = {}

    def admit(self, chat_id: Hashable) -> float:
        """Take a token from both buckets and return 0, or take none and return the wait."""
        now = self.clock()
        chat = self.chats.get(chat_id)
        if chat is None:
            self._prune(now)
            chat = self.chats[chat_id] = TokenBucket(self.per_chat_rate, self.per_chat_burst, now)
        self.overall.refill(now)
        chat.refill(now)
        wait = max(self.overall.wait(), chat.wait())
        if wait > 0:
            return wait
        self.overall.tokens -= 1
        chat.tokens -= 1
        return 0.0

    def _prune(self, now: float) -> None:
        # A full bucket carries no history, so forgetting it changes nothing.
        if len(self.chats) < self.PRUNE_ABOVE:
            return
        for key, bucket in list(self.chats.items()):
            bucket.refill(now)
            if bucket.full:
                del self.chats[key]
