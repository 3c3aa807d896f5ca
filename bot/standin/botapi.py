"""A local stand-in for the Telegram Bot API, spoken over real HTTP.

Tests, the offline sandbox and the demo point the real python-telegram-bot `Application` at
it (`base_url=standin.base_url`). Users are simulated by injecting updates; everything the
bot does is recorded; faults and flood limits can be switched on. The HTTP control API for
other processes lives in `control.py`, a client for it in `client.py`.
"""

from __future__ import annotations

import asyncio
import copy
import logging
import math
import random
import re
import time
from collections.abc import Callable
from typing import Any

from aiohttp import web

from bot.standin.calls import Call, parse_chat_id
from bot.standin.chats import Chat
from bot.standin.faults import Fault, FaultBook
from bot.standin.floodlimit import FloodLimiter
from bot.standin.records import Recorder, Sent, Stats
from bot.standin.server import TOKEN_PATTERN, add_api_routes, not_found
from bot.standin.updates import UpdateQueue
from bot.standin.validation import MAX_CALLBACK_DATA, MAX_TEXT, ApiError, bad_request
from bot.standin.webhook import WebhookDelivery

log = logging.getLogger(__name__)

DEFAULT_BOT_ID = 7000000001
_COMMAND = re.compile(r"/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{1,64})?")


