"""What the stand-in's tests share: a client of its control API and a Bot talking to it."""

from __future__ import annotations

import pytest
from telegram import Bot

from bot.standin.client import StandInClient

TOKEN = "7000000001:sandbox-token-for-tests"


@pytest.fixture
async def client(standin):
    async with StandInClient(standin.url) as c:
        yield c


@pytest.fixture
async def bot(standin):
    async with Bot(TOKEN, base_url=standin.base_url, base_file_url=standin.base_file_url) as b:
        yield b
