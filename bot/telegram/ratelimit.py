"""Flood control through python-telegram-bot's extension point, `BaseRateLimiter`.

Every request is paced by PTB's AIORateLimiter (about 30 a second overall, and its group
limits). What happens after a 429 is chosen per call with `rate_limit_args`:

- nothing passed (handler replies): wait `retry_after` and try again, up to HANDLER_RETRIES
  times;
- `NO_RETRIES` (the outbox's sends, `bot.telegram.sender`): raise RetryAfter at once, so the
  outbox defers that one row and carries on with other chats.

A 429 holds only the chat it answered: later handler requests to that chat wait out the
rest of the hold, while other chats' requests go on (AIORateLimiter's own retry would pause
every request of the bot). The outbox keeps its own holds (`bot.delivery.pacer.FloodHolds`).
"""

from __future__ import annotations

import asyncio
import logging
import time
import warnings
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import AIORateLimiter, BaseRateLimiter

log = logging.getLogger(__name__)

# Telegram: about 30 messages a second overall, about one a second per chat.
OVERALL_PER_SECOND = 30
HANDLER_RETRIES = 2


@dataclass(frozen=True)
class Retries:
    """`rate_limit_args` for one call: how many times to resend after a 429 (0: none).

    Raises ValueError for a negative count.
    """

    retries: int

    def __post_init__(self) -> None:
        if self.retries < 0:
            raise ValueError(f"retries must be 0 or more, not {self.retries}")


NO_RETRIES = Retries(0)


class RateLimiter(BaseRateLimiter[Retries]):
    """AIORateLimiter's pacing, with the number of 429 retries chosen per call and each 429
    holding its own chat only.

    `sleep` and `monotonic` are asyncio's and time's; tests pass their own.
    """

    def __init__(
        self,
        *,
        overall_per_second: float = OVERALL_PER_SECOND,
        retries: int = HANDLER_RETRIES,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.default = Retries(retries)
        # Built with no retries of its own: AIORateLimiter reads its per-call argument as
        # `rate_limit_args or max_retries`, so only None can ask it for zero.
        self._paced = AIORateLimiter(
            overall_max_rate=overall_per_second, overall_time_period=1, max_retries=0
        )
        self._sleep = sleep
        self._monotonic = monotonic
        self._held: dict[Any, float] = {}  # chat id -> when its 429 hold ends (monotonic)

    async def initialize(self) -> None:
        await self._paced.initialize()

    async def shutdown(self) -> None:
        await self._paced.shutdown()

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict | list[dict]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: Retries | None,
    ) -> bool | dict | list[dict]:
        """Pace the request; after a 429, retry as `rate_limit_args` says (default: the
        handlers' HANDLER_RETRIES) once its chat's hold is over, then raise RetryAfter."""
        retries = (rate_limit_args or self.default).retries
        chat = data.get("chat_id")
        for attempt in range(retries + 1):
            wait = self._held.get(chat, 0.0) - self._monotonic()
            if wait > 0 and retries:
                await self._sleep(wait)
            try:
                return await self._paced.process_request(
                    callback, args, kwargs, endpoint, data, rate_limit_args=None
                )
            except RetryAfter as error:
                seconds = retry_after_seconds(error)
                self._hold(chat, seconds)
                if attempt == retries:
                    raise
                log.info("flood_wait endpoint=%s seconds=%s", endpoint, seconds)
        raise AssertionError("unreachable")  # the loop returns or raises

    def _hold(self, chat: Any, seconds: float) -> None:
        now = self._monotonic()
        if len(self._held) > 1000:
            self._held = {c: end for c, end in self._held.items() if end > now}
        self._held[chat] = max(self._held.get(chat, 0.0), now + seconds)


def retry_after_seconds(error: RetryAfter) -> float:
    """Telegram's wait in seconds, whichever type this PTB version gives it as."""
    with warnings.catch_warnings():
        # PTB 22 warns that retry_after becomes a timedelta; accept either.
        warnings.simplefilter("ignore")
        value = error.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def build_rate_limiter() -> RateLimiter:
    return RateLimiter()
