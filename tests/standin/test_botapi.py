"""The Bot API stand-in as python-telegram-bot sees it: real Bot/Application, real HTTP."""

from __future__ import annotations

import asyncio
import datetime as dtm
import io
import random
import struct

import pytest
import segno
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import (
    BadRequest,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TimedOut,
)
from telegram.ext import ApplicationBuilder, CallbackQueryHandler, CommandHandler, ContextTypes

from bot.standin.botapi import BotAPIStandIn
from bot.standin.records import StandInTimeout
from bot.standin.validation import parse_html

TOKEN = "7000000001:sandbox-token-for-tests"
CHAT = 4242


@pytest.fixture
async def bot(standin: BotAPIStandIn):
    async with Bot(TOKEN, base_url=standin.base_url, base_file_url=standin.base_file_url) as b:
        yield b


def keyboard(*data: str, url: str | None = None) -> InlineKeyboardMarkup:
    row = [InlineKeyboardButton(d.title(), callback_data=d) for d in data]
    if url:
        row.append(InlineKeyboardButton("Clinic", url=url))
    return InlineKeyboardMarkup([row])


def png(text: str = "aftercare") -> bytes:
    buffer = io.BytesIO()
    segno.make(text).save(buffer, kind="png", scale=5)
    return buffer.getvalue()


async def test_get_me_describes_the_configured_bot():
    standin = BotAPIStandIn(bot_username="ClinicBot", bot_id=99)
    async with standin, Bot(TOKEN, base_url=standin.base_url) as bot:
        me = await bot.get_me()
    assert (me.id, me.username, me.is_bot) == (99, "ClinicBot", True)


async def test_send_message_round_trip_parses_back_with_its_keyboard(standin, bot):
    markup = keyboard("yes", "no", url="https://clinic.example/book")

    first = await bot.send_message(CHAT, "<b>Day 1</b> &amp; rest", "HTML", reply_markup=markup)
    second = await bot.send_message(CHAT, "again")
    other = await bot.send_message(CHAT + 1, "elsewhere")

    assert first.text == "Day 1 & rest"
    assert [(e.type, e.offset, e.length) for e in first.entities] == [("bold", 0, 5)]
    assert first.reply_markup == markup
    assert first.from_user.username == "AftercareDemoBot"
    assert (first.message_id, second.message_id, other.message_id) == (1, 2, 1)
    [sent, _] = standin.messages(CHAT)
    assert (sent.method, sent.text, sent.parse_mode) == ("sendMessage", "Day 1 & rest", "HTML")
    assert sent.payload["text"] == "<b>Day 1</b> &amp; rest"
    assert sent.button_data() == ["yes", "no"]
    assert sent.reply_markup["inline_keyboard"][0][2]["url"] == "https://clinic.example/book"
    assert standin.stats.messages_accepted == 3


async def test_send_photo_uploads_multipart_and_can_be_resent_and_downloaded(standin, bot):
    image = png()
    width, height = struct.unpack(">II", image[16:24])

    message = await bot.send_photo(CHAT, image, caption="Scan me", reply_markup=keyboard("ok"))
    again = await bot.send_photo(CHAT, message.photo[-1].file_id)
    downloaded = await (await bot.get_file(message.photo[-1].file_id)).download_as_bytearray()

    assert (message.photo[-1].width, message.photo[-1].height) == (width, height)
    assert message.caption == "Scan me"
    assert message.reply_markup == keyboard("ok")
    first, second = standin.messages(CHAT)
    assert first.payload["photo_bytes"] == len(image)
    assert (first.payload["photo_source"], second.payload["photo_source"]) == ("upload", "file_id")
    assert first.text == "Scan me"
    assert again.photo[-1].file_id == message.photo[-1].file_id
    assert bytes(downloaded) == image


