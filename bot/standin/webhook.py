"""Webhooks in the stand-in: the delivery of updates to a webhook (its Bot API methods,
setWebhook, deleteWebhook and getWebhookInfo, are in `webhook_methods`).

While a webhook is set, updates are POSTed to its URL one at a time, in order, as JSON with
the `X-Telegram-Bot-Api-Secret-Token` header; an answer other than 2xx keeps the update, is
remembered as Telegram's `last_error_message`, and the update is tried again. getUpdates is
refused meanwhile, as Telegram does.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from typing import Any

import aiohttp

from bot.standin.updates import UpdateQueue
from bot.standin.validation import ApiError

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
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
