"""The stand-in's webhook methods as python-telegram-bot sees them: Telegram's rules and
answers, and getUpdates refused while a webhook is set."""

from __future__ import annotations

import pytest
from telegram import Bot
from telegram.error import BadRequest, Conflict

from bot.standin.botapi import BotAPIStandIn

TOKEN = "7000000001:sandbox-token-for-tests"


@pytest.fixture
async def bot(standin: BotAPIStandIn):
    async with Bot(TOKEN, base_url=standin.base_url) as b:
        yield b


@pytest.mark.parametrize(
    ("url", "secret", "says"),
    [
        pytest.param("http://bot.example.com/tg", None, "(?i)https url", id="plain_http_elsewhere"),
        pytest.param("ftp://127.0.0.1/tg", None, "(?i)https url", id="not_http"),
        pytest.param("https://bot.example.com/tg", "has space", "(?i)unallowed", id="bad_secret"),
    ],
)
async def test_set_webhook_refuses_what_telegram_refuses(bot, standin, url, secret, says):
    with pytest.raises(BadRequest, match=says):
        await bot.set_webhook(url, secret_token=secret)
    assert standin.webhook.url == ""


async def test_a_set_webhook_is_reported_and_blocks_polling_until_deleted(bot, standin):
    assert await bot.set_webhook("https://bot.example.com/tg", secret_token="abc_DEF-1")
    info = await bot.get_webhook_info()
    assert info.url == "https://bot.example.com/tg"
    with pytest.raises(Conflict, match="webhook is active"):
        await bot.get_updates()
    assert await bot.delete_webhook()
    assert (await bot.get_webhook_info()).url == ""
    assert await bot.get_updates() == ()


async def test_an_empty_url_removes_the_webhook(bot, standin):
    await bot.set_webhook("http://127.0.0.1:9/tg")
    await bot.set_webhook("")
    assert standin.webhook.url == ""
