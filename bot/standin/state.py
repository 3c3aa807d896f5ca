"""What the stand-in holds (chats, files, commands, updates, records, faults, flood limits) and
the operations on it: simulated users write and press buttons, Bot API methods send and record.

The Bot API methods (`messaging`, `methods`), the HTTP layers (`server`, `control`) and the
server itself (`botapi.BotAPIStandIn`) all work on this one object.
"""

from __future__ import annotations

import asyncio
import copy
import math
import random
import time
from collections.abc import Callable
from typing import Any, Unpack

from bot.standin.attachments import UserAttachments
from bot.standin.calls import TOKEN_PATTERN, Call, parse_chat_id
from bot.standin.chat_events import ChatEvents
from bot.standin.chats import Chat, UserFields, check_user_fields, command_entities
from bot.standin.faults import Fault, FaultBook
from bot.standin.floodlimit import FloodLimiter
from bot.standin.records import Recorder, Sent, Stats
from bot.standin.updates import UpdateQueue
from bot.standin.validation import MAX_CALLBACK_DATA, MAX_TEXT, ApiError, bad_request
from bot.standin.webhook import WebhookDelivery

DEFAULT_BOT_ID = 7000000001


class StandInState(ChatEvents, Recorder, UserAttachments):
    """The stand-in's state; `BotAPIStandIn` serves it over HTTP.

    Records every call (`Recorder`); `faults` and `limiter` (None: no flood limits) decide
    which calls fail; `updates` holds what simulated users did until the bot polls it.
    Edits, blocking and channel posts come from `ChatEvents`.
    """

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
        self.webhook = WebhookDelivery(self.updates)  # its Bot API methods: webhook_methods
        self.profile: dict[tuple[str, str], str] = {}  # (field, language code) -> text
        self._next_callback_id = 1
        self.closing = asyncio.Event()  # set while the server stops: held requests give up

    # -- simulated users -------------------------------------------------------------------

    def inject_message(
        self,
        chat_id: int,
        text: str,
        *,
        reply_to_message_id: int | None = None,
        **user: Unpack[UserFields],
    ) -> dict[str, Any]:
        """A user writes `text` in a private chat; returns the queued update.

        `user` (first_name, user_id, username) says who they are; what is left out stays as the
        chat knew it. `reply_to_message_id` answers one of the chat's messages with Telegram's
        reply feature. ValueError for an empty or over-long text, or a reply to a message the
        chat does not have; TypeError for another field.
        """
        check_user_fields(user)
        if not isinstance(text, str) or not text.strip():
            raise ValueError("a user message needs some text")
        if len(text) > MAX_TEXT:
            raise ValueError(f"Telegram clients split messages longer than {MAX_TEXT}")
        chat = self.chat(int(chat_id))
        replied = self._replied(chat, reply_to_message_id)
        message = chat.add_message(
            chat.user_wrote(**user),
            text=text,
            entities=command_entities(text),
            reply_to_message=replied,
        )
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

    def add_fault(self, kind: str, **options: Any) -> Fault:
        """Arm a fault of `kind`; the options and their defaults are `FaultBook.add`'s."""
        return self.faults.add(kind, **options)

    def clear_faults(self) -> None:
        self.faults.clear()

    # -- used by the Bot API methods -------------------------------------------------------

    def chat(self, chat_id: int) -> Chat:
        """The chat with this id, made on first use."""
        if chat_id not in self.chats:
            self.chats[chat_id] = Chat(chat_id)
        return self.chats[chat_id]

    def chat_for_send(self, raw_chat_id: Any) -> Chat:
        """The chat a send goes to, from the raw `chat_id` parameter; ApiError as Telegram's."""
        chat_id = parse_chat_id(raw_chat_id)
        if chat_id is None:
            raise bad_request("chat_id is empty")
        if isinstance(chat_id, str):
            raise bad_request("chat not found")
        chat = self.chats.get(chat_id)
        if chat is None and self.strict_chats:
            raise ApiError(403, "Forbidden: bot can't initiate conversation with a user")
        return chat or self.chat(chat_id)

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
        chat_id: int | str | None = None,
        text: str | None = None,
        parse_mode: str | None = None,
        reply_markup: dict[str, Any] | None = None,
        message_id: int | None = None,
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
        """Keep uploaded bytes; returns their new file_id."""
        file_id = f"AgADsandbox{len(self.files) + 1:06d}"
        self.files[file_id] = data
        return file_id

    def _push_update(self, body: dict[str, Any]) -> dict[str, Any]:
        self.stats.updates_injected += 1
        return self.updates.push(body)
