"""The outbox's Sender over python-telegram-bot: one `send_message`, its outcome as plain data.

The outbox (`bot.delivery.outbox`) knows nothing of Telegram; this module builds the inline
keyboard from the rendered buttons, sends Telegram HTML, and maps `telegram.error` to the
results of `bot.delivery.sender`.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError

from bot.delivery.rules import ButtonLike, Rendered
from bot.delivery.sender import (
    BLOCKED,
    CHAT_NOT_FOUND,
    FloodWait,
    PermanentFailure,
    SendResult,
    Sent,
    TransientFailure,
)
from bot.settings import SEND_TIMEOUT
from bot.telegram.ratelimit import NO_RETRIES, retry_after_seconds


class TelegramSender:
    """Sends outbox messages with a PTB `Bot` whose rate limiter is `bot.telegram.ratelimit`'s.

    `timeout` (seconds) bounds each phase of a send (pool, connect, write, read) and the send
    as a whole; a send that times out comes back as a TransientFailure ("TimedOut: ...") and
    is retried like any network error (it may have arrived: Telegram has no idempotency key).
    """

    def __init__(self, bot: Bot, *, timeout: float = SEND_TIMEOUT) -> None:
        if not timeout > 0:
            raise ValueError(f"timeout must be above 0 seconds, not {timeout}")
        self.bot = bot
        self.timeout = timeout

    async def send(self, chat_id: int, rendered: Rendered) -> SendResult:
        """Send once; a 429 comes back as FloodWait at once (no retry inside the limiter, which
        would pause every other send), Telegram's errors as failures. Other exceptions raise."""
        try:
            async with asyncio.timeout(self.timeout):
                message = await self.bot.send_message(
                    chat_id,
                    rendered.text,
                    parse_mode=ParseMode.HTML,
                    reply_markup=keyboard(rendered.buttons),
                    read_timeout=self.timeout,
                    write_timeout=self.timeout,
                    connect_timeout=self.timeout,
                    pool_timeout=self.timeout,
                    rate_limit_args=NO_RETRIES,
                )
        except TimeoutError:
            return TransientFailure(f"TimedOut: no answer within {self.timeout:g} s")
        except RetryAfter as error:
            return FloodWait(retry_after_seconds(error))
        except Forbidden:
            return PermanentFailure(BLOCKED, unreachable=True)
        except BadRequest as error:
            if "chat not found" in error.message.lower():
                return PermanentFailure(CHAT_NOT_FOUND, unreachable=True)
            return PermanentFailure(f"bad_request: {error.message[:200]}")
        except TelegramError as error:  # NetworkError, TimedOut, and anything else: retry later
            return TransientFailure(f"{type(error).__name__}: {error.message[:200]}")
        return Sent(message.message_id)


def keyboard(buttons: Sequence[ButtonLike]) -> InlineKeyboardMarkup | None:
    """One button a row: a link when it has a `url`, else a callback with `callback_data`."""
    if not buttons:
        return None
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(b.text, url=b.url)
                if b.url
                else InlineKeyboardButton(b.text, callback_data=b.callback_data)
            ]
            for b in buttons
        ]
    )
