"""People in end-to-end tests: they write and tap through the Bot API stand-in and wait for
the bot's answers as they arrive over HTTP (no sleeping)."""

from __future__ import annotations

import time

from bot.standin.botapi import BotAPIStandIn
from bot.standin.records import Sent


class Person:
    def __init__(self, standin: BotAPIStandIn, chat_id: int, first_name: str) -> None:
        self.standin = standin
        self.chat_id = chat_id
        self.first_name = first_name
        self.last_sent: int | None = None  # the message id of what this person wrote last

    async def send(self, text: str, *, expect: int = 1) -> list[Sent]:
        """Write `text`; return the bot's next `expect` messages to this chat."""
        after = self.standin.next_index
        update = self.standin.inject_message(self.chat_id, text, first_name=self.first_name)
        self.last_sent = update["message"]["message_id"]
        return await self.standin.wait_for_messages(self.chat_id, expect, after=after)

    async def edit(self, message_id: int, text: str, *, expect: int = 1) -> list[Sent]:
        """Edit one of this person's messages; return the bot's next `expect` messages here."""
        after = self.standin.next_index
        self.standin.inject_edit(self.chat_id, message_id, text)
        return await self.standin.wait_for_messages(self.chat_id, expect, after=after)

    async def send_media(
        self, kind: str, caption: str | None = None, *, expect: int = 1
    ) -> tuple[dict, list[Sent]]:
        """Send a photo, voice note, sticker... (`attachments.KINDS`); returns the message as
        Telegram delivered it to the bot, and the bot's next `expect` messages here."""
        after = self.standin.next_index
        update = self.standin.inject_media(
            self.chat_id, kind, caption=caption, first_name=self.first_name
        )
        replies = await self.standin.wait_for_messages(self.chat_id, expect, after=after)
        return update["message"], replies

    async def tap(self, data: str, *, expect: int = 1, method: str | None = None) -> list[Sent]:
        """Press the inline button `data`; wait for `expect` messages (or `method` calls)."""
        after = self.standin.next_index
        self.standin.inject_callback(self.chat_id, data)
        if method is None:
            return await self.standin.wait_for_messages(self.chat_id, expect, after=after)
        return await self.standin.wait_for_records(
            chat_id=self.chat_id, count=expect, after=after, methods=(method,)
        )

    async def reply_to(self, message_id: int, text: str, *, expect: int = 1) -> list[Sent]:
        """Answer one of the bot's messages with Telegram's reply feature."""
        chat = self.standin.chats[self.chat_id]
        replied = {k: v for k, v in chat.messages[message_id].items() if k != "reply_to_message"}
        message = {
            "message_id": chat.new_message_id(),
            "date": int(time.time()),
            "chat": chat.chat_dict(),
            "from": chat.user_dict(),
            "text": text,
            "reply_to_message": replied,
        }
        chat.messages[message["message_id"]] = message
        self.last_sent = message["message_id"]
        after = self.standin.next_index
        self.standin.updates.push({"message": message})
        return await self.standin.wait_for_messages(self.chat_id, expect, after=after)

    def messages(self) -> list[Sent]:
        return self.standin.messages(self.chat_id)