async def test_get_updates_times_out_empty_then_wakes_on_an_injected_message(standin, bot):
    loop = asyncio.get_running_loop()
    started = loop.time()
    assert await bot.get_updates(timeout=1) == ()
    assert loop.time() - started >= 0.9

    polls_before = standin.stats.get_updates
    poll = asyncio.create_task(bot.get_updates(timeout=20))
    while standin.stats.get_updates == polls_before:  # the long poll has reached the server
        await asyncio.sleep(0.01)
    woken_at = loop.time()
    standin.inject_message(CHAT, "/start@AftercareDemoBot abc123", first_name="Kim")
    [update] = await asyncio.wait_for(poll, 5)

    assert loop.time() - woken_at < 2
    assert update.message.text == "/start@AftercareDemoBot abc123"
    assert update.message.from_user.first_name == "Kim"
    [entity] = update.message.entities
    assert (entity.type, entity.offset, entity.length) == ("bot_command", 0, 23)


async def test_get_updates_offset_confirms_and_drops_earlier_updates(standin, bot):
    for text in ("one", "two", "three"):
        standin.inject_message(CHAT, text)

    unconfirmed = await bot.get_updates(limit=2)
    redelivered = await bot.get_updates()
    rest = await bot.get_updates(offset=redelivered[1].update_id + 1)
    after_all = await bot.get_updates(offset=rest[-1].update_id + 1)

    assert [u.message.text for u in unconfirmed] == ["one", "two"]
    assert [u.message.text for u in redelivered] == ["one", "two", "three"]
    assert [u.message.text for u in rest] == ["three"]
    assert after_all == ()
    assert standin.pending == 0


async def test_delete_webhook_can_drop_pending_updates(standin, bot):
    standin.inject_message(CHAT, "old")
    assert (await bot.get_webhook_info()).pending_update_count == 1
    await bot.delete_webhook(drop_pending_updates=True)
    assert await bot.get_updates() == ()


@pytest.mark.parametrize(
    ("kind", "options", "error", "message"),
    [
        ("blocked", {}, Forbidden, "Forbidden: bot was blocked by the user"),
        ("chat_not_found", {}, BadRequest, "Chat not found"),
        ("bad_request", {"description": "odd"}, BadRequest, "Odd"),
        ("server_error", {}, NetworkError, "Internal Server Error"),
        ("server_error", {"status": 502}, NetworkError, "Bad Gateway"),
    ],
)
async def test_faults_raise_the_exception_ptb_raises_in_production(
    standin, bot, kind, options, error, message
):
    standin.add_fault(kind, **options)
    with pytest.raises(error) as raised:
        await bot.send_message(CHAT, "hello")
    assert type(raised.value) is error
    assert raised.value.message == message
    assert standin.messages() == []
    [failed] = standin.calls("sendMessage")
    assert (failed.ok, failed.chat_id, failed.text) == (False, CHAT, "hello")
    # times=1 by default: the next call goes through.
    await bot.send_message(CHAT, "hello")
    assert standin.stats.faults_injected == 1


async def test_flood_fault_reports_retry_after(standin, bot, monkeypatch):
    monkeypatch.setenv("PTB_TIMEDELTA", "1")
    standin.add_fault("flood", retry_after=7, chat_id=CHAT)
    await bot.send_message(CHAT + 1, "other chat is not affected")
    with pytest.raises(RetryAfter) as raised:
        await bot.send_message(CHAT, "hello")
    assert raised.value.retry_after == dtm.timedelta(seconds=7)
    assert standin.stats.too_many_requests == 1


async def test_blocked_chats_and_strict_chats_answer_forbidden(bot, standin):
    standin.blocked_chats.add(CHAT)
    with pytest.raises(Forbidden, match="blocked by the user"):
        await bot.send_chat_action(CHAT, "typing")
    strict = BotAPIStandIn(strict_chats=True)
    async with strict, Bot(TOKEN, base_url=strict.base_url) as strict_bot:
        with pytest.raises(Forbidden, match="can't initiate conversation"):
            await strict_bot.send_message(CHAT, "unsolicited")
        strict.inject_message(CHAT, "hi")
        await strict_bot.send_message(CHAT, "welcome")


