"""Flood control through python-telegram-bot's extension point, `BaseRateLimiter`.

Every request to a chat goes through one `Throttle` (`bot.telegram.throttle`): at most 30 in
any second, one a second per chat, counted strictly (no opening burst), the most urgent
waiting request first. Each call says, with `rate_limit_args=SendOptions(...)`, how urgent it
is and what happens after a 429:

- nothing passed (handler replies): an ordinary reply; after a 429 its chat waits
  `retry_after` (other chats go on) and it is tried again, up to HANDLER_RETRIES times;
- `URGENT` (the reply to a red flag, alerts to staff): ahead of everything else waiting;
- `OUTBOX` (the outbox's sends, `bot.telegram.sender`): behind every reply, and a 429 is
  raised at once, so the outbox defers that one row and carries on with other chats.

Requests without a chat (getUpdates, answerCallbackQuery, setMyCommands) are not messages and
are not paced.
"""

from __future__ import annotations

import asyncio
import logging
import warnings
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

from bot.telegram.throttle import PERIOD, Priority, SharedLimit, Throttle, Ticket

log = logging.getLogger(__name__)

HANDLER_RETRIES = 2


@dataclass(frozen=True)
class SendOptions:
    """`rate_limit_args` for one call: its priority, how many times to resend after a 429
    (0: none), and the seconds the request may take once it is let go (None: only the
    request's own timeouts). Raises ValueError for a negative count."""

    retries: int = HANDLER_RETRIES
    priority: Priority = Priority.REPLY
    deadline: float | None = None

    def __post_init__(self) -> None:
        if self.retries < 0:
            raise ValueError(f"retries must be 0 or more, not {self.retries}")


URGENT = SendOptions(priority=Priority.URGENT)
OUTBOX = SendOptions(retries=0, priority=Priority.SCHEDULED)


class RateLimiter(BaseRateLimiter[SendOptions]):
    """The bot's one `Throttle` for every request to a chat, with retries after a 429 as
    each call's `SendOptions` say (default: an ordinary reply with HANDLER_RETRIES)."""

    def __init__(self, throttle: Throttle | None = None) -> None:
        self.default = SendOptions()
        self.throttle = throttle or Throttle()

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Close the shared limit's connection, if there is one."""
        close = getattr(self.throttle.shared, "close", None)
        if close is not None:
            await close()

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict | list[dict]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: SendOptions | None,
    ) -> bool | dict | list[dict]:
        """Send when the throttle lets this request go; after a 429 hold its chat for
        `retry_after` and try again as the options say, then raise RetryAfter."""
        options = rate_limit_args or self.default
        chat = data.get("chat_id")
        if chat is None:
            return await callback(*args, **kwargs)
        for attempt in range(options.retries + 1):
            try:
                async with self.throttle.slot(chat, options.priority):
                    if options.deadline is None:
                        return await callback(*args, **kwargs)
                    async with asyncio.timeout(options.deadline):
                        return await callback(*args, **kwargs)
            except RetryAfter as error:
                seconds = retry_after_seconds(error)
                self.throttle.hold(chat, seconds)
                if attempt == options.retries:
                    raise
                log.info("flood_wait endpoint=%s seconds=%s", endpoint, seconds)
        raise AssertionError("unreachable")  # the loop returns or raises


def retry_after_seconds(error: RetryAfter) -> float:
    """Telegram's wait in seconds, whichever type this PTB version gives it as."""
    with warnings.catch_warnings():
        # PTB 22 warns that retry_after becomes a timedelta; accept either.
        warnings.simplefilter("ignore")
        value = error.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def build_rate_limiter(
    *,
    period: float = PERIOD,
    observer: Callable[[Ticket, float, float, float], None] | None = None,
    shared: SharedLimit | None = None,
) -> RateLimiter:
    """The bot's limiter. `period` is Telegram's second (only the test harness shortens it,
    so that a conversation of many messages does not take a second a message); `observer`
    hears of every send (the benchmarks' record); `shared`, the limit instances on one
    PostgreSQL database share (`shared_limit`)."""
    return RateLimiter(Throttle(period=period, observer=observer, shared=shared))


def shared_limit(database: str, *, period: float = PERIOD) -> SharedLimit | None:
    """The flood limit shared through the database `database` names (AFTERCARE_DB), or None
    for SQLite (one bot per database: the in-process throttle is the whole limit)."""
    from bot.store.dialect import is_postgres

    if not is_postgres(database):
        return None
    from bot.store.flood_slots import SharedFloodLimit

    return SharedFloodLimit(database, period=period)
