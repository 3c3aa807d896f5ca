"""Reaching the Bot API at start-up: a rejected token stops the start with a reason; an
unreachable server is waited for, with backoff, for as long as it takes.

The operator hears about the wait once a minute (a log line at WARNING), not once a try.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta

from telegram import Bot
from telegram.error import BadRequest, InvalidToken, NetworkError, RetryAfter

log = logging.getLogger(__name__)

FIRST_WAIT = 1.0  # seconds after the first failed try
MAX_WAIT = 60.0  # the longest wait between two tries
SAY_EVERY = 60.0  # how often the operator is told that the wait goes on


class TokenRejected(Exception):
    """The Bot API answered that the token is not a bot's (HTTP 401 or 404)."""


class NotABotApi(Exception):
    """TELEGRAM_API_BASE_URL answered, but not as a Bot API server does; the message says
    what it answered (never the token)."""


async def connect(
    bot: Bot,
    api_url: str,
    *,
    sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> int:
    """Call getMe until the Bot API at `api_url` answers; returns how many tries it took.

    Waits 1 s after the first failure, doubling up to a minute between tries. Raises
    TokenRejected or NotABotApi when trying again cannot help.
    """
    wait, tries, said_at = FIRST_WAIT, 0, None
    while True:
        tries += 1
        try:
            await bot.initialize()
        except InvalidToken:
            raise TokenRejected from None
        except BadRequest as error:  # 400: a server, but it did not take getMe
            raise NotABotApi(type(error).__name__) from None
        except (NetworkError, RetryAfter) as error:
            if isinstance(error, RetryAfter):  # an int, or a timedelta under PTB_TIMEDELTA
                after = error.retry_after
                seconds = after.total_seconds() if isinstance(after, timedelta) else after
                wait = max(wait, float(seconds))
            now = clock()
            if said_at is None or now - said_at >= SAY_EVERY:
                said_at = now
                log.warning(
                    "telegram_unreachable url=%s tries=%s error=%s next_try_in=%.0fs",
                    api_url,
                    tries,
                    type(error).__name__,
                    wait,
                )
            await sleep(wait)
            wait = min(wait * 2, MAX_WAIT)
        except Exception as error:  # a server that does not speak the Bot API at all
            raise NotABotApi(type(error).__name__) from None
        else:
            if said_at is not None:
                log.info("telegram_reached url=%s tries=%s", api_url, tries)
            return tries