async def test_a_wrong_token_is_unauthorized():
    async with BotAPIStandIn(token="1:right-token") as api:
        with pytest.raises(InvalidToken, match="rejected by the server") as raised:
            async with Bot("1:wrong-token", base_url=api.base_url):
                pass
        async with Bot("1:right-token", base_url=api.base_url) as bot:
            assert (await bot.get_me()).id == 1
    assert raised.value.__cause__.message == "Unauthorized"


async def test_timeout_fault_makes_the_client_time_out_delivered_or_not(standin, bot):
    standin.add_fault("timeout", delivered=True)
    with pytest.raises(TimedOut):
        await bot.send_message(CHAT, "maybe arrived", read_timeout=0.3)
    standin.add_fault("timeout", delivered=False)
    with pytest.raises(TimedOut):
        await bot.send_message(CHAT, "lost", read_timeout=0.3)

    assert [m.text for m in standin.messages(CHAT)] == ["maybe arrived"]
    assert [(r.text, r.ok) for r in standin.calls("sendMessage")] == [
        ("maybe arrived", True),
        ("lost", False),
    ]


async def test_probabilistic_faults_follow_the_seeded_random(bot):
    async with BotAPIStandIn(seed=11) as api, Bot(TOKEN, base_url=api.base_url) as seeded_bot:
        api.add_fault("server_error", probability=0.4)
        failures = 0
        for n in range(20):
            try:
                await seeded_bot.send_message(CHAT, f"message {n}")
            except NetworkError:
                failures += 1
    expected_rng = random.Random(11)
    assert failures == sum(expected_rng.random() < 0.4 for _ in range(20))
    assert 0 < failures < 20
    assert len(api.messages(CHAT)) == 20 - failures


@pytest.mark.parametrize(
    ("text", "parse_mode", "markup", "message"),
    [
        ("  ", None, None, "Message text is empty"),
        ("x" * 4097, None, None, "Message is too long"),
        ("<b>bold", "HTML", None, 'can\'t find end tag corresponding to start tag "b"'),
        ("<b>x</i>", "HTML", None, "unmatched end tag"),
        ("<blink>x</blink>", "HTML", None, 'unsupported start tag "blink"'),
        ("a < b", "HTML", None, "can't parse entities"),
        ("ok", None, keyboard("x" * 65), "Button_data_invalid"),
        ("ok", None, keyboard("é" * 33), "Button_data_invalid"),
    ],
)
async def test_invalid_messages_are_rejected_like_telegram(
    standin, bot, text, parse_mode, markup, message
):
    with pytest.raises(BadRequest) as raised:
        await bot.send_message(CHAT, text, parse_mode, reply_markup=markup)
    assert message.lower() in raised.value.message.lower()
    assert standin.messages() == []


async def test_limits_are_inclusive_and_escaped_html_is_fine(standin, bot):
    await bot.send_message(CHAT, "x" * 4096)
    await bot.send_message(CHAT, "ok", reply_markup=keyboard("d" * 64))
    shown = await bot.send_message(
        CHAT, "5 &lt; 6 &amp; <a href='https://x.example'>link</a>", "HTML"
    )
    assert shown.text == "5 < 6 & link"
    assert shown.entities[0].url == "https://x.example"


async def test_edits_and_button_presses(standin, bot):
    sent = await bot.send_message(CHAT, "Did it sting?", reply_markup=keyboard("yes", "no"))
    after = standin.next_index
    standin.inject_message(CHAT, "/help")
    update = Update.de_json(standin.inject_callback(CHAT, "no"), bot)
    assert update.callback_query.message.message_id == sent.message_id
    assert update.callback_query.data == "no"

    assert await bot.answer_callback_query(update.callback_query.id, text="Noted")
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await bot.answer_callback_query(update.callback_query.id)
    edited = await bot.edit_message_text("Thanks", CHAT, sent.message_id)
    with pytest.raises(BadRequest, match="not modified"):
        await bot.edit_message_text("Thanks", CHAT, sent.message_id)
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("Thanks", CHAT, 999)
    relabelled = await bot.edit_message_reply_markup(
        CHAT, sent.message_id, reply_markup=keyboard("more")
    )

    assert edited.text == "Thanks" and edited.reply_markup is None  # edits drop the keyboard
    assert relabelled.reply_markup == keyboard("more")
    records = standin.select(methods=None, after=after, ok_only=False)
    assert [(r.method, r.ok) for r in records] == [
        ("answerCallbackQuery", True),
        ("answerCallbackQuery", False),
        ("editMessageText", True),
        ("editMessageText", False),
        ("editMessageText", False),
        ("editMessageReplyMarkup", True),
    ]
    assert standin.calls("answerCallbackQuery")[0].text == "Noted"


