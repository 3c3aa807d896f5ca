"""Flood control: python-telegram-bot's AIORateLimiter, with a way for a caller to opt out of
its retries.

Handler replies keep the limiter's behaviour on a 429: wait `retry_after` (pausing other
requests, as Telegram asks) and try again. The dispatcher would rather defer the one row and
carry on with others, so it passes `rate_limit_args=NO_RETRY`. PTB reads that argument as
`rate_limit_args or max_retries`, so a plain 0 would mean "the default"; `NO_RETRY` is a zero
that is truthy.
"""

from __future__ import annotations

from telegram.ext import AIORateLimiter

# Telegram: about 30 messages a second overall, about one a second per chat.
OVERALL_PER_SECOND = 30
HANDLER_RETRIES = 2


class _ZeroRetries(int):
    def __bool__(self) -> bool:
        return True


NO_RETRY = _ZeroRetries(0)


def build_rate_limiter() -> AIORateLimiter:
    return AIORateLimiter(
        overall_max_rate=OVERALL_PER_SECOND, overall_time_period=1, max_retries=HANDLER_RETRIES
    )
