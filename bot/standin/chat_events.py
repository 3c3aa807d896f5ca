"""What simulated users do besides writing, tapping and sending media: block or unblock the
bot, write in a channel. (Groups need nothing new: a negative chat id is a group, one below
-10**12 a supergroup, as Telegram numbers them; edits are `attachments.inject_edit`.)

A mixin of `StandInState`: each method queues the update Telegram would send and returns it.
"""

from __future__ import annotations

import time
from typing import Any

# The bot's status in a private chat after the user blocks it, and after they unblock it.
MEMBERSHIP = ("kicked", "member")


class ChatEvents:
    """Blocking and channel posts; needs `chat`, `blocked_chats`, `bot_user` and
    `_push_update` from `StandInState`."""

    def set_membership(self, chat_id: int, status: str) -> dict[str, Any]:
        """The user blocks (`kicked`) or unblocks (`member`) the bot in their private chat:
        sends to a blocked chat fail with 403 as on Telegram, and the bot gets the
        `my_chat_member` update Telegram sends. ValueError for another status or a group."""
        if status not in MEMBERSHIP:
            raise ValueError(f"status must be one of {MEMBERSHIP}")
        if int(chat_id) <= 0:
            raise ValueError("only a user blocks a bot: use a private chat (a positive id)")
        chat = self.chat(int(chat_id))
        old = MEMBERSHIP[1 - MEMBERSHIP.index(status)]
        if status == "kicked":
            self.blocked_chats.add(chat.id)
        else:
            self.blocked_chats.discard(chat.id)
        change = {
            "chat": chat.chat_dict(),
            "from": chat.user_dict(),
            "date": int(time.time()),
            "old_chat_member": self._bot_member(old),
            "new_chat_member": self._bot_member(status),
        }
        return self._push_update({"my_chat_member": change})

    def _bot_member(self, status: str) -> dict[str, Any]:
        # Telegram's ChatMemberBanned carries until_date (0: for ever); a member has none.
        member = {"user": dict(self.bot_user), "status": status}
        return {**member, "until_date": 0} if status == "kicked" else member

    def user_blocks(self, chat_id: int) -> dict[str, Any]:
        return self.set_membership(chat_id, "kicked")

    def user_unblocks(self, chat_id: int) -> dict[str, Any]:
        return self.set_membership(chat_id, "member")

    def inject_channel_post(self, chat_id: int, text: str) -> dict[str, Any]:
        """A post in a channel the bot was added to (a `channel_post`; no sender)."""
        if int(chat_id) >= 0:
            raise ValueError("a channel has a negative id")
        if not isinstance(text, str) or not text.strip():
            raise ValueError("a channel post needs some text")
        chat = self.chat(int(chat_id))
        chat.type = "channel"
        message = chat.add_message(None, text=text)
        return self._push_update({"channel_post": message})
