"""One look at Telegram with the configured token, for `aftercare doctor`: getMe and
getWebhookInfo, with the failure sorted into what an operator can act on."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import Bot
from telegram.error import InvalidToken, NetworkError, TelegramError

from bot.settings import Settings


@dataclass(frozen=True)
class Reached:
    """Telegram answered: the bot's @username and its webhook (empty URL: none set)."""

    username: str
    webhook_url: str
    webhook_error: str | None


@dataclass(frozen=True)
class NotReached:
    """`refused`: the token was rejected; otherwise the API could not be reached."""

    refused: bool
    error: str


async def probe(settings: Settings, *, timeout: float = 10.0) -> Reached | NotReached:
    """Ask the Bot API at `settings.api_base_url` who the bot is; never raises TelegramError."""
    api = settings.api_base_url
    bot = Bot(settings.token, base_url=f"{api}/bot", base_file_url=f"{api}/file/bot")
    try:
        async with bot:  # initialize() calls getMe
            info = await bot.get_webhook_info(read_timeout=timeout, connect_timeout=timeout)
            return Reached(bot.username, info.url or "", info.last_error_message)
    except InvalidToken:
        return NotReached(True, "Telegram refused the token")
    except NetworkError as error:
        return NotReached(False, f"no answer from {api} ({error.message})")
    except TelegramError as error:
        return NotReached(False, f"{api} answered with an error ({error.message})")
