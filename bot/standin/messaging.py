"""The Bot API methods that put something in a chat: send, edit, delete, answer a button, show
typing.

Each validates like Telegram, passes the flood limiter just before it changes anything,
records itself, and returns the `result` Telegram would.
"""

from __future__ import annotations

import re
import struct
import time
from typing import Any

from bot.standin.calls import Call
from bot.standin.chats import Chat
from bot.standin.faults import QUERY_TOO_OLD
from bot.standin.registry import MethodTable
from bot.standin.state import StandInState
from bot.standin.validation import bad_request, check_text, parse_reply_markup

METHODS = MethodTable()
_CHAT_ACTIONS = {
    "typing",
    "upload_photo",
    "record_video",
    "upload_video",
    "record_voice",
    "upload_voice",
    "upload_document",
    "choose_sticker",
    "find_location",
    "record_video_note",
    "upload_video_note",
}
_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)


def _inline(markup: dict[str, Any] | None) -> dict[str, Any] | None:
    # A sent Message carries reply_markup only for inline keyboards.
    return markup if markup and "inline_keyboard" in markup else None


def _png_size(data: bytes) -> tuple[int, int]:
    if data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) >= 24:
        width, height = struct.unpack(">II", data[16:24])
        return width, height
    return 1, 1


def _bot_message(api: StandInState, chat: Chat, **fields: Any) -> dict[str, Any]:
    message = chat.add_message(api.bot_user, **fields)
    chat.bot_message_ids.append(message["message_id"])
    return message


def _replied(chat: Chat, call: Call) -> dict[str, Any] | None:
    """The message a send replies to, checked before anything changes."""
    reply = call.json_param("reply_parameters") or {}
    if not isinstance(reply, dict) or reply.get("message_id") is None:
        return None
    try:
        replied = chat.messages.get(int(reply["message_id"]))
    except (TypeError, ValueError):
        raise bad_request("message to be replied not found") from None
    if replied is None:
        if reply.get("allow_sending_without_reply"):
            return None
        raise bad_request("message to be replied not found")
    return {k: v for k, v in replied.items() if k != "reply_to_message"}


def _own_message(chat: Chat, call: Call) -> dict[str, Any]:
    if call.params.get("inline_message_id"):
        raise bad_request("inline messages are not supported by the stand-in")
    message_id = call.int_param("message_id")
    message = chat.bot_message(message_id) if message_id is not None else None
    if message is None:
        raise bad_request("message to edit not found")
    return message


@METHODS.method("sendMessage")
async def send_message(api: StandInState, call: Call) -> Any:
    chat = api.chat_for_send(call.params.get("chat_id"))
    parse_mode = call.params.get("parse_mode")
    text, entities = check_text(call.params.get("text"), parse_mode)
    entities = entities or call.json_param("entities") or []
    markup = parse_reply_markup(call.params.get("reply_markup"))
    replied = _replied(chat, call)
    api.admit(chat.id)
    message = _bot_message(
        api,
        chat,
        reply_to_message=replied,
        text=text,
        entities=entities,
        reply_markup=_inline(markup),
    )
    api.record(call, chat.id, text, parse_mode, markup, message["message_id"])
    return message


@METHODS.method("sendPhoto")
async def send_photo(api: StandInState, call: Call) -> Any:
    chat = api.chat_for_send(call.params.get("chat_id"))
    photo = call.params.get("photo")
    upload = call.files.get("photo")
    if upload is None and isinstance(photo, str) and photo.startswith("attach://"):
        upload = call.files.get(photo.removeprefix("attach://"))
    if upload is not None:
        if not upload.data:
            raise bad_request("file must be non-empty")
        data, source, file_id = upload.data, "upload", api.store_file(upload.data)
    elif isinstance(photo, str) and photo in api.files:
        data, source, file_id = api.files[photo], "file_id", photo
    elif isinstance(photo, str) and re.match(r"https?://\S+$", photo):
        data, source, file_id = b"", "url", api.store_file(b"")
    elif photo in (None, ""):
        raise bad_request("there is no photo in the request")
    else:
        raise bad_request("wrong file identifier/HTTP URL specified")
    parse_mode = call.params.get("parse_mode")
    caption, entities = check_text(call.params.get("caption"), parse_mode, caption=True)
    markup = parse_reply_markup(call.params.get("reply_markup"))
    replied = _replied(chat, call)
    api.admit(chat.id)
    width, height = _png_size(data)
    size = {
        "file_id": file_id,
        "file_unique_id": f"unique-{file_id}",
        "width": width,
        "height": height,
        "file_size": len(data),
    }
    message = _bot_message(
        api,
        chat,
        reply_to_message=replied,
        photo=[size],
        caption=caption or None,
        caption_entities=entities or call.json_param("caption_entities") or [],
        reply_markup=_inline(markup),
    )
    extra = {
        "photo_bytes": len(data) if source != "url" else None,
        "photo_source": source,
        "photo_filename": upload.filename if upload else None,
        "file_id": file_id,
    }
    api.record(call, chat.id, caption, parse_mode, markup, message["message_id"], extra)
    return message


