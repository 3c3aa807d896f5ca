"""What a running bot does because other instances share its PostgreSQL database (nothing on
SQLite, where it is the one bot): it listens for their wake-ups (`bot.store.notices`), so a
row written by another instance, or by a command-line tool, is acted on at once rather than
at the outbox's or the escalations' safety tick; in webhook mode it handles a chat's updates
one at a time with the others (`chat_locks`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from telegram.ext import Application

from bot.services import Services
from bot.settings import Settings
from bot.store.dialect import is_postgres
from bot.telegram.chat_order import ChatLocks

log = logging.getLogger(__name__)

LISTENER = "listener"  # bot_data key


def chat_locks(settings: Settings) -> ChatLocks | None:
    """Webhook mode on PostgreSQL: a chat's updates, whichever instance gets them, are
    handled one at a time (`bot.store.chat_locks`); None otherwise."""
    if not (settings.webhook_url and is_postgres(settings.db_path)):
        return None
    from bot.store.chat_locks import ChatLocks as DatabaseChatLocks

    return DatabaseChatLocks(str(settings.db_path))


async def start_shared(app: Application, services: Services) -> None:
    """Start listening for the other instances' wake-ups (PostgreSQL only)."""
    if not is_postgres(services.settings.db_path):
        return
    from bot.store.notices import ESCALATIONS, OUTBOX, Listener

    handlers: dict[str, Callable[[], None]] = {}
    if (outbox := app.bot_data.get("outbox")) is not None:
        handlers[OUTBOX] = outbox.changed
    if (escalations := app.bot_data.get("escalation_jobs")) is not None:
        handlers[ESCALATIONS] = escalations.arm
    listener = Listener(str(services.settings.db_path), handlers)
    await listener.start()
    app.bot_data[LISTENER] = listener
    log.info("listening channels=%s", ",".join(handlers))


async def stop_shared(app: Application) -> None:
    """Stop listening (before the outbox stops)."""
    listener = app.bot_data.pop(LISTENER, None)
    if listener is not None:
        await listener.stop()
