"""Shared fixtures: a started Bot API stand-in on a free local port."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.standin.botapi import BotAPIStandIn


@pytest.fixture
async def standin() -> AsyncIterator[BotAPIStandIn]:
    async with BotAPIStandIn() as api:
        yield api
