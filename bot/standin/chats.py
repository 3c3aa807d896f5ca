"""The chats the stand-in knows: who is on the other side and which messages exist there."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Chat:
    """A private chat (positive id) or a group (negative id) as Telegram would describe it.

    Message ids are shared by both sides and grow by one per message, as in a real chat.
    """

    id: int
    first_name: str = "Pat"
    username: str | None = None
    user_id: int | None = None
    started: bool = False  # the user has written to the bot at least once
    messages: dict[int, dict[str, Any]] = field(default_factory=dict)
    bot_message_ids: list[int] = field(default_factory=list)
    next_message_id: int = 1

    def new_message_id(self) -> int:
        message_id = self.next_message_id
        self.next_message_id += 1
        return message_id

    def chat_dict(self) -> dict[str, Any]:
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
