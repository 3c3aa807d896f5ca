"""The real bot, in this process, against the local Bot API stand-in.

`running_bot` is what the sandbox, the demo and the end-to-end tests share: the same
`open_services` and `build_application` as `aftercare run`, with real HTTP long polling to
the stand-in instead of Telegram.
"""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from telegram.ext import Application

from bot.app import build_application, open_services
from bot.clock import Clock
from bot.services import Services
from bot.settings import Settings
from bot.standin.botapi import BotAPIStandIn

SANDBOX_BOT_ID = 7000000001


def sandbox_token() -> str:
    return f"{SANDBOX_BOT_ID}:sandbox-{secrets.token_urlsafe(16)}"


@dataclass
class RunningBot:
    standin: BotAPIStandIn
    app: Application
    services: Services

    @property
    def store(self):
        return self.services.store

    @property
    def clock(self) -> Clock:
        return self.services.clock


@asynccontextmanager
async def running_bot(
    db_path: str | Path,
    *,
    clock: Clock | None = None,
    clock_speed: float = 1.0,
    standin: BotAPIStandIn | None = None,
    poll_timeout: int = 1,
) -> AsyncIterator[RunningBot]:
    """Start the stand-in (unless given) and the bot; stop both on exit, whatever happened."""
    own_standin = standin is None
    if standin is None:
        standin = BotAPIStandIn()
        await standin.start()
    settings = Settings(
        token=sandbox_token(),
        api_base_url=standin.url,
        db_path=str(db_path),
        clock_speed=clock_speed,
    )
    services = open_services(settings, clock=clock)
    app = build_application(services)
    try:
        await app.initialize()
        if app.post_init:
            await app.post_init(app)
        await app.start()
        await app.updater.start_polling(poll_interval=0, timeout=poll_timeout)
        try:
            yield RunningBot(standin=standin, app=app, services=services)
        finally:
            await app.updater.stop()
            await app.stop()
    finally:
        await app.shutdown()
        services.store.close()
        if own_standin:
            await standin.stop()
