"""TelegramSender against the Bot API stand-in over real HTTP: what it sends, and each of
Telegram's answers as the outbox's plain result. Last, the outbox through it under
Telegram's strict flood limits."""

from __future__ import annotations

import itertools

import pytest
from telegram.ext import ExtBot

from bot.clock import ManualClock
from bot.delivery.outbox import Outbox
from bot.delivery.sender import FloodWait, PermanentFailure, Sent, TransientFailure
from bot.standin.botapi import BotAPIStandIn
from bot.store import Store
from bot.store.worker import StoreThread
from bot.telegram.ratelimit import build_rate_limiter
from bot.telegram.sender import TelegramSender
from content.message import RenderedButton, RenderedMessage
from tests.conftest import add_clinic
from tests.delivery_fixtures import MONDAY_9AM, FakeRenderer, Step, enroll

TOKEN = "7000000001:sender-tests"
CHAT = 101


def message(text: str, *buttons: RenderedButton) -> RenderedMessage:
    return RenderedMessage(text, buttons, (), "v1", clinic_words=False)


@pytest.fixture
async def sender(standin: BotAPIStandIn):
    # The same limiter the Application uses; the client gives up on a held request at 0.5 s.
    bot = ExtBot(TOKEN, base_url=standin.base_url, rate_limiter=build_rate_limiter())
    async with bot:
        yield TelegramSender(bot, timeout=0.5)


async def test_sends_html_with_one_button_a_row(standin, sender):
    book = RenderedButton("Book", url="https://glow.example/book")
    booked = RenderedButton("I've booked", callback_data="booked:7")
    result = await sender.send(CHAT, message("<b>Day 1</b> &amp; after", book, booked))
    [sent] = standin.messages(CHAT)
    assert result == Sent(sent.message_id)
    assert (sent.text, sent.parse_mode) == ("Day 1 & after", "HTML")
    assert sent.reply_markup == {
        "inline_keyboard": [
            [{"text": "Book", "url": "https://glow.example/book"}],
            [{"text": "I've booked", "callback_data": "booked:7"}],
        ]
    }


async def test_a_message_without_buttons_has_no_keyboard(standin, sender):
    await sender.send(CHAT, message("Hello"))
    [sent] = standin.messages(CHAT)
    assert sent.reply_markup is None


@pytest.mark.parametrize(
    ("fault", "expected"),
    [
        pytest.param({"kind": "flood", "retry_after": 2}, FloodWait(2.0), id="flood_wait"),
        pytest.param(
            {"kind": "server_error", "status": 502},
            TransientFailure("NetworkError: Bad Gateway"),
            id="bad_gateway",
        ),
        pytest.param(
            {"kind": "server_error", "status": 500},
            TransientFailure("NetworkError: Internal Server Error"),
            id="server_error",
        ),
        pytest.param(
            {"kind": "blocked"}, PermanentFailure("blocked", unreachable=True), id="blocked"
        ),
        pytest.param(
            {"kind": "chat_not_found"},
            PermanentFailure("chat_not_found", unreachable=True),
            id="chat_not_found",
        ),
        pytest.param(
            {"kind": "bad_request", "description": "can't parse entities"},
            PermanentFailure("bad_request: Can't parse entities"),
            id="bad_request",
        ),
    ],
)
async def test_telegrams_answers_become_results_after_one_request(standin, sender, fault, expected):
    standin.add_fault(chat_id=CHAT, **fault)
    assert await sender.send(CHAT, message("Hello")) == expected
    # Once: not even a 429 is retried inside the rate limiter.
    assert len(standin.select(chat_id=CHAT, ok_only=False)) == 1
    assert standin.messages(CHAT) == []


async def test_a_timeout_is_a_transient_failure(standin, sender):
    standin.add_fault("timeout", chat_id=CHAT, hold=2.0)
    result = await sender.send(CHAT, message("Hello"))
    assert isinstance(result, TransientFailure)
    assert result.reason.startswith("TimedOut: ")


async def test_the_outbox_keeps_telegrams_strict_limits_without_a_429(tmp_path):
    store = Store.open(tmp_path / "outbox.db")
    clinic = add_clinic(store)
    enroll(store, clinic, 101, [Step(f"s{i}", MONDAY_9AM) for i in range(3)])
    enroll(store, clinic, 102, [Step("other", MONDAY_9AM)])
    db = StoreThread.open(tmp_path / "outbox.db")
    # Telegram's limits with no burst allowance: a second message within a second is a 429.
    try:
        async with (
            BotAPIStandIn(flood_limits=True, per_chat_burst=1) as standin,
            ExtBot(TOKEN, base_url=standin.base_url, rate_limiter=build_rate_limiter()) as bot,
        ):
            clock, sender = ManualClock(MONDAY_9AM), TelegramSender(bot)
            outbox = Outbox(db, clock, sender, FakeRenderer())
            report = await outbox.run_once()
    finally:
        db.close()
        store.close()
    assert (report.sent, report.retry_after, standin.stats.too_many_requests) == (4, 0, 0)
    times = [m.at for m in standin.messages(101)]
    assert all(b - a >= 0.95 for a, b in itertools.pairwise(times))
