"""What handlers and jobs share: settings, the store and the clock, built once by `bot.app`."""

from __future__ import annotations

from dataclasses import dataclass

from bot.clock import Clock
from bot.faq import Faq
from bot.settings import Settings
from bot.store import Store


@dataclass
class Services:
    settings: Settings
    store: Store
    clock: Clock
    faq: Faq | None = None
    bot_username: str = ""
