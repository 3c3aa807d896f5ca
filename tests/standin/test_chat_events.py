"""The stand-in's chat events over the control API: blocking and unblocking as a user does
(403s and Telegram's my_chat_member), channel posts, groups, and Telegram refusing to
acknowledge an old button press."""

from __future__ import annotations

import pytest
from telegram import ChatMember
from telegram.constants import ChatType
from telegram.error import BadRequest, Forbidden

from bot.standin.client import ControlError

CHAT, GROUP, SUPERGROUP, CHANNEL = 4242, -4242, -1004242424242, -1004242424243


async def test_blocking_fails_sends_and_tells_the_bot_unblocking_undoes_both(client, bot):
    await client.user_blocks(CHAT)
    with pytest.raises(Forbidden):
        await bot.send_message(CHAT, "hi")
    await client.user_unblocks(CHAT)
    await bot.send_message(CHAT, "hi again")
    blocked, unblocked = await bot.get_updates()
    assert blocked.my_chat_member.new_chat_member.status == ChatMember.BANNED
    assert unblocked.my_chat_member.old_chat_member.status == ChatMember.BANNED
    assert unblocked.my_chat_member.new_chat_member.status == ChatMember.MEMBER
    assert unblocked.effective_chat.type == ChatType.PRIVATE


async def test_groups_supergroups_and_channels_are_what_telegram_says(standin, client, bot):
    standin.inject_message(GROUP, "hello", user_id=77)
    standin.inject_message(SUPERGROUP, "hello", user_id=78)
    await client.inject_channel_post(CHANNEL, "news")
    group, supergroup, channel = await bot.get_updates()
    assert (group.effective_chat.type, group.effective_user.id) == (ChatType.GROUP, 77)
    assert supergroup.effective_chat.type == ChatType.SUPERGROUP
    assert channel.channel_post.text == "news" and channel.channel_post.from_user is None
    assert channel.effective_chat.type == ChatType.CHANNEL


async def test_a_press_too_old_is_refused_on_answer_callback_query(standin, client, bot):
    await bot.send_message(
        CHAT, "Agree?", reply_markup={"inline_keyboard": [[{"text": "Yes", "callback_data": "y"}]]}
    )
    fault = await client.add_fault("query_too_old")
    assert fault["method"] == "answerCallbackQuery"
    await client.inject_callback(CHAT, "y")
    [press] = await bot.get_updates()
    with pytest.raises(BadRequest, match="too old"):
        await press.callback_query.answer()


@pytest.mark.parametrize(
    ("call", "message"),
    [
        pytest.param(lambda c: c.user_blocks(GROUP), "private chat", id="block_a_group"),
        pytest.param(lambda c: c.inject_channel_post(CHAT, "x"), "negative id", id="channel_id"),
        pytest.param(lambda c: c.inject_channel_post(CHANNEL, " "), "needs some text", id="empty"),
    ],
)
async def test_bad_chat_events_are_refused_and_change_nothing(standin, client, call, message):
    with pytest.raises(ControlError, match=message):
        await call(client)
    assert standin.pending == 0 and standin.blocked_chats == set()
