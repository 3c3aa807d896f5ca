"""What simulated users send besides a new text, in-process and through the control API:
photos with captions and file_ids, voice notes, video notes, documents, stickers, edits of
their messages and Telegram replies, read back by python-telegram-bot as from Telegram."""

from __future__ import annotations

import pytest
from telegram.error import BadRequest

from bot.standin.client import ControlError

CHAT = 4242


async def test_a_photo_with_a_caption_arrives_in_sizes_and_can_be_sent_on_by_file_id(
    standin, client, bot
):
    await client.inject_media(CHAT, "photo", caption="day 2, is this ok?", first_name="Kim")
    [update] = await bot.get_updates()
    message = update.message
    assert message.caption == "day 2, is this ok?" and message.text is None
    assert message.from_user.first_name == "Kim"
    small, large = message.photo
    assert small.width < large.width and small.file_id != large.file_id

    await bot.send_photo(CHAT + 1, large.file_id, caption="from Kim")
    [sent] = standin.messages(CHAT + 1)
    assert (sent.payload["photo_source"], sent.payload["file_id"]) == ("file_id", large.file_id)
    assert sent.payload["photo_bytes"] > 0 and sent.text == "from Kim"
    fetched = await (await bot.get_file(large.file_id)).download_as_bytearray()
    assert bytes(fetched).startswith(b"\x89PNG")


@pytest.mark.parametrize(
    ("kind", "attribute"),
    [
        pytest.param("voice", "voice", id="voice_note"),
        pytest.param("video_note", "video_note", id="video_note"),
        pytest.param("video", "video", id="video"),
        pytest.param("audio", "audio", id="audio"),
        pytest.param("document", "document", id="document"),
        pytest.param("sticker", "sticker", id="sticker"),
    ],
)
async def test_each_kind_of_media_reads_as_telegrams_own(standin, bot, kind, attribute):
    standin.inject_media(CHAT, kind)
    [update] = await bot.get_updates()
    attached = getattr(update.message, attribute)
    assert attached is not None and attached.file_id in standin.files
    assert update.message.text is None and update.message.caption is None


async def test_a_user_edits_their_messages_and_the_original_update_keeps_its_text(
    standin, client, bot
):
    first = standin.inject_message(CHAT, "how long will i be red")["message"]["message_id"]
    standin.inject_message(CHAT, "thanks")
    assert standin.last_user_text(CHAT) == first + 1
    await client.inject_edit(CHAT, first + 1, "thanks a lot")
    standin.inject_edit(CHAT, first, "how long will the swelling last")
    updates = await bot.get_updates()
    edits = [u.edited_message for u in updates if u.edited_message]
    assert [(e.message_id, e.text) for e in edits] == [
        (first + 1, "thanks a lot"),
        (first, "how long will the swelling last"),
    ]
    assert all(e.edit_date is not None for e in edits)
    assert updates[0].message.text == "how long will i be red"  # as it was sent


async def test_a_user_replies_to_a_bot_message(standin, client, bot):
    sent = await bot.send_message(CHAT, "URGENT from Amira")
    await client.inject_message(CHAT, "Please come in today", reply_to_message_id=sent.message_id)
    [update] = await bot.get_updates()
    assert update.message.reply_to_message.text == "URGENT from Amira"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        pytest.param(lambda c: c.inject_media(CHAT, "hologram"), "kind must be", id="kind"),
        pytest.param(
            lambda c: c.inject_media(CHAT, "sticker", caption="hi"), "caption", id="sticker_caption"
        ),
        pytest.param(
            lambda c: c.inject_media(CHAT, "photo", caption="x" * 1025),
            "caption",
            id="long_caption",
        ),
        pytest.param(lambda c: c.inject_edit(CHAT, 1, "new"), "no text message 1", id="no_edit"),
        pytest.param(
            lambda c: c.inject_message(CHAT, "hi", reply_to_message_id=99),
            "no message 99",
            id="reply_to_nothing",
        ),
    ],
)
async def test_bad_media_edits_and_replies_are_refused_and_change_nothing(
    standin, client, call, message
):
    with pytest.raises(ControlError, match=message):
        await call(client)
    assert standin.pending == 0
    assert standin.files == {}


async def test_the_bot_erases_a_photos_caption_and_deletes_it_as_telegram_allows(standin, bot):
    sent = await bot.send_photo(CHAT, b"\x89PNG fake", caption="Photo check-in from Kim")
    await bot.edit_message_caption(chat_id=CHAT, message_id=sent.message_id, caption="erased")
    assert standin.chats[CHAT].messages[sent.message_id]["caption"] == "erased"
    text = await bot.send_message(CHAT, "a text")
    with pytest.raises(BadRequest, match=r"(?i)no caption"):
        await bot.edit_message_caption(chat_id=CHAT, message_id=text.message_id, caption="x")

    assert await bot.delete_message(CHAT, sent.message_id)
    assert sent.message_id not in standin.chats[CHAT].messages
    with pytest.raises(BadRequest, match=r"(?i)message to delete not found"):
        await bot.delete_message(CHAT, sent.message_id)
    assert [r.method for r in standin.calls("deleteMessage")] == ["deleteMessage"] * 2
