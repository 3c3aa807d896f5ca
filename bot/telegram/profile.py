"""The bot's description and short description, set in Telegram at each start-up."""

from __future__ import annotations

import logging

from telegram import Bot
from telegram.error import TelegramError

from bot.wording.patients import profile

log = logging.getLogger(__name__)


async def publish_profile(bot: Bot) -> bool:
    """Set both descriptions from `bot.wording.patients.profile`; returns whether Telegram took
    them. A failure is logged and the bot runs on: its profile is not worth an outage."""
    try:
        await bot.set_my_description(profile.DESCRIPTION)
        await bot.set_my_short_description(profile.SHORT_DESCRIPTION)
    except TelegramError as error:
        log.warning("profile_not_set error=%s", type(error).__name__)
        return False
    return True
