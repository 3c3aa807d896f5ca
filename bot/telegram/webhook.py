"""Webhook mode: python-telegram-bot's own webhook server (tornado, the `webhooks` extra).

It listens on AFTERCARE_WEBHOOK_LISTEN:AFTERCARE_WEBHOOK_PORT behind a reverse proxy that
ends TLS, calls setWebhook with the secret at start-up, and refuses (403) any request whose
`X-Telegram-Bot-Api-Secret-Token` header is missing or wrong before reading its update.
Several instances on one PostgreSQL database all serve the updates their load balancer
sends them, with one secret: AFTERCARE_WEBHOOK_SECRET, or the first instance's generated one,
kept in the database (`shared_secret`).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from telegram import Update

from bot.services import Services
from bot.settings import Settings
from bot.store.dialect import is_postgres

SECRET_KEY = "webhook_secret"  # meta key of the generated secret several instances share


def webhook_secret(settings: Settings, shared: Callable[[str], str] | None = None) -> str:
    """AFTERCARE_WEBHOOK_SECRET, or a new random one (256 bits) for this run: the bot hands
    it to Telegram with setWebhook at every start, so nothing else needs to know it. With
    `shared` (`shared_secret`), a generated one is the first instance's."""
    if settings.webhook_secret:
        return settings.webhook_secret
    secret = secrets.token_urlsafe(32)
    return shared(secret) if shared is not None else secret


def shared_secret(services: Services) -> Callable[[str], str] | None:
    """For instances sharing a PostgreSQL database: keep a generated secret in it, the first
    kept for all (blocks on the store's thread: call it at start-up). None on SQLite."""
    db = services.db
    if db is None or not is_postgres(services.settings.db_path):
        return None
    return lambda secret: db.call(db.store.meta.first_of, SECRET_KEY, secret)


def webhook_options(settings: Settings, secret: str) -> dict[str, Any]:
    """Keyword arguments for `Application.run_webhook` and `Updater.start_webhook`."""
    return {
        "listen": settings.webhook_listen,
        "port": settings.webhook_port,
        # The proxy forwards the public URL's path unchanged.
        "url_path": urlsplit(settings.webhook_url).path or "/",
        "webhook_url": settings.webhook_url,
        "secret_token": secret,
        "allowed_updates": Update.ALL_TYPES,
    }