@METHODS.method("editMessageText")
async def edit_message_text(api: StandInState, call: Call) -> Any:
    chat = api.chat_for_send(call.params.get("chat_id"))
    message = _own_message(chat, call)
    if "text" not in message:
        raise bad_request("there is no text in the message to edit")
    parse_mode = call.params.get("parse_mode")
    text, entities = check_text(call.params.get("text"), parse_mode)
    entities = entities or call.json_param("entities") or []
    markup = _inline(parse_reply_markup(call.params.get("reply_markup")))
    if (text, entities, markup) == (
        message["text"],
        message.get("entities", []),
        message.get("reply_markup"),
    ):
        raise bad_request(_NOT_MODIFIED)
    edited = {"text": text, "entities": entities, "reply_markup": markup}
    return _edit(api, call, chat, message, edited, shown=(text, parse_mode))


@METHODS.method("editMessageReplyMarkup")
async def edit_message_reply_markup(api: StandInState, call: Call) -> Any:
    chat = api.chat_for_send(call.params.get("chat_id"))
    message = _own_message(chat, call)
    markup = _inline(parse_reply_markup(call.params.get("reply_markup")))
    if markup == message.get("reply_markup"):
        raise bad_request(_NOT_MODIFIED)
    return _edit(api, call, chat, message, {"reply_markup": markup}, shown=(None, None))


@METHODS.method("editMessageCaption")
async def edit_message_caption(api: StandInState, call: Call) -> Any:
    chat = api.chat_for_send(call.params.get("chat_id"))
    message = _own_message(chat, call)
    if "text" in message:
        raise bad_request("there is no caption in the message to edit")
    parse_mode = call.params.get("parse_mode")
    caption, entities = check_text(call.params.get("caption"), parse_mode, caption=True)
    entities = entities or call.json_param("caption_entities") or []
    markup = _inline(parse_reply_markup(call.params.get("reply_markup")))
    edited = {"caption": caption or None, "caption_entities": entities, "reply_markup": markup}
    return _edit(api, call, chat, message, edited, shown=(caption, parse_mode))


@METHODS.method("deleteMessage")
async def delete_message(api: StandInState, call: Call) -> Any:
    """In a private chat a bot may delete any message of the chat, its own or the user's."""
    chat = api.chat_for_send(call.params.get("chat_id"))
    message_id = call.int_param("message_id")
    if message_id is None or message_id not in chat.messages:
        raise bad_request("message to delete not found")
    del chat.messages[message_id]
    if message_id in chat.bot_message_ids:
        chat.bot_message_ids.remove(message_id)
    api.record(call, chat.id, None, None, None, message_id)
    return True


def _edit(
    api: StandInState,
    call: Call,
    chat: Chat,
    message: dict[str, Any],
    edited: dict[str, Any],
    *,
    shown: tuple[str | None, str | None],
) -> dict[str, Any]:
    """An edit that passed its checks: it counts against the chat's limits, replaces the
    message's `edited` fields (reply_markup among them) and is recorded with what it shows
    (`shown`: text or caption, and parse mode). Returns the message."""
    api.admit(chat.id)
    _replace(message, **edited)
    text, parse_mode = shown
    api.record(call, chat.id, text, parse_mode, edited["reply_markup"], message["message_id"])
    return message


def _replace(message: dict[str, Any], **fields: Any) -> None:
    # Telegram drops what an edit leaves out: no reply_markup means no keyboard.
    message["edit_date"] = int(time.time())
    for key, value in fields.items():
        if value in (None, []):
            message.pop(key, None)
        else:
            message[key] = value


@METHODS.method("answerCallbackQuery")
async def answer_callback_query(api: StandInState, call: Call) -> Any:
    chat_id = api.callbacks.pop(str(call.params.get("callback_query_id", "")), None)
    if chat_id is None:
        raise bad_request(QUERY_TOO_OLD)
    text = call.params.get("text")
    if text is not None and len(str(text)) > 200:
        raise bad_request("MESSAGE_TOO_LONG")
    api.record(call, chat_id, text, None, None, None)
    return True


@METHODS.method("sendChatAction")
async def send_chat_action(api: StandInState, call: Call) -> Any:
    chat = api.chat_for_send(call.params.get("chat_id"))
    if call.params.get("action") not in _CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    api.record(call, chat.id, None, None, None, None)
    return True
