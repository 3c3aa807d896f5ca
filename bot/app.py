"""The composition root: settings, store, clock and the python-telegram-bot `Application`.

Nothing else builds these. `aftercare run`, the sandbox, the demo and the end-to-end tests all
come through `open_services` and `build_application`, so they exercise the same wiring.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from datetime import UTC, datetime, timedelta

from telegram import BotCommand, Update
from telegram.ext import Application, ApplicationBuilder, BaseRateLimiter

from bot import logs
from bot.clock import Clock, anchored_clock
from bot.delivery.journey import make_renderer
from bot.delivery.outbox import STOP_GRACE, Outbox
from bot.ops.presence import Presence
from bot.people.privacy import redact_alerts
from bot.services import Services
from bot.settings import Settings
from bot.store import Store
from bot.store.connection import database_errors
from bot.store.dialect import is_postgres
from bot.store.instance import InstanceLock, InstanceRunning
from bot.store.worker import StoreThread
from bot.telegram.chat_order import PerChatUpdates
from bot.telegram.escalation_jobs import EscalationJobs
from bot.telegram.handlers.common import alert_editor
from bot.telegram.handlers.groups import announce_revocations
from bot.telegram.instances import chat_locks, start_shared, stop_shared
from bot.telegram.menus import clear_left_menus
from bot.telegram.outbox_jobs import OutboxJobs
from bot.telegram.polling import run_polling_in_turn
from bot.telegram.profile import publish_profile
from bot.telegram.ratelimit import build_rate_limiter, shared_limit
from bot.telegram.retention_jobs import RetentionJobs
from bot.telegram.routing import add_handlers
from bot.telegram.sender import TelegramSender
from bot.telegram.startup import connect
from bot.telegram.webhook import shared_secret, webhook_options, webhook_secret
from bot.wording.patients import general

log = logging.getLogger(__name__)

STOP_SIGNALS = "stop_signals"  # bot_data key: this process handles SIGINT and SIGTERM
PEEK_BUSY_TIMEOUT = 0.1  # seconds a routing filter's read may wait (WAL: a read hardly ever does)


def open_services(
    settings: Settings, *, clock: Clock | None = None, create: bool = True
) -> Services:
    """For command-line tools: open the store on this thread and pick the clock (the given
    one, or the database-anchored one).

    With `create` False a missing database is an error (read-only commands never make one);
    raises StoreOpenError naming the file and why it cannot be used.
    """
    store = Store.open(settings.db_path, create=create)
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
    try:
        lock = InstanceLock.take(settings.db_path, datetime.now(UTC))
    except InstanceRunning:
        raise
    except (OSError, *database_errors()):
        # No folder, not writable, no server: the store says which, as StoreOpenError.
        Store.open(settings.db_path).close()
        raise
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
        peek=Store.open(settings.db_path, busy_timeout=PEEK_BUSY_TIMEOUT),
    )
    services.renderer = make_renderer(db.store, services.timeline)
    return services


def _anchored(settings: Settings, store: Store) -> Clock:
    clock, new_anchor = anchored_clock(settings.clock_speed, store.meta.clock_anchor())
    if new_anchor is not None:
        store.meta.set_clock_anchor(new_anchor)
    return clock


def build_application(
    services: Services,
    *,
    rate_limiter: BaseRateLimiter | None = None,
    one_update_at_a_time: bool = False,
) -> Application:
    """The bot's Application; `rate_limiter` replaces the bot's own (`build_rate_limiter`),
    for the harness's quicker pace and the benchmarks' baselines; `one_update_at_a_time` is
    python-telegram-bot's default processing (the first wave's), for a benchmark's baseline."""
    settings = services.settings
    api = settings.api_base_url
    logs.protect(settings.require_token())  # from here on no log line can carry the token
    timeout = settings.send_timeout
    app = (
        ApplicationBuilder()
        .token(settings.require_token())
        .base_url(f"{api}/bot")
        .base_file_url(f"{api}/file/bot")
        .rate_limiter(
            rate_limiter or build_rate_limiter(shared=shared_limit(str(settings.db_path)))
        )
        # A chat that has to wait (a 429, a locked database) holds up only itself.
        .concurrent_updates(
            False if one_update_at_a_time else PerChatUpdates(shared=chat_locks(settings))
        )
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
    # Groups that were staff or patients before the private-chats-only rule hear it once.
    await announce_revocations(app)
    await clear_left_menus(app.bot, services)  # members removed while the bot was stopped
    await publish_profile(app.bot)
    if app.bot_data.get(STOP_SIGNALS):
        _handle_stop_signals(app)
    await _start_outbox(app, services)
    escalations = EscalationJobs(services.db, services.clock, app.bot, app.job_queue)
    app.bot_data["escalation_jobs"] = escalations
    services.escalations_changed = escalations.arm
    escalations.start()
    retention = RetentionJobs(
        services.db, services.clock, app.job_queue, services.settings.retention_days
    )
    app.bot_data["retention_jobs"] = retention
    retention.start()
    await start_shared(app, services)  # the other instances' wake-ups (PostgreSQL)
    # Alerts of patients forgotten while Telegram could not be reached (or before a crash).
    await redact_alerts(services.db, alert_editor(app.bot))
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
    spacing = timedelta(minutes=services.settings.backlog_spacing_minutes)
    outbox = Outbox(
        services.db,
        services.clock,
        sender,
        services.renderer,
        owner=owner,
        spacing=spacing,
        lease_seconds=services.settings.lease_seconds,
        exclusive=services.lock.exclusive if services.lock else True,
    )
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
        services: Services = app.bot_data["services"]
        if services.db is not None:  # a locked or full database must not hold the exit up
            services.db.give_up_after(STOP_GRACE)
        app.stop_running()

    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, on_signal, signum)


