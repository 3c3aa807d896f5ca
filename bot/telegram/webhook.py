"""Webhook mode: python-telegram-bot's own webhook server (tornado, the `webhooks` extra).

It listens on AFTERCARE_WEBHOOK_LISTEN:AFTERCARE_WEBHOOK_PORT behind a reverse proxy that
ends TLS, calls setWebhook with the secret at start-up, and refuses (403) any request whose
`X-Telegram-Bot-Api-Secret-Token` header is missing or wrong before reading its update.
"""

from __future__ import annotations

import secrets
from typing import Any
from urllib.parse import urlsplit

from telegram import Update

from bot.settings import Settings


def webhook_secret(settings: Settings) -> str:
    """AFTERCARE_WEBHOOK_SECRET, or a new random one (256 bits) for this run: the bot hands
    it to Telegram with setWebhook at every start, so nothing else needs to know it."""
    return settings.webhook_secret or secrets.token_urlsafe(32)


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
