"""The composition root: settings, store, clock and the python-telegram-bot `Application`.

Nothing else builds these. `aftercare run`, the sandbox, the demo and the end-to-end tests all
come through `open_services` and `build_application`, so they exercise the same wiring.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from datetime import UTC, datetime

from telegram import BotCommand, Update
from telegram.ext import Application, ApplicationBuilder

from bot.clock import Clock, anchored_clock
from bot.delivery.journey import make_renderer
from bot.delivery.outbox import Outbox
from bot.ops.presence import Presence
from bot.services import Services
from bot.settings import Settings
from bot.store import Store
from bot.store.instance import InstanceLock
from bot.store.worker import StoreThread
from bot.telegram.chat_order import PerChatUpdates
from bot.telegram.outbox_jobs import OutboxJobs
from bot.telegram.profile import publish_profile
from bot.telegram.ratelimit import build_rate_limiter
from bot.telegram.routing import add_handlers
from bot.telegram.sender import TelegramSender
from bot.telegram.webhook import webhook_options, webhook_secret
from bot.wording.patients import general

log = logging.getLogger(__name__)

STOP_SIGNALS = "stop_signals"  # bot_data key: this process handles SIGINT and SIGTERM


def open_services(settings: Settings, *, clock: Clock | None = None) -> Services:
    """For command-line tools: open the store on this thread and pick the clock (the given
    one, or the database-anchored one)."""
    store = Store.open(settings.db_path)
    services = Services(
        settings=settings,
        store=store,
        clock=clock or _anchored(settings, store),
        bot_username=settings.bot_username,
    )
    services.renderer = make_renderer(store, services.timeline)
    return services


def open_bot_services(settings: Settings, *, clock: Clock | None = None) -> Services:
    """For the running bot: take the database's instance lock (raises `InstanceRunning` when
    another bot runs on it), then open the store on its own thread (`bot.store.worker`)."""
    lock = InstanceLock.take(settings.db_path, datetime.now(UTC))
    try:
        db = StoreThread.open(settings.db_path)
        try:
            clock = clock or db.call(_anchored, settings, db.store)
        except BaseException:
            db.close()
            raise
    except BaseException:
        lock.release()
        raise
    services = Services(
        settings=settings,
        store=db.store,
        clock=clock,
        bot_username=settings.bot_username,
        db=db,
        lock=lock,
    )
    services.renderer = make_renderer(db.store, services.timeline)
    return services


def _anchored(settings: Settings, store: Store) -> Clock:
    clock, new_anchor = anchored_clock(settings.clock_speed, store.meta.clock_anchor())
    if new_anchor is not None:
        store.meta.set_clock_anchor(new_anchor)
    return clock


def build_application(services: Services) -> Application:
    settings = services.settings
    api = settings.api_base_url
    timeout = settings.send_timeout
    app = (
        ApplicationBuilder()
        .token(settings.require_token())
        .base_url(f"{api}/bot")
        .base_file_url(f"{api}/file/bot")
        .rate_limiter(build_rate_limiter())
        # A chat that has to wait (a 429, a locked database) holds up only itself.
        .concurrent_updates(PerChatUpdates())
        # Every request of handlers has a deadline too; long polling keeps its own.
        .connect_timeout(timeout)
        .read_timeout(timeout)
        .write_timeout(timeout)
        .pool_timeout(timeout)
        .post_init(_post_init)
        .post_stop(_post_stop)
        .build()
    )
    app.bot_data["services"] = services
    add_handlers(app)
    return app


async def _post_init(app: Application) -> None:
    services: Services = app.bot_data["services"]
    if not services.bot_username:
        services.bot_username = app.bot.username
    await app.bot.set_my_commands([BotCommand(name, text) for name, text in general.COMMANDS])
    await publish_profile(app.bot)
    if app.bot_data.get(STOP_SIGNALS):
        _handle_stop_signals(app)
    await _start_outbox(app, services)
    # The health endpoint, last: healthy means the outbox is running.
    presence = Presence(services.settings, services.clock, app.bot_data.get("outbox"))
    await presence.start()
    app.bot_data["presence"] = presence
    log.info("bot_ready username=%s", services.bot_username)


async def _start_outbox(app: Application, services: Services) -> None:
    """The outbox: requeues rows a crash left mid-send, then the JobQueue wakes it at each due
    time and sends through Telegram."""
    if services.renderer is None or services.db is None:
        log.warning("outbox_off reason=no_renderer")
        return
    sender = TelegramSender(app.bot, timeout=services.settings.send_timeout)
    owner = services.lock.owner if services.lock else None
    outbox = Outbox(services.db, services.clock, sender, services.renderer, owner=owner)
    jobs = OutboxJobs(outbox, app.job_queue)
    app.bot_data["outbox"], app.bot_data["outbox_jobs"] = outbox, jobs
    services.outbox_changed = outbox.changed
    await jobs.start()


def _handle_stop_signals(app: Application) -> None:
    """SIGINT and SIGTERM stop the outbox's claims at once, before anything else stops: PTB
    would otherwise let it claim and send until its running job ends."""

    def on_signal(signum: int) -> None:
        log.info("bot_stopping signal=%s", signal.Signals(signum).name)
        jobs: OutboxJobs | None = app.bot_data.get("outbox_jobs")
        if jobs is not None:
            jobs.halt()
        app.stop_running()

    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, on_signal, signum)


async def _post_stop(app: Application) -> None:
    jobs: OutboxJobs | None = app.bot_data.get("outbox_jobs")
    if jobs is not None:
        await jobs.stop()
    presence: Presence | None = app.bot_data.pop("presence", None)
    if presence is not None:
        await presence.stop()


def run(settings: Settings) -> None:
    """Long polling (which deletes any webhook set before), or webhook mode when
    `settings.webhook_url` is set, until SIGINT or SIGTERM; then a graceful shutdown.

    Content is loaded before updates are taken: with nothing good to fall back on, broken
    content stops the start-up (ContentError) instead of failing a patient's consent or
    question later.
    """
    services = open_bot_services(settings)
    try:
        services.timeline()
        services.faq()
        app = build_application(services)
        app.bot_data[STOP_SIGNALS] = True
        # The signals are ours (`_handle_stop_signals`), so the outbox hears them first.
        if settings.webhook_url:
            log.info("webhook_mode port=%s", settings.webhook_port)
            options = webhook_options(settings, webhook_secret(settings))
            app.run_webhook(**options, stop_signals=None, close_loop=False)
        else:
            app.run_polling(allowed_updates=Update.ALL_TYPES, stop_signals=None, close_loop=False)
    finally:
        services.close()
        log.info("bot_stopped")