async def _post_stop(app: Application) -> None:
    await stop_shared(app)
    retention: RetentionJobs | None = app.bot_data.get("retention_jobs")
    if retention is not None:
        retention.stop()
    escalations: EscalationJobs | None = app.bot_data.get("escalation_jobs")
    if escalations is not None:
        escalations.stop()
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
    question later. Then the Bot API is waited for (`startup.connect`): a rejected token
    raises TokenRejected, a server that is not a Bot API NotABotApi; an unreachable one is
    tried again until it answers or a stop signal arrives.
    """
    services = open_bot_services(settings)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)  # the loop run_polling or run_webhook then runs in
    try:
        services.timeline()
        services.faq()
        app = build_application(services)
        if not _wait_for_api(loop, app, settings.api_base_url):
            return
        # The stop signals are ours (`_handle_stop_signals`), so the outbox hears them first.
        app.bot_data[STOP_SIGNALS] = True
        if settings.webhook_url:
            log.info("webhook_mode port=%s", settings.webhook_port)
            secret = webhook_secret(settings, shared_secret(services))
            logs.protect(secret)  # it is in setWebhook's parameters, logged at DEBUG
            options = webhook_options(settings, secret)
            app.run_webhook(**options, stop_signals=None, close_loop=False)
        elif is_postgres(settings.db_path):  # instances share it: one polls at a time
            run_polling_in_turn(app, loop, str(settings.db_path))
        else:
            app.run_polling(allowed_updates=Update.ALL_TYPES, stop_signals=None, close_loop=False)
        log.info("bot_stopped")
    finally:
        services.close()
        loop.close()


def _wait_for_api(loop: asyncio.AbstractEventLoop, app: Application, api_url: str) -> bool:
    """Connect before polling; False when a stop signal came first."""
    task = loop.create_task(connect(app.bot, api_url))
    stops = (signal.SIGINT, signal.SIGTERM)
    for sig in stops:
        loop.add_signal_handler(sig, task.cancel)
    connected = False
    try:
        loop.run_until_complete(task)
        connected = True
    except asyncio.CancelledError:
        pass
    finally:
        for sig in stops:
            loop.remove_signal_handler(sig)
        if not connected:
            loop.run_until_complete(app.bot.shutdown())
    return connected
