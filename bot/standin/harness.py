"""The real bot, in this process, against the local Bot API stand-in.

`running_bot` is what the sandbox, the demo and the end-to-end tests share: the same
`open_bot_services` and `build_application` as `aftercare run` (the instance lock, the
store on its own thread), with real HTTP long polling to the stand-in instead of Telegram (or,
asked for, the webhook mode of `aftercare run --webhook`, the stand-in posting updates to the
bot's own server).
"""

from __future__ import annotations

import secrets
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from telegram.ext import Application, BaseRateLimiter

from bot.app import build_application, open_bot_services
from bot.clock import Clock
from bot.services import Services
from bot.settings import DEFAULT_BACKLOG_SPACING_MINUTES, SEND_TIMEOUT, Settings
from bot.standin.botapi import BotAPIStandIn
from bot.store import Store
from bot.store.dialect import is_postgres
from bot.telegram.polling import EVERY, TURN, PollingTurn
from bot.telegram.ratelimit import build_rate_limiter
from bot.telegram.throttle import PERIOD
from bot.telegram.webhook import shared_secret, webhook_options, webhook_secret

SANDBOX_BOT_ID = 7000000001
# Seconds one message occupies a chat: Telegram's second. The test suite sets it lower
# (tests/conftest.py), so a conversation of many messages does not take a second a message.
PACE = PERIOD


def sandbox_token() -> str:
    return f"{SANDBOX_BOT_ID}:sandbox-{secrets.token_urlsafe(16)}"


@dataclass
class RunningBot:
    standin: BotAPIStandIn
    app: Application
    services: Services
    _store: Store | None = field(default=None, repr=False)
    webhook_secret: str = ""  # in webhook mode, what Telegram must send

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

    @property
    def health_url(self) -> str:
        """The health endpoint's address (running_bot(..., health_port=0) serves one)."""
        return self.app.bot_data["presence"].health.url


@asynccontextmanager
async def running_bot(
    db_path: str | Path,
    *,
    clock: Clock | None = None,
    clock_speed: float = 1.0,
    standin: BotAPIStandIn | None = None,
    poll_timeout: int = 1,
    send_timeout: float = SEND_TIMEOUT,
    backlog_spacing_minutes: int = DEFAULT_BACKLOG_SPACING_MINUTES,
    health_port: int | None = None,
    webhook_path: str | None = None,
    webhook_secret_setting: str = "",
    rate_limiter: BaseRateLimiter | None = None,
    one_update_at_a_time: bool = False,
    turn_every: float = EVERY,
) -> AsyncIterator[RunningBot]:
    """Start the stand-in (unless given) and the bot; stop both on exit, whatever happened.

    `send_timeout` is AFTERCARE_SEND_TIMEOUT: seconds a Bot API request may take;
    `backlog_spacing_minutes` AFTERCARE_BACKLOG_SPACING_MINUTES.
    `health_port` serves the health endpoint (0: any free port). `webhook_path` runs in
    webhook mode at http://127.0.0.1:<free port><path>, with AFTERCARE_WEBHOOK_SECRET set to
    `webhook_secret_setting` (empty: generated). `rate_limiter` replaces the bot's own, paced
    at `PACE`; `one_update_at_a_time` gives the Application python-telegram-bot's default
    update processing (benchmarks' baselines). On PostgreSQL it polls only in its turn
    (`bot.telegram.polling`), looking at the poller lock every `turn_every` seconds.
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
        backlog_spacing_minutes=backlog_spacing_minutes,
        health_port=health_port,
        webhook_secret=webhook_secret_setting,
    )
    if webhook_path is not None:
        port = _free_port()
        settings = settings.with_webhook(f"http://127.0.0.1:{port}{webhook_path}")
        settings = replace(settings, webhook_port=port)
    services = open_bot_services(settings, clock=clock)
    app = build_application(
        services,
        rate_limiter=rate_limiter or build_rate_limiter(period=PACE),
        one_update_at_a_time=one_update_at_a_time,
    )
    running = RunningBot(standin=standin, app=app, services=services)
    try:
        await app.initialize()
        if app.post_init:
            await app.post_init(app)
        await app.start()
        secret = ""
        if settings.webhook_url:
            secret = webhook_secret(settings, shared_secret(services))
            await app.updater.start_webhook(**webhook_options(settings, secret))
        elif is_postgres(db_path):  # as `aftercare run`: one instance polls at a time
            from bot.store.leadership import PollerLock

            turn = PollingTurn(
                app,
                PollerLock(str(db_path)),
                every=turn_every,
                poll_interval=0,
                timeout=poll_timeout,
            )
            app.bot_data[TURN] = turn
            await turn.start()
        else:
            await app.updater.start_polling(poll_interval=0, timeout=poll_timeout)
        try:
            running.webhook_secret = secret
            yield running
        finally:
            jobs = app.bot_data.get("outbox_jobs")
            if jobs is not None:  # as on SIGTERM: the outbox stops claiming first
                jobs.halt()
            if TURN in app.bot_data:
                await app.bot_data[TURN].stop()
            else:
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


def _free_port() -> int:
    """A port free on 127.0.0.1 now (the webhook URL must be known before the server binds)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
