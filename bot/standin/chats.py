"""The chats the stand-in knows: who is on the other side and which messages exist there."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Any, TypedDict

_COMMAND = re.compile(r"/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{1,64})?")


def command_entities(text: str) -> list[dict[str, Any]]:
    """The bot_command entity Telegram marks at the start of `text`, if it starts with one."""
    command = _COMMAND.match(text)
    return [{"type": "bot_command", "offset": 0, "length": command.end()}] if command else []


class UserFields(TypedDict, total=False):
    """Who a simulated user says they are when they write; None keeps what the chat knew."""

    first_name: str | None
    user_id: int | None
    username: str | None


def check_user_fields(user: dict[str, Any]) -> None:
    """TypeError naming any key of `user` that is not a `UserFields` key."""
    unknown = set(user) - set(UserFields.__annotations__)
    if unknown:
        raise TypeError(f"unknown user fields: {sorted(unknown)}")


@dataclass
class Chat:
    """A private chat (positive id) or a group (negative id) as Telegram would describe it.

    Message ids are shared by both sides and grow by one per message, as in a real chat.
    """

    id: int
    first_name: str = "Pat"
    username: str | None = None
    user_id: int | None = None
    messages: dict[int, dict[str, Any]] = field(default_factory=dict)
    bot_message_ids: list[int] = field(default_factory=list)
    next_message_id: int = 1
    type: str = ""  # "" lets the id decide: private (positive), supergroup or group; "channel"

    def new_message_id(self) -> int:
        message_id = self.next_message_id
        self.next_message_id += 1
        return message_id

    def user_wrote(
        self,
        *,
        first_name: str | None = None,
        user_id: int | None = None,
        username: str | None = None,
    ) -> dict[str, Any]:
        """The user wrote: remember who they say they are; returns their User dict."""
        self.first_name = first_name or self.first_name
        self.username = username or self.username
        self.user_id = user_id if user_id is not None else self.user_id
        return self.user_dict()

    def add_message(self, sender: dict[str, Any] | None, **fields: Any) -> dict[str, Any]:
        """Keep a new message from `sender` (a User dict; None for a channel post) and return
        it; fields that are None or [] are left out, as Telegram leaves them out."""
        message: dict[str, Any] = {
            "message_id": self.new_message_id(),
            "date": int(time.time()),
            "chat": self.chat_dict(),
        }
        if sender is not None:
            message["from"] = sender
        message.update({k: v for k, v in fields.items() if v not in (None, [])})
        self.messages[message["message_id"]] = message
        return message

    def chat_dict(self) -> dict[str, Any]:
        if self.type == "channel":
            return {"id": self.id, "type": "channel", "title": "Sandbox channel"}
        if self.id < -(10**12):
            return {"id": self.id, "type": "supergroup", "title": "Sandbox supergroup"}
        if self.id < 0:
            return {"id": self.id, "type": "group", "title": "Sandbox group"}
        chat: dict[str, Any] = {"id": self.id, "type": "private", "first_name": self.first_name}
        if self.username:
            chat["username"] = self.username
        return chat

    def user_dict(self) -> dict[str, Any]:
        user: dict[str, Any] = {
            "id": self.user_id if self.user_id is not None else abs(self.id),
            "is_bot": False,
            "first_name": self.first_name,
            "language_code": "en",
        }
        if self.username:
            user["username"] = self.username
        return user

    def bot_message(self, message_id: int) -> dict[str, Any] | None:
        return self.messages.get(message_id) if message_id in self.bot_message_ids else None

    def message_with_button(self, data: str) -> dict[str, Any] | None:
        """The newest bot message carrying a button with this callback_data, else the newest."""
        for message_id in reversed(self.bot_message_ids):
            rows = self.messages[message_id].get("reply_markup", {}).get("inline_keyboard", [])
            if any(button.get("callback_data") == data for row in rows for button in row):
                return self.messages[message_id]
        return self.messages[self.bot_message_ids[-1]] if self.bot_message_ids else None
