"""Which handler takes an update, group by group: the routing table read as behaviour.

python-telegram-bot tries the groups in ascending order and, within a group, runs only the
first handler whose `check_update` matches. These cases pin that choice for every command,
button and kind of text, so reordering the table cannot silently change who answers.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest
import pytest_asyncio
from telegram import Update
from telegram.ext import Application

from bot.app import build_application, open_services
from bot.clock import ManualClock
from bot.settings import Settings
from bot.standin.botapi import BotAPIStandIn
from bot.standin.harness import sandbox_token
from bot.telegram.routing import (
    DEFAULT_GROUP,
    DRAFT_GROUP,
    PRIVATE_ONLY_GROUP,
    RELAY_GROUP,
    RETURN_GROUP,
)

CHAT = 4242
PRIVATE_ONLY, RETURN, DRAFT, RELAY, DEFAULT = -4, -3, -2, -1, 0


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def app(tmp_path_factory) -> AsyncIterator[Application]:
    """The bot's real Application, built once: the cases only read its handlers."""
    async with BotAPIStandIn() as standin:
        db_path = tmp_path_factory.mktemp("routing") / "bot.db"
        settings = Settings(token=sandbox_token(), api_base_url=standin.url, db_path=str(db_path))
        services = open_services(settings, clock=ManualClock(datetime(2026, 3, 2, tzinfo=UTC)))
        application = build_application(services)
        # getMe: a command is matched against the bot's own username.
        await application.bot.initialize()
        try:
            yield application
        finally:
            await application.bot.shutdown()
            services.store.close()


def _message(
    text: str | None,
    *,
    kind: str = "message",
    chat: str = "private",
    edited: bool = False,
    **media: Any,
) -> dict[str, Any]:
    """An update of `kind` (message, edited_message, channel_post) in a `chat` of that type:
    `text`, else `media` fields, else a photo."""
    kind = "edited_message" if edited else kind
    chat_dict = {"id": CHAT if chat == "private" else -CHAT, "type": chat, "title": "Team"}
    message: dict[str, Any] = {"message_id": 1, "date": 0, "chat": chat_dict, "from": _user()}
    if media:
        message.update(media)
    elif text is None:
        message["photo"] = PHOTO
    else:
        message["text"] = text
        if text.startswith("/"):
            length = len(text.split()[0])
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
    if kind != "message":
        message["edit_date"] = 1
    return {"update_id": 1, kind: message}


PHOTO = [{"file_id": "p", "file_unique_id": "p", "width": 1, "height": 1}]
FILE = {"file_id": "f", "file_unique_id": "f"}
STICKER = {**FILE, "type": "regular", "width": 1, "height": 1, "is_animated": False}


def _member(status: str, chat: str = "private") -> dict[str, Any]:
    """Telegram's my_chat_member: the bot's own membership of a chat changed to `status`."""
    bot = {"id": 7000000001, "is_bot": True, "first_name": "Aftercare"}
    change = {
        "chat": {"id": CHAT if chat == "private" else -CHAT, "type": chat, "title": "Team"},
        "from": _user(),
        "date": 0,
        "old_chat_member": {"user": bot, "status": "member"},
        "new_chat_member": {"user": bot, "status": status, "until_date": 0},
    }
    return {"update_id": 1, "my_chat_member": change}


def _button(data: str, chat: str = "private") -> dict[str, Any]:
    query: dict[str, Any] = {"id": "1", "from": _user(), "chat_instance": "1", "data": data}
    if chat != "private":
        group = {"id": -CHAT, "type": chat, "title": "Team"}
        query["message"] = {"message_id": 1, "date": 0, "chat": group, "text": "old"}
    return {"update_id": 1, "callback_query": query}


def _user() -> dict[str, Any]:
    return {"id": CHAT, "is_bot": False, "first_name": "Ann"}


# Callbacks that always raise ApplicationHandlerStop: no later group sees the update.
ALWAYS_STOPS = {"outside_private_chats"}


def _chosen(app: Application, update: Update) -> dict[int, str]:
    """Group -> name of the callback python-telegram-bot would run for `update`."""
    chosen = {}
    for group in sorted(app.handlers):
        for handler in app.handlers[group]:
            if handler.check_update(update) not in (None, False):
                chosen[group] = handler.callback.__name__
                break
        if chosen.get(group) in ALWAYS_STOPS:
            break
    return chosen


