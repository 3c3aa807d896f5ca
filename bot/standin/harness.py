"""The real bot, in this process, against the local Bot API stand-in.

`running_bot` is what the sandbox, the demo and the end-to-end tests share: the same
`open_bot_services` and `build_application` as `aftercare run` (the database's lease, the
store on its own thread), with real HTTP long polling to the stand-in instead of Telegram.
"""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

from telegram.ext import Application

from bot.app import build_application, open_bot_services
from bot.clock import Clock
from bot.services import Services
from bot.settings import SEND_TIMEOUT, Settings
from bot.standin.botapi import BotAPIStandIn
from bot.store import Store

SANDBOX_BOT_ID = 7000000001


def sandbox_token() -> str:
    return f"{SANDBOX_BOT_ID}:sandbox-{secrets.token_urlsafe(16)}"


@dataclass
class RunningBot:
    standin: BotAPIStandIn
    app: Application
    services: Services
    _store: Store | None = field(default=None, repr=False)

    @property
    def store(self) -> Store:
        """The same database on a connection of the caller's thread, for scripts and tests
        that look or reach in from outside the bot (the bot's own store is on its thread)."""
        if self._store is None:
            self._store = Store.open(self.services.settings.db_path)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()

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
    send_timeout: float = SEND_TIMEOUT,
) -> AsyncIterator[RunningBot]:
    """Start the stand-in (unless given) and the bot; stop both on exit, whatever happened.

    `send_timeout` is AFTERCARE_SEND_TIMEOUT: seconds a Bot API request may take.
    """
    own_standin = standin is None
    if standin is None:
        standin = BotAPIStandIn()
        await standin.start()
    settings = Settings(
        token=sandbox_token(),
        api_base_url=standin.url,
        db_path=str(db_path),
        clock_speed=clock_speed,
        send_timeout=send_timeout,
    )
    services = open_bot_services(settings, clock=clock)
    app = build_application(services)
    running = RunningBot(standin=standin, app=app, services=services)
    try:
        await app.initialize()
        if app.post_init:
            await app.post_init(app)
        await app.start()
        await app.updater.start_polling(poll_interval=0, timeout=poll_timeout)
        try:
            yield running
        finally:
            jobs = app.bot_data.get("outbox_jobs")
            if jobs is not None:  # as on SIGTERM: the outbox stops claiming first
                jobs.halt()
            await app.updater.stop()
            await app.stop()
            if app.post_stop:
                await app.post_stop(app)
    finally:
        await app.shutdown()
        running.close()
        services.close()
        if own_standin:
            await standin.stop()
