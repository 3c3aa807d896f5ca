"""What simulated users send besides a new text: photos (with an optional caption), voice
notes, video notes, videos, audio files, documents and stickers, shaped as Telegram's Message
fields; and edits of their earlier messages (`edited_message` updates).

Each attachment's bytes are kept in the stand-in's files under a new `file_id`, so the bot can
send a photo on by that id (sendPhoto) or fetch it (getFile), as with Telegram.
"""

from __future__ import annotations

import copy
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Unpack

from bot.standin.chats import Chat, UserFields, check_user_fields, command_entities
from bot.standin.validation import MAX_CAPTION, MAX_TEXT

KINDS = ("photo", "voice", "video_note", "video", "audio", "document", "sticker")

# A 1x1 PNG: enough for a client that looks at the bytes.
TINY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000b49444154789c6360000200000500017a5eab3f0000000049454e44ae426082"
)


def attachment_fields(kind: str, store_file: Callable[[bytes], str]) -> dict[str, Any]:
    """The Message fields of one attachment of `kind` (one of `KINDS`); ValueError otherwise.

    `store_file` keeps bytes and returns their file_id. A photo comes in two sizes, smallest
    first, as Telegram sends them; the largest is the one worth forwarding.
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    thumb_id = store_file(TINY_PNG) if kind == "photo" else None
    file_id = store_file(TINY_PNG)
    base = {"file_id": file_id, "file_unique_id": f"unique-{file_id}", "file_size": len(TINY_PNG)}
    if thumb_id is not None:
        thumb = {**base, "file_id": thumb_id, "file_unique_id": f"unique-{thumb_id}"}
        return {
            "photo": [{**thumb, "width": 90, "height": 90}, {**base, "width": 1280, "height": 960}]
        }
    shapes: dict[str, dict[str, Any]] = {
        "voice": {"duration": 4, "mime_type": "audio/ogg"},
        "video_note": {"length": 240, "duration": 6},
        "video": {"width": 640, "height": 480, "duration": 6, "mime_type": "video/mp4"},
        "audio": {"duration": 30, "mime_type": "audio/mpeg", "file_name": "voice-memo.mp3"},
        "document": {"file_name": "notes.pdf", "mime_type": "application/pdf"},
        "sticker": {
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": "👍",
        },
    }
    return {kind: {**base, **shapes[kind]}}


class UserAttachments:
    """What `StandInState` lets users do besides writing and tapping: send attachments and
    edit what they wrote. Uses the state's chats, files and update queue."""

    chats: dict[int, Chat]

    if TYPE_CHECKING:

        def chat(self, chat_id: int) -> Chat: ...
        def store_file(self, data: bytes) -> str: ...
        def _push_update(self, body: dict[str, Any]) -> dict[str, Any]: ...

    def inject_media(
        self, chat_id: int, kind: str, *, caption: str | None = None, **user: Unpack[UserFields]
    ) -> dict[str, Any]:
        """A user sends a photo (with an optional `caption`), voice note, video note, video,
        audio file, document or sticker (`attachments.KINDS`); returns the queued update.
        ValueError for another kind, or a caption on a sticker or over 1,024 characters."""
        check_user_fields(user)
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
        if caption is not None and (kind == "sticker" or len(caption) > MAX_CAPTION):
            raise ValueError(f"a caption goes with other media and has at most {MAX_CAPTION}")
        fields = attachment_fields(kind, self.store_file)
        chat = self.chat(int(chat_id))
        message = chat.add_message(chat.user_wrote(**user), caption=caption or None, **fields)
        return self._push_update({"message": message})

    def inject_edit(self, chat_id: int, message_id: int, text: str) -> dict[str, Any]:
        """The user edits their text message `message_id` to read `text`; returns the queued
        `edited_message` update. ValueError for a message that is not the user's text, or an
        empty or over-long text."""
        if not isinstance(text, str) or not text.strip() or len(text) > MAX_TEXT:
            raise ValueError(f"an edited message needs 1-{MAX_TEXT} characters of text")
        chat = self.chats.get(int(chat_id))
        message = chat.messages.get(int(message_id)) if chat is not None else None
        if message is None or int(message_id) in chat.bot_message_ids or "text" not in message:
            raise ValueError(f"chat {chat_id} has no text message {message_id} of the user's")
        # A new dict: an update still queued for the original keeps its own text.
        edited = copy.deepcopy(message)
        edited.update(text=text, edit_date=int(time.time()))
        edited.pop("entities", None)
        if entities := command_entities(text):
            edited["entities"] = entities
        chat.messages[edited["message_id"]] = edited
        return self._push_update({"edited_message": copy.deepcopy(edited)})

    def last_user_text(self, chat_id: int) -> int | None:
        """The message id of the user's newest text message in the chat, if any."""
        chat = self.chats.get(int(chat_id))
        own = [
            message_id
            for message_id, message in (chat.messages.items() if chat else ())
            if message_id not in chat.bot_message_ids and "text" in message
        ]
        return max(own, default=None)

    @staticmethod
    def _replied(chat: Chat, message_id: int | None) -> dict[str, Any] | None:
        if message_id is None:
            return None
        replied = chat.messages.get(int(message_id))
        if replied is None:
            raise ValueError(f"chat {chat.id} has no message {message_id} to reply to")
        return {k: v for k, v in replied.items() if k != "reply_to_message"}
