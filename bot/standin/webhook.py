"""Webhooks in the stand-in: setWebhook, deleteWebhook, getWebhookInfo, and the delivery.

While a webhook is set, updates are POSTed to its URL one at a time, in order, as JSON with
the `X-Telegram-Bot-Api-Secret-Token` header; an answer other than 2xx keeps the update, is
remembered as Telegram's `last_error_message`, and the update is tried again. getUpdates is
refused meanwhile, as Telegram does. Importing this module fills `calls.METHODS`.

Unlike Telegram, plain http:// is accepted for a loopback address, so tests need no TLS.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import time
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import aiohttp

from bot.standin.calls import Call, bot_method
from bot.standin.updates import UpdateQueue
from bot.standin.validation import ApiError, bad_request

if TYPE_CHECKING:
    from bot.standin.botapi import BotAPIStandIn

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")
_LOOPBACK = ("127.0.0.1", "localhost", "::1")
_POLLING_REFUSED = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)


class WebhookDelivery:
    """The webhook of one stand-in; `url` is empty while none is set."""

    def __init__(self, updates: UpdateQueue, *, retry_delay: float = 0.2) -> None:
        self.updates = updates
        self.retry_delay = retry_delay
        self.url = ""
        self.secret: str | None = None
        self.allowed: list[str] | None = None
        self.last_error: tuple[int, str] | None = None  # (unix time, Telegram's wording)
        self.delivered = 0
        self.refused = 0
        self._task: asyncio.Task | None = None

    def refuse_polling(self) -> None:
        """getUpdates calls this first: 409 while a webhook is set."""
        if self.url:
            raise ApiError(409, _POLLING_REFUSED)

    async def set(self, url: str, secret: str | None, allowed: list[str] | None) -> None:
        await self.stop()
        self.url, self.secret, self.allowed, self.last_error = url, secret, allowed, None
        self._task = asyncio.create_task(self._deliver_all(), name="standin-webhook")

    async def delete(self) -> None:
        await self.stop()
        self.url, self.secret, self.allowed, self.last_error = "", None, None, None

    async def stop(self) -> None:
        """Stop delivering (the server is stopping, or the webhook changes)."""
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    def info(self) -> dict[str, Any]:
        """getWebhookInfo's answer."""
        info: dict[str, Any] = {
            "url": self.url,
            "has_custom_certificate": False,
            "pending_update_count": self.updates.pending,
        }
        if self.url:
            info["max_connections"] = 40
            if self.allowed:
                info["allowed_updates"] = self.allowed
        if self.last_error:
            info["last_error_date"], info["last_error_message"] = self.last_error
        return info

    async def _deliver_all(self) -> None:
        timeout = aiohttp.ClientTimeout(total=10)
        async with aiohttp.ClientSession(timeout=timeout) as session:
            while True:
                ready = await self.updates.poll(None, 1, 30.0, self.allowed)
                if ready:
                    await self._deliver(session, ready[0])
                    self.updates.confirm(ready[0]["update_id"] + 1)

    async def _deliver(self, session: aiohttp.ClientSession, update: dict[str, Any]) -> None:
        headers = {SECRET_HEADER: self.secret} if self.secret else {}
        while True:
            try:
                async with session.post(self.url, json=update, headers=headers) as answer:
                    if 200 <= answer.status < 300:
                        self.delivered += 1
                        return
                    error = f"Wrong response from the webhook: {answer.status} {answer.reason}"
            except (aiohttp.ClientError, TimeoutError) as failure:
                error = f"Connection failed: {type(failure).__name__}"
            self.refused += 1
            self.last_error = (int(time.time()), error)
            log.info("webhook_delivery_failed update=%s", update["update_id"])
            await asyncio.sleep(self.retry_delay)


def _check_url(url: str) -> None:
    parts = urlsplit(url)
    loopback_http = parts.scheme == "http" and parts.hostname in _LOOPBACK
    if not (parts.scheme == "https" or loopback_http) or not parts.hostname:
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")


@bot_method("setWebhook")
async def set_webhook(api: BotAPIStandIn, call: Call) -> Any:
    url = str(call.params.get("url") or "")
    secret = call.params.get("secret_token") or None
    if url:
        _check_url(url)
    if secret is not None and not _SECRET.fullmatch(str(secret)):
        raise bad_request("bad webhook: secret token contains unallowed characters")
    if call.flag("drop_pending_updates"):
        api.updates.drop_pending()
    if url:
        await api.webhook.set(url, secret, call.json_param("allowed_updates") or None)
    else:
        await api.webhook.delete()
    # The record never keeps the secret itself.
    params = {**call.params, "secret_token": "(hidden)"} if secret else call.params
    api.record(Call(call.method, params), None, None, None, None, None)
    return True


@bot_method("deleteWebhook")
async def delete_webhook(api: BotAPIStandIn, call: Call) -> Any:
    if call.flag("drop_pending_updates"):
        api.updates.drop_pending()
    await api.webhook.delete()
    api.record(call, None, None, None, None, None)
    return True


@bot_method("getWebhookInfo")
async def get_webhook_info(api: BotAPIStandIn, call: Call) -> Any:
    api.record(call, None, None, None, None, None)
    return api.webhook.info()