FREE_TEXT = {DRAFT: "capture", RELAY: "relay_reply"}
GATE = {PRIVATE_ONLY: "outside_private_chats"}

CASES = [
    pytest.param(_message("/start abc"), {DEFAULT: "start_with_payload"}, id="start_with_link"),
    pytest.param(_message("/start"), {DEFAULT: "start"}, id="plain_start"),
    pytest.param(_message("/help"), {DEFAULT: "help_command"}, id="help"),
    pytest.param(_message("/next"), {DEFAULT: "next_messages"}, id="next"),
    pytest.param(_message("/booked"), {DEFAULT: "booked"}, id="booked_command"),
    pytest.param(_message("/stop"), {DEFAULT: "stop"}, id="stop_command"),
    pytest.param(_message("/resume"), {DEFAULT: "resume"}, id="resume"),
    pytest.param(_message("/queue 3"), {DEFAULT: "queue"}, id="queue"),
    pytest.param(_message("/forget"), {DEFAULT: "forget_command"}, id="forget"),
    pytest.param(_message("/enroll Amira"), {DEFAULT: "enroll_command"}, id="enroll"),
    pytest.param(_message("/patients"), {DEFAULT: "patients_command"}, id="patients"),
    pytest.param(_message("/cancel 3"), {DEFAULT: "cancel_command"}, id="cancel"),
    pytest.param(_message("/stats"), {DEFAULT: "stats_command"}, id="stats"),
    pytest.param(_message("/stats 30d"), {DEFAULT: "stats_command"}, id="stats_period"),
    pytest.param(_message("/inbox"), {DEFAULT: "inbox_command"}, id="inbox"),
    pytest.param(_message("/close 12 phoned"), {DEFAULT: "close_command"}, id="close"),
    pytest.param(_message("/content"), {DEFAULT: "content_command"}, id="content"),
    pytest.param(_message("/edit day1"), {DEFAULT: "edit_command"}, id="edit"),
    pytest.param(_message("/revert day1"), {DEFAULT: "revert_command"}, id="revert"),
    pytest.param(_message("/faq add"), {DEFAULT: "faq_command"}, id="faq"),
    pytest.param(_message("/nonsense"), {DEFAULT: "unknown_command"}, id="unknown_command"),
    # A whole-message stop word is a stop, never a question for the FAQ; a staff chat's
    # draft and reply relay still see it first.
    pytest.param(_message(" Unsubscribe "), {**FREE_TEXT, DEFAULT: "stop"}, id="stop_word"),
    pytest.param(_message("STOP 🛑"), {**FREE_TEXT, DEFAULT: "stop"}, id="stop_with_emoji"),
    pytest.param(
        _message("stop sending these please"), {**FREE_TEXT, DEFAULT: "stop"}, id="stop_sentence"
    ),
    # CANCEL, END, QUIT alone may mean an appointment: one question first.
    pytest.param(_message("Cancel."), {**FREE_TEXT, DEFAULT: "unclear"}, id="cancel_alone"),
    # A typed "yes" with no consent question open is small talk for the FAQ.
    pytest.param(_message("yes"), {**FREE_TEXT, DEFAULT: "question"}, id="yes_without_prompt"),
    # An edit is never a new message: STOP in it opts out, anything else (a command too) is
    # only checked for a red flag; the draft and the relay never see it.
    pytest.param(_message("stop", kind="edited_message"), {DEFAULT: "stop"}, id="edited_stop"),
    pytest.param(
        _message("it has pus now", kind="edited_message"), {DEFAULT: "edited"}, id="edited_text"
    ),
    pytest.param(
        _message("/enroll Amira", kind="edited_message"), {DEFAULT: "edited"}, id="edited_command"
    ),
    # Outside private chats: one handler, first, for every kind of update.
    pytest.param(_message("/start abc", chat="group"), GATE, id="group_command"),
    pytest.param(_message("hello", chat="supergroup"), GATE, id="supergroup_text"),
    pytest.param(_message("news", kind="channel_post", chat="channel"), GATE, id="channel_post"),
    pytest.param(_button("consent:yes:abc", chat="group"), GATE, id="group_button"),
    pytest.param(_member("member", chat="group"), GATE, id="added_to_group"),
    pytest.param(_member("kicked"), {DEFAULT: "membership"}, id="blocked"),
    pytest.param(_member("member"), {DEFAULT: "membership"}, id="unblocked"),
    pytest.param(
        _message("Can I stop the serum?"), {**FREE_TEXT, DEFAULT: "question"}, id="free_text"
    ),
    pytest.param(_message(None), {DEFAULT: "photo"}, id="photo"),
    pytest.param(
        _message(None, photo=PHOTO, caption="is this ok?"), {DEFAULT: "photo"}, id="photo_caption"
    ),
    # An edited caption is not a second photo for the clinic team: only a red flag it adds.
    pytest.param(
        _message(None, edited=True, photo=PHOTO, caption="pus now"),
        {DEFAULT: "edited"},
        id="caption_edited",
    ),
    pytest.param(_message(None, edited=True), {}, id="photo_edited"),
    pytest.param(
        _message(None, voice={**FILE, "duration": 3}), {DEFAULT: "attachment"}, id="voice"
    ),
    pytest.param(
        _message(None, video_note={**FILE, "length": 1, "duration": 3}),
        {DEFAULT: "attachment"},
        id="video_note",
    ),
    pytest.param(_message(None, document=FILE), {DEFAULT: "attachment"}, id="document"),
    pytest.param(
        _message(None, sticker={**STICKER, "is_video": False}),
        {DEFAULT: "attachment"},
        id="sticker",
    ),
    pytest.param(
        _message(None, location={"latitude": 51.5, "longitude": 0.1}),
        {DEFAULT: "not_text"},
        id="location",
    ),
    pytest.param(_button("booked:12"), {DEFAULT: "booked"}, id="booked_button"),
    pytest.param(_button("optout:undo"), {DEFAULT: "button"}, id="undo_button"),
    pytest.param(_button("optout:keep"), {DEFAULT: "button"}, id="keep_button"),
    # The confirmation STOP used to ask is gone, but a tap on an old one is still heard.
    pytest.param(_button("stop:yes"), {DEFAULT: "button"}, id="old_stop_button"),
    pytest.param(_button("consent:no:abc_DEF-1"), {DEFAULT: "consent_answer"}, id="consent"),
    pytest.param(_button("forget:yes"), {DEFAULT: "forget_answer"}, id="forget_button"),
    pytest.param(_button("draft:cancel"), {DEFAULT: "draft_button"}, id="draft_cancel"),
    pytest.param(_button("draft:save:0a1b2c3d"), {DEFAULT: "draft_button"}, id="draft_save"),
    # Reply on an alert closes an open draft first (newest intention wins), then starts it.
    pytest.param(
        _button("reply:42"),
        {DRAFT: "drop_on_inbox_reply", DEFAULT: "reply_button"},
        id="reply_button",
    ),
    pytest.param(_button("reply:cancel"), {DEFAULT: "reply_button"}, id="reply_cancel"),
    pytest.param(_button("take:42"), {DEFAULT: "alert_button"}, id="take_button"),
    pytest.param(_button("close:42"), {DEFAULT: "alert_button"}, id="close_button"),
    pytest.param(_button("learn:42"), {DEFAULT: "learn_button"}, id="learn_button"),
    pytest.param(_button("take:me"), {DEFAULT: "stale_button"}, id="take_not_a_number"),
    pytest.param(_button("draft:save:nothex!"), {DEFAULT: "stale_button"}, id="stale_button"),
]


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_each_update_reaches_its_handler(app, raw, expected):
    assert _chosen(app, Update.de_json(raw, app.bot)) == expected


def test_only_the_named_groups_exist(app):
    assert sorted(app.handlers) == [PRIVATE_ONLY, RETURN, DRAFT, RELAY, DEFAULT]
    named = (PRIVATE_ONLY_GROUP, RETURN_GROUP, DRAFT_GROUP, RELAY_GROUP, DEFAULT_GROUP)
    assert named == (PRIVATE_ONLY, RETURN, DRAFT, RELAY, DEFAULT)
    assert [h.__name__ for h in app.error_handlers] == ["on_error"]