async def test_commands_round_trip(bot):
    await bot.set_my_commands([("start", "Begin"), ("stop", "Stop reminders")])
    assert [(c.command, c.description) for c in await bot.get_my_commands()] == [
        ("start", "Begin"),
        ("stop", "Stop reminders"),
    ]
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await bot.set_my_commands([("Bad Command", "x")])


async def test_wait_for_messages_reports_what_arrived_on_timeout(standin, bot):
    await bot.send_message(CHAT, "only one")
    with pytest.raises(StandInTimeout) as raised:
        await standin.wait_for_messages(CHAT, 2, timeout=0.2)
    assert "only one" in str(raised.value)
    assert [r.text for r in raised.value.received if r.is_message] == ["only one"]


async def test_real_application_answers_start_and_a_button_press(standin):
    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.message.reply_text("Welcome", reply_markup=keyboard("consent"))

    async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.callback_query.answer()
        await update.callback_query.edit_message_text(f"You chose {update.callback_query.data}")

    app = (
        ApplicationBuilder()
        .token(TOKEN)
        .base_url(standin.base_url)
        .base_file_url(standin.base_file_url)
        .build()
    )
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CallbackQueryHandler(pressed))
    await app.initialize()
    await app.start()
    await app.updater.start_polling(poll_interval=0, timeout=1)
    try:
        standin.inject_message(CHAT, "/start")
        [welcome] = await standin.wait_for_messages(CHAT, 1)
        standin.inject_callback(CHAT, "consent")
        edit = await standin.wait_for(lambda r: r.method == "editMessageText")
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()

    assert (welcome.text, welcome.button_data()) == ("Welcome", ["consent"])
    assert (edit.text, edit.message_id) == ("You chose consent", welcome.message_id)
    assert standin.calls("answerCallbackQuery")[0].ok
    assert standin.pending == 0  # the updater confirmed everything on the way out


@pytest.mark.parametrize(
    ("html", "plain", "entities"),
    [
        ("<b>a<i>b</i></b>c", "abc", [("bold", 0, 2), ("italic", 1, 1)]),
        ("😀<u>x</u>", "😀x", [("underline", 2, 1)]),  # offsets count UTF-16 units
        ("<pre><code class='language-python'>x</code></pre>", "x", [("pre", 0, 1)]),
        ("<tg-spoiler>s</tg-spoiler><span>t</span>", "st", [("spoiler", 0, 1)]),
        ("Tom &amp; Jerry &copy; &#60;", "Tom & Jerry &copy; <", []),
        ("<B>up</B><b></b>", "up", [("bold", 0, 2)]),
    ],
)
def test_html_becomes_telegrams_plain_text_and_entities(html, plain, entities):
    text, found = parse_html(html)
    assert text == plain
    assert [(e["type"], e["offset"], e["length"]) for e in found] == entities
    if "language-python" in html:
        assert found[0]["language"] == "python"


async def test_replies_quote_an_existing_message_only(bot):
    original = await bot.send_message(CHAT, "Day 1")
    reply = await bot.send_message(CHAT, "About day 1", reply_to_message_id=original.message_id)
    assert reply.reply_to_message.text == "Day 1"
    with pytest.raises(BadRequest, match="Message to be replied not found"):
        await bot.send_message(CHAT, "About nothing", reply_to_message_id=999)
