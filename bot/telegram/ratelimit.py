"""Flood control through python-telegram-bot's extension point, `BaseRateLimiter`.

Every request is paced by PTB's AIORateLimiter (about 30 a second overall, and its group
limits). What happens after a 429 is chosen per call with `rate_limit_args`:

- nothing passed (handler replies): wait `retry_after` (pausing other requests, as Telegram
  asks) and try again, up to HANDLER_RETRIES times;
- `NO_RETRIES` (the outbox's sends, `bot.telegram.sender`): raise RetryAfter at once, so the
  outbox defers that one row and carries on with other chats.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from telegram.ext import AIORateLimiter, BaseRateLimiter

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
    """AIORateLimiter's pacing, with the number of 429 retries chosen per call."""

    def __init__(
        self, *, overall_per_second: float = OVERALL_PER_SECOND, retries: int = HANDLER_RETRIES
    ) -> None:
        self.default = Retries(retries)
        # Built with no retries of its own: AIORateLimiter reads its per-call argument as
        # `rate_limit_args or max_retries`, so only None can ask it for zero.
        self._paced = AIORateLimiter(
            overall_max_rate=overall_per_second, overall_time_period=1, max_retries=0
        )

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
        handlers' HANDLER_RETRIES), then raise RetryAfter."""
        retries = (rate_limit_args or self.default).retries
        return await self._paced.process_request(
            callback, args, kwargs, endpoint, data, rate_limit_args=retries or None
        )


def build_rate_limiter() -> RateLimiter:
    return RateLimiter()
