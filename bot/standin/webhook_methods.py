"""The Bot API methods of webhooks in the stand-in: setWebhook, deleteWebhook, getWebhookInfo.

The delivery itself is `webhook.WebhookDelivery`. Unlike Telegram, plain http:// is accepted
for a loopback address, so tests need no TLS.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from bot.standin.calls import Call
from bot.standin.registry import MethodTable
from bot.standin.state import StandInState
from bot.standin.validation import bad_request

METHODS = MethodTable()

_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")
_LOOPBACK = ("127.0.0.1", "localhost", "::1")


def _check_url(url: str) -> None:
    parts = urlsplit(url)
    loopback_http = parts.scheme == "http" and parts.hostname in _LOOPBACK
    if not (parts.scheme == "https" or loopback_http) or not parts.hostname:
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")


@METHODS.method("setWebhook")
async def set_webhook(api: StandInState, call: Call) -> Any:
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
    api.record(Call(call.method, params))
    return True


@METHODS.method("deleteWebhook")
async def delete_webhook(api: StandInState, call: Call) -> Any:
    if call.flag("drop_pending_updates"):
        api.updates.drop_pending()
    await api.webhook.delete()
    api.record(call)
    return True


@METHODS.method("getWebhookInfo")
async def get_webhook_info(api: StandInState, call: Call) -> Any:
    api.record(call)
    return api.webhook.info()
