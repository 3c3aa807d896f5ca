"""What handlers and jobs share: settings, the store and the clock, built once by `bot.app`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from bot.clock import Clock
from bot.deliveries import Renderer
from bot.settings import Settings
from bot.store import Store


def _nothing() -> None:
    """Default outbox hook before the dispatcher runs (CLI, tests without a bot)."""


@dataclass
class Services:
    settings: Settings
    store: Store
    clock: Clock
    bot_username: str = ""
    # Renders an outbox row with today's content; the composition root sets the real one.
    renderer: Renderer | None = None
    # Call after planning or changing outbox rows so the dispatcher re-arms its wake-up.
    outbox_changed: Callable[[], None] = field(default=_nothing)