class BotAPIStandIn(Recorder):
    """The Bot API subset python-telegram-bot 22 uses, plus injection, recording and faults."""

    def __init__(
        self,
        *,
        bot_username: str = "AftercareDemoBot",
        bot_id: int | None = None,
        bot_first_name: str = "Aftercare Demo",
        token: str | None = None,
        flood_limits: bool = False,
        global_rate: float = 30,
        per_chat_rate: float = 1,
        per_chat_burst: float = 3,
        retry_after: int | None = None,
        clock: Callable[[], float] = time.monotonic,
        seed: int | None = None,
        strict_chats: bool = False,
    ):
        if token is not None and not TOKEN_PATTERN.fullmatch(token):
            raise ValueError("token must look like a bot token: <digits>:<letters, digits, _->")
        if retry_after is not None and retry_after < 1:
            raise ValueError("retry_after must be at least 1 second")
        if bot_id is None:
            bot_id = int(token.split(":")[0]) if token else DEFAULT_BOT_ID
        self.token = token
        self.bot_user: dict[str, Any] = {
            "id": bot_id,
            "is_bot": True,
            "first_name": bot_first_name,
            "username": bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }
        super().__init__(clock)
        self.retry_after = retry_after
        self.limiter = (
            FloodLimiter(
                global_rate=global_rate,
                per_chat_rate=per_chat_rate,
                per_chat_burst=per_chat_burst,
                clock=clock,
            )
            if flood_limits
            else None
        )
        self.random = random.Random(seed)
        self.faults = FaultBook(self.random)
        self.blocked_chats: set[int] = set()
        self.strict_chats = strict_chats
        self.stats = Stats()
        self.chats: dict[int, Chat] = {}
        self.callbacks: dict[str, int] = {}  # open callback query id -> chat id
        self.files: dict[str, bytes] = {}
        self.commands: dict[tuple[str, str], list[Any]] = {}
        self.updates = UpdateQueue()
        self.webhook = WebhookDelivery(self.updates)
        self.profile: dict[tuple[str, str], str] = {}  # (field, language code) -> text
        self._next_callback_id = 1
        self.closing = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self._url: str | None = None

    # -- server lifecycle ------------------------------------------------------------------

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> None:
        """Listen on host:port (0 picks a free port); `url` tells where."""
        from bot.standin import methods  # noqa: F401  (fills the method table)
        from bot.standin.control import add_control_routes

        app = web.Application(client_max_size=60 * 1024 * 1024)
        add_api_routes(app, self)
        add_control_routes(app, self)
        app.router.add_route("*", "/{tail:.*}", not_found)
        # No access log: request paths carry the bot token.
        self._runner = web.AppRunner(
            app, handler_cancellation=True, access_log=None, shutdown_timeout=1.0
        )
        await self._runner.setup()
        self.closing = asyncio.Event()
        self.updates.open()
        await web.TCPSite(self._runner, host, port).start()
        bound_host, bound_port = self._runner.addresses[0][:2]
        bound_host = f"[{bound_host}]" if ":" in bound_host else bound_host
        self._url = f"http://{bound_host}:{bound_port}"
        log.info("standin_started port=%s", bound_port)

    async def stop(self) -> None:
        """Release held requests and long polls, then close the server."""
        if self._runner is None:
            return
        await self.webhook.stop()
        self.closing.set()
        self.updates.close()
        await self._runner.cleanup()
        self._runner = None
        log.info("standin_stopped")

    async def __aenter__(self) -> BotAPIStandIn:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    @property
    def url(self) -> str:
        """Base address, e.g. http://127.0.0.1:8081."""
        if self._url is None:
            raise RuntimeError("the stand-in is not started")
        return self._url

    @property
    def base_url(self) -> str:
        """What python-telegram-bot takes as `base_url`."""
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        return f"{self.url}/file/bot"

    # -- simulated users -------------------------------------------------------------------

    def inject_message(
        self,
        chat_id: int,
        text: str,
        *,
        first_name: str | None = None,
        user_id: int | None = None,
        username: str | None = None,
    ) -> dict[str, Any]:
        """A user writes `text` in a private chat; returns the queued update."""
        if not isinstance(text, str) or not text.strip():
            raise ValueError("a user message needs some text")
        if len(text) > MAX_TEXT:
            raise ValueError(f"Telegram clients split messages longer than {MAX_TEXT}")
        chat = self._chat(int(chat_id))
        chat.first_name = first_name or chat.first_name
        chat.username = username or chat.username
        chat.user_id = user_id if user_id is not None else chat.user_id
        chat.started = True
        message: dict[str, Any] = {
            "message_id": chat.new_message_id(),
            "date": int(time.time()),
            "chat": chat.chat_dict(),
            "from": chat.user_dict(),
            "text": text,
        }
        command = _COMMAND.match(text)
        if command:
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": command.end()}]
        chat.messages[message["message_id"]] = message
        return self._push_update({"message": message})

    def inject_callback(
        self, chat_id: int, data: str, *, message_id: int | None = None
    ) -> dict[str, Any]:
        """The user presses an inline button with `data` on one of the bot's messages.

        Without `message_id`, the newest bot message that has such a button is used (else the
        newest bot message), as a user scrolling up to an older keyboard would.
        """
        if not 1 <= len(data.encode()) <= MAX_CALLBACK_DATA:
            raise ValueError("callback data must be 1-64 bytes")
        chat = self.chats.get(int(chat_id))
        message = None
        if chat is not None:
            message = (
                chat.bot_message(message_id)
                if message_id is not None
                else chat.message_with_button(data)
            )
        if chat is None or message is None:
            raise ValueError(f"chat {chat_id} has no bot message to press a button on")
        query_id = str(self._next_callback_id)
        self._next_callback_id += 1
        self.callbacks[query_id] = chat.id
        query = {
            "id": query_id,
            "from": chat.user_dict(),
            "message": copy.deepcopy(message),
            "chat_instance": str(abs(chat.id) * 7919),
            "data": data,
        }
        return self._push_update({"callback_query": query})

    @property
    def pending(self) -> int:
        """Updates not yet confirmed by a getUpdates offset."""
        return self.updates.pending

    # -- faults ----------------------------------------------------------------------------

    def add_fault(
        self,
        kind: str,
        *,
        method: str = "sendMessage",
        chat_id: int | None = None,
        times: int | None = None,
        probability: float | None = None,
        retry_after: int = 1,
        delivered: bool = False,
        hold: float = 60.0,
        status: int = 500,
        description: str | None = None,
    ) -> Fault:
        """Arm a fault for calls of `method` ("*": any) to `chat_id` (None: any chat).

        kind: server_error (HTTP `status` 500 or 502), timeout (hold the request `hold` s;
        `delivered` says whether the message reached the chat anyway), blocked, chat_not_found,
        flood (429 with `retry_after`), bad_request (`description`).
        It fires `times` times (default once); with a `probability` it fires on that share of
        matching calls, drawn from the seeded `random`, with no limit unless `times` is given.
        """
        return self.faults.add(
            kind,
            method=method,
            chat_id=chat_id,
            times=times,
            probability=probability,
            retry_after=retry_after,
            delivered=delivered,
            hold=hold,
            status=status,
            description=description,
        )

    def clear_faults(self) -> None:
        self.faults.clear()

    # -- used by the Bot API methods -------------------------------------------------------

    def chat_for_send(self, raw_chat_id: Any) -> Chat:
        chat_id = parse_chat_id(raw_chat_id)
        if chat_id is None:
            raise bad_request("chat_id is empty")
        if isinstance(chat_id, str):
            raise bad_request("chat not found")
        chat = self.chats.get(chat_id)
        if chat is None and self.strict_chats:
            raise ApiError(403, "Forbidden: bot can't initiate conversation with a user")
        return chat or self._chat(chat_id)

    def admit(self, chat_id: int) -> None:
        """Pass the flood limiter or raise Telegram's 429."""
        if self.limiter is None:
            return
        wait = self.limiter.admit(chat_id)
        if wait > 0:
            self.stats.rate_limited += 1
            seconds = self.retry_after or max(1, math.ceil(wait))
            raise ApiError(
                429, f"Too Many Requests: retry after {seconds}", {"retry_after": seconds}
            )

    def record(
        self,
        call: Call,
        chat_id: int | str | None,
        text: str | None,
        parse_mode: str | None,
        reply_markup: dict[str, Any] | None,
        message_id: int | None,
        extra: dict[str, Any] | None = None,
        *,
        error: ApiError | None = None,
    ) -> Sent:
        """Keep one call as a `Sent` (the methods call this once they succeed)."""
        payload = call.payload()
        if error is not None:
            payload["error_code"] = error.code
        payload.update(extra or {})
        record = self.add_record(
            method=call.method,
            chat_id=chat_id,
            text=text,
            parse_mode=parse_mode,
            reply_markup=reply_markup,
            message_id=message_id,
            payload=payload,
            ok=error is None,
            error=None if error is None else error.description,
        )
        if record.is_message:
            self.stats.messages_accepted += 1
        return record

    def store_file(self, data: bytes) -> str:
        file_id = f"AgADsandbox{len(self.files) + 1:06d}"
        self.files[file_id] = data
        return file_id

    # -- internals -------------------------------------------------------------------------

    def _push_update(self, body: dict[str, Any]) -> dict[str, Any]:
        self.stats.updates_injected += 1
        return self.updates.push(body)

    def _chat(self, chat_id: int) -> Chat:
        if chat_id not in self.chats:
            self.chats[chat_id] = Chat(chat_id)
        return self.chats[chat_id]


async def serve(
    host: str = "127.0.0.1",
    port: int = 8081,
    *,
    on_ready: Callable[[BotAPIStandIn], None] | None = None,
    **options: Any,
) -> None:
    """Run a stand-in until cancelled (Ctrl-C under asyncio.run); options go to the constructor."""
    standin = BotAPIStandIn(**options)
    await standin.start(host, port)
    try:
        if on_ready is not None:
            on_ready(standin)
        await asyncio.Event().wait()
    finally:
        await standin.stop()
