"""Shared fixtures: a started Bot API stand-in on a free local port, and a real SQLite store
in `tmp_path` (as sqlite-utils' `fresh_db`; a test module's own `store` fixture wins)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest

from bot.standin.botapi import BotAPIStandIn
from bot.store import Store


@pytest.fixture
async def standin() -> AsyncIterator[BotAPIStandIn]:
    async with BotAPIStandIn() as api:
        yield api


@pytest.fixture
def store(tmp_path) -> Iterator[Store]:
    store = Store.open(tmp_path / "store.db")
    yield store
    store.close()
